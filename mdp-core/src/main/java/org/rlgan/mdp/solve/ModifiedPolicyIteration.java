package org.rlgan.mdp.solve;

import org.rlgan.mdp.model.FiniteMdp;

/**
 * Modified policy iteration (Puterman &amp; Shin 1978): a greedy improvement followed by {@code m} sweeps of
 * partial evaluation of the new policy, instead of an exact evaluation. Starts from V = min r / (1 − γ), below
 * V*, so the values rise monotonically. Stops like {@link ValueIteration}, on MacQueen's bounds after an
 * improvement step, with values guaranteed within the tolerance of V*.
 */
public final class ModifiedPolicyIteration {

  /**
   * @param discount γ in [0, 1)
   * @param tolerance the guaranteed sup-norm distance of the returned V to V*
   * @param evaluationSweeps partial-evaluation sweeps per improvement (m)
   * @param maxIterations the budget of improvements
   * @param parallel split improvement sweeps of large models over the common fork-join pool
   */
  public record Config(double discount, double tolerance, int evaluationSweeps, int maxIterations, boolean parallel) {

    public Config {
      Checks.discount(discount, false);
      Checks.positive("tolerance", tolerance);
      Checks.positive("evaluationSweeps", evaluationSweeps);
      Checks.positive("maxIterations", maxIterations);
    }

    /** Tolerance 1e-8, 20 evaluation sweeps, 100,000 iterations, parallel. */
    public static Config of(double discount) {
      return new Config(discount, 1e-8, 20, 100_000, true);
    }
  }

  private final Config config;

  public ModifiedPolicyIteration(Config config) {
    this.config = config;
  }

  public Solution solve(FiniteMdp m) {
    double gamma = config.discount;
    int n = m.states();
    int na = m.actions();
    double[] v = new double[n];
    java.util.Arrays.fill(v, m.minExpectedReward() / (1 - gamma));
    double[] w = new double[n];
    int[] policy = new int[n];
    double bound = Double.NaN;
    double change = Double.NaN;
    for (int it = 1; it <= config.maxIterations; it++) {
      // Improvement: W = T V, π greedy with respect to V.
      Sweeps.backup(m, v, gamma, w, policy, null, config.parallel);
      change = Sweeps.supDistance(w, v);
      double[] b = Sweeps.valueBounds(m, gamma, w, v);
      bound = (b[1] - b[0]) / 2;
      if (bound <= config.tolerance) {
        double shift = (b[0] + b[1]) / 2;
        for (int s = 0; s < n; s++) {
          w[s] += shift;
        }
        return Solution.complete("ModifiedPolicyIteration", m, gamma, w, null, it, bound, config.parallel);
      }
      // Partial evaluation: m in-place sweeps of V ← r_π + γ P_π V from W.
      double[] t = v;
      v = w;
      w = t;
      for (int k = 0; k < config.evaluationSweeps; k++) {
        for (int s = 0; s < n; s++) {
          v[s] = m.q(s, policy[s], v, gamma);
        }
      }
    }
    throw new NotConvergedException("ModifiedPolicyIteration", config.maxIterations, change, bound,
        "raise maxIterations or the tolerance");
  }
}
