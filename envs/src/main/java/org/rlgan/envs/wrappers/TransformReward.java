package org.rlgan.envs.wrappers;

import java.util.function.DoubleUnaryOperator;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Step;

/** Applies a function to every reward (Gymnasium's {@code TransformReward}). */
public final class TransformReward<O, A> extends RewardWrapper<O, A> {

  private final DoubleUnaryOperator f;

  public TransformReward(Env<O, A> env, DoubleUnaryOperator f) {
    super(env);
    this.f = f;
  }

  @Override
  protected double reward(Step<O> inner) {
    return f.applyAsDouble(inner.reward());
  }
}
