package org.rlgan.envs;

import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.EpisodeGuard;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.DType;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * A test environment with a Box observation: position x in [−5, 5] (float32), action 0 moves −1, action 1 moves
 * +1, plus uniform noise in [−0.5, 0.5] from the env's generator; reward = the move; terminated when |x| ≥ 5
 * (x clipped). Starts uniform in [−1, 1].
 */
public class RandomWalk implements Env<double[], Integer> {

  private final EnvSpec spec;
  private final EpisodeGuard guard;
  private final Box obsSpace = Box.of(-5, 5, DType.FLOAT32, 1);
  private final Discrete actSpace = new Discrete(2);
  private RandomGenerator rng;
  private double x;

  public RandomWalk(EnvSpec spec) {
    this.spec = spec;
    this.guard = new EpisodeGuard(spec.id(), EpisodeGuard.AfterEnd.FORBID);
  }

  public RandomWalk() {
    this(EnvSpec.of("RandomWalk-v0", false));
  }

  @Override
  public Reset<double[]> reset(OptionalLong seed, Map<String, Object> options) {
    if (seed.isPresent()) {
      rng = Rngs.seeded(seed.getAsLong());
    } else if (rng == null) {
      rng = Rngs.fromEntropy();
    }
    x = (float) (rng.nextDouble() * 2 - 1);
    guard.onReset();
    return new Reset<>(new double[] {x}, Map.of());
  }

  @Override
  public Step<double[]> step(Integer action) {
    guard.beforeStep(actSpace, action);
    double before = x;
    x = (float) Math.max(-5, Math.min(5, x + (action == 1 ? 1 : -1) + rng.nextDouble() - 0.5));
    boolean term = Math.abs(x) >= 5;
    guard.afterStep(term, false);
    return new Step<>(new double[] {x}, x - before, term, false, Map.of());
  }

  @Override
  public Space<double[]> observationSpace() {
    return obsSpace;
  }

  @Override
  public Space<Integer> actionSpace() {
    return actSpace;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }
}
