package org.rlgan.envs.wrappers;

import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/**
 * With probability p the environment repeats the previous action instead of the one given (Machado et al. 2018;
 * Gymnasium's {@code StickyAction}). The first step of an episode is never sticky. The wrapper's own generator is
 * seeded from the reset seed (a derived stream, so it does not disturb the environment's), and continues on
 * unseeded resets.
 */
public final class StickyActions<O, A> extends Wrapper<O, A, O, A> {

  private final double p;
  private RandomGenerator rng;
  private A last;

  public StickyActions(Env<O, A> env, double p) {
    super(env);
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("StickyActions: p is " + p + "; it must be in [0, 1)");
    }
    this.p = p;
  }

  @Override
  public Reset<O> reset(OptionalLong seed, Map<String, Object> options) {
    if (seed.isPresent()) {
      rng = Rngs.seeded(Rngs.derive(seed.getAsLong(), 0x5717C));
    } else if (rng == null) {
      rng = Rngs.fromEntropy();
    }
    last = null;
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    A taken = last != null && rng.nextDouble() < p ? last : action;
    Step<O> s = env.step(taken);
    last = taken;
    return s;
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
