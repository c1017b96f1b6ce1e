package org.rlgan.mdp.solve;

import org.rlgan.mdp.model.FiniteMdp;

/**
 * Value iteration (Bellman 1957; book chapter 10): V ← T V with T V(s) = max_a [r(s,a) + γ Σ p V(s')], either
 * synchronous (Jacobi: every state from the previous sweep, parallel over states for large models) or
 * Gauss–Seidel (in place, each state using the values already updated in this sweep).
 *
 * <p>Stopping guarantees the <em>values</em>, not only the policy: it stops when the returned V is provably
 * within {@link Config#tolerance()} of V* in the sup norm. Synchronous sweeps use MacQueen's bounds (the returned
 * V is the midpoint of the interval that contains V*, which often converges far faster than the sup-norm change);
 * Gauss–Seidel sweeps use ‖V_{n+1} − V*‖ ≤ γ/(1−γ)·‖V_{n+1} − V_n‖. With γ = 1 (episodic problems such as the
 * gambler's) no bound exists: it stops when the sup-norm change falls below the tolerance and reports
 * {@code bound = NaN}. For pymdptoolbox's own rules see {@link MdpToolbox#valueIteration}.
 */
public final class ValueIteration {

  /**
   * @param discount γ in [0, 1]
   * @param tolerance the guaranteed sup-norm distance of the returned V to V* (γ &lt; 1)
   * @param maxIterations the sweep budget; exceeding it is a {@link NotConvergedException}
   * @param gaussSeidel in-place sweeps instead of synchronous ones
   * @param parallel split synchronous sweeps of large models over the common fork-join pool
   */
  public record Config(double discount, double tolerance, int maxIterations, boolean gaussSeidel, boolean parallel) {

    public Config {
      Checks.discount(discount, true);
      Checks.positive("tolerance", tolerance);
      Checks.positive("maxIterations", maxIterations);
    }

    /** Synchronous, tolerance 1e-8, 100,000 sweeps, parallel. */
    public static Config of(double discount) {
      return new Config(discount, 1e-8, 100_000, false, true);
    }

    public Config withTolerance(double t) {
      return new Config(discount, t, maxIterations, gaussSeidel, parallel);
    }

    public Config withGaussSeidel(boolean gs) {
      return new Config(discount, tolerance, maxIterations, gs, parallel);
    }

    public Config withMaxIterations(int n) {
      return new Config(discount, tolerance, n, gaussSeidel, parallel);
    }

    public Config withParallel(boolean p) {
      return new Config(discount, tolerance, maxIterations, gaussSeidel, p);
    }
  }

  private final Config config;

  public ValueIteration(Config config) {
    this.config = config;
  }

  /** Solves from V = 0. */
  public Solution solve(FiniteMdp m) {
    return solve(m, new double[m.states()]);
  }

  /** Solves from the given initial values (copied). */
  public Solution solve(FiniteMdp m, double[] initialValues) {
    Checks.length("initialValues", initialValues, m.states());
    return config.gaussSeidel ? gaussSeidel(m, initialValues.clone()) : jacobi(m, initialValues.clone());
  }

  private Solution jacobi(FiniteMdp m, double[] v) {
    double gamma = config.discount;
    double[] w = new double[m.states()];
    double change = Double.NaN;
    double bound = Double.NaN;
    for (int it = 1; it <= config.maxIterations; it++) {
      // V_{n+1} = T V_n
      Sweeps.backup(m, v, gamma, w, null, null, config.parallel);
      change = Sweeps.supDistance(w, v);
      if (gamma < 1) {
        // V* − V_{n+1} ∈ [lo, hi]: return the midpoint, within (hi − lo)/2 of V*.
        double[] b = Sweeps.valueBounds(m, gamma, w, v);
        bound = (b[1] - b[0]) / 2;
        if (bound <= config.tolerance) {
          double shift = (b[0] + b[1]) / 2;
          for (int s = 0; s < w.length; s++) {
            w[s] += shift;
          }
          return Solution.complete("ValueIteration", m, gamma, w, null, it, bound, config.parallel);
        }
      } else if (change < config.tolerance) {
        return Solution.complete("ValueIteration", m, gamma, w, null, it, Double.NaN, config.parallel);
      }
      double[] t = v;
      v = w;
      w = t;
    }
    throw new NotConvergedException("ValueIteration", config.maxIterations, change, bound,
        "raise maxIterations or the tolerance");
  }

  private Solution gaussSeidel(FiniteMdp m, double[] v) {
    double gamma = config.discount;
    int a = m.actions();
    double change = Double.NaN;
    double bound = Double.NaN;
    for (int it = 1; it <= config.maxIterations; it++) {
      change = 0;
      for (int s = 0; s < v.length; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a; i++) {
          best = Math.max(best, m.q(s, i, v, gamma));
        }
        change = Math.max(change, Math.abs(best - v[s]));
        v[s] = best;
      }
      if (gamma < 1) {
        // The Gauss–Seidel operator is a γ-contraction: ‖V_{n+1} − V*‖ ≤ γ/(1−γ)·‖V_{n+1} − V_n‖.
        bound = gamma / (1 - gamma) * change;
        if (bound <= config.tolerance) {
          return Solution.complete("ValueIteration(Gauss-Seidel)", m, gamma, v, null, it, bound, config.parallel);
        }
      } else if (change < config.tolerance) {
        return Solution.complete("ValueIteration(Gauss-Seidel)", m, gamma, v, null, it, Double.NaN, config.parallel);
      }
    }
    throw new NotConvergedException("ValueIteration(Gauss-Seidel)", config.maxIterations, change, bound,
        "raise maxIterations or the tolerance");
  }

  @Override
  public String toString() {
    return "ValueIteration" + config;
  }
}
