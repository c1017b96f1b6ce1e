package org.rlgan.envs.wrappers;

import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/** Changes rewards only: the hook is {@link #reward}. */
public abstract class RewardWrapper<O, A> extends Wrapper<O, A, O, A> {

  protected RewardWrapper(Env<O, A> env) {
    super(env);
  }

  /** The reward this wrapper returns for a step of the inner environment. */
  protected abstract double reward(Step<O> inner);

  @Override
  public Reset<O> reset(OptionalLong seed, Map<String, Object> options) {
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    return new Step<>(s.observation(), reward(s), s.terminated(), s.truncated(), s.info());
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }
}
