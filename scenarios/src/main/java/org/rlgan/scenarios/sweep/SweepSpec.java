package org.rlgan.scenarios.sweep;

import java.util.List;
import java.util.Map;
import org.rlgan.scenarios.config.Opt;

/**
 * A scenario's {@code sweep:} block: configurations from a grid and/or random draws over dotted keys (the paths
 * of {@code --set}), each run once per seed.
 *
 * <pre>
 * sweep:
 *   seeds: [0, 1, 2, 3, 4]
 *   grid:
 *     agent.learning_rate: [1e-4, 1e-3, 1e-2]
 *   random:
 *     trials: 8
 *     seed: 0
 *     params:
 *       agent.gamma: {type: uniform, low: 0.9, high: 0.999}
 * </pre>
 *
 * <p>With both, every random draw is combined with every grid point. Keys may not be {@code seed}, {@code name},
 * {@code out} or {@code kind} (the sweep sets those).
 */
public record SweepSpec(
    @Opt(doc = "the scenario seeds every configuration runs with; default: the scenario's seed", def = "null")
    List<Long> seeds,
    @Opt(doc = "dotted key -> list of values; every combination is a configuration", def = "{}")
    Map<String, Object> grid,
    @Opt(doc = "random configurations: {trials: N, seed: S, params: {dotted key: distribution}}", def = "null")
    RandomSpec random) {

  /** {@code random:}: {@code trials} configurations drawn with the sampler's own seed. */
  public record RandomSpec(
      @Opt(doc = "how many configurations to draw", range = "[1, 100000]") int trials,
      @Opt(doc = "the sampler's seed (the draws depend on it alone, not on the scenario seeds)", def = "0",
          range = "[0, inf)") long seed,
      @Opt(doc = "dotted key -> {type: uniform | log_uniform | integer | choice, ...}") Map<String, Object> params) {

    public RandomSpec {
      if (params.isEmpty()) {
        throw new IllegalArgumentException("'params' is empty; name at least one key to draw, e.g. "
            + "params: {agent.learning_rate: {type: log_uniform, low: 1e-4, high: 1e-2}}");
      }
    }
  }
}
