package org.rlgan.mdp.solve;

import org.rlgan.mdp.model.FiniteMdp;

/**
 * Relative value iteration for the average-reward criterion (White 1963; Puterman 1994, §8.5.5): undiscounted
 * backups W = T h, then h ← W − W(ref) so the values stay bounded. The change W − h brackets the optimal gain
 * g*: min(W − h) ≤ g* ≤ max(W − h); iteration stops when that span falls below the tolerance. Convergence needs
 * a unichain, aperiodic model (an aperiodicity transform fixes periodic ones). For pymdptoolbox's variant see
 * {@link MdpToolbox#relativeValueIteration}.
 */
public final class RelativeValueIteration {

  /**
   * @param tolerance the span of the last change at which to stop (the width of the gain bracket)
   * @param maxIterations the sweep budget
   * @param referenceState the state whose relative value is held at 0
   */
  public record Config(double tolerance, int maxIterations, int referenceState) {

    public Config {
      Checks.positive("tolerance", tolerance);
      Checks.positive("maxIterations", maxIterations);
      if (referenceState < 0) {
        throw new IllegalArgumentException("referenceState is " + referenceState + "; it must be a state index");
      }
    }

    /** Tolerance 1e-10, 100,000 sweeps, reference state 0. */
    public static Config defaults() {
      return new Config(1e-10, 100_000, 0);
    }
  }

  private final Config config;

  public RelativeValueIteration(Config config) {
    this.config = config;
  }

  public AverageRewardSolution solve(FiniteMdp m) {
    int n = m.states();
    if (config.referenceState >= n) {
      throw new IllegalArgumentException("referenceState is " + config.referenceState + " but the model has " + n
          + " states");
    }
    double[] h = new double[n];
    double[] w = new double[n];
    int[] policy = new int[n];
    double span = Double.NaN;
    for (int it = 1; it <= config.maxIterations; it++) {
      Sweeps.backup(m, h, 1.0, w, policy, null, true);
      double[] mm = Sweeps.minMaxDifference(w, h);
      span = mm[1] - mm[0];
      double ref = w[config.referenceState];
      for (int s = 0; s < n; s++) {
        w[s] -= ref;
      }
      if (span < config.tolerance) {
        return new AverageRewardSolution("RelativeValueIteration", (mm[0] + mm[1]) / 2, mm[0], mm[1], w, policy, it,
            span);
      }
      double[] t = h;
      h = w;
      w = t;
    }
    throw new NotConvergedException("RelativeValueIteration", config.maxIterations, span, Double.NaN,
        "raise maxIterations; a periodic model needs an aperiodicity transform (mix in a self-loop)");
  }
}
