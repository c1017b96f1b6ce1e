package org.rlgan.render.play;

import java.util.random.RandomGenerator;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.spaces.Space;

/** Ready-made policies. */
public final class Policies {

  private Policies() {}

  /** Uniform samples of the action space from a generator seeded with {@code seed} (same seed, same actions). */
  public static Policy random(Space<?> actions, long seed) {
    RandomGenerator rng = Rngs.seeded(seed);
    return new Policy() {
      @Override
      public Object act(double[] observation) {
        return actions.sample(rng);
      }

      @Override
      public String name() {
        return "random";
      }
    };
  }
}
