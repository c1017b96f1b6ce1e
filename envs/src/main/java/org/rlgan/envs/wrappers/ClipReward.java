package org.rlgan.envs.wrappers;

import org.rlgan.mdp.Env;
import org.rlgan.mdp.Step;

/** Clips every reward to [min, max] (DQN's reward clipping to [−1, 1], Mnih et al. 2015). */
public final class ClipReward<O, A> extends RewardWrapper<O, A> {

  private final double min;
  private final double max;

  public ClipReward(Env<O, A> env, double min, double max) {
    super(env);
    if (!(min <= max)) {
      throw new IllegalArgumentException("ClipReward: min " + min + " must be at most max " + max);
    }
    this.min = min;
    this.max = max;
  }

  @Override
  protected double reward(Step<O> inner) {
    return Math.min(max, Math.max(min, inner.reward()));
  }
}
