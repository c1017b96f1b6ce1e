package org.rlgan.mdp.solve;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.rlgan.mdp.model.FiniteMdp;

/**
 * The value V^π of any stochastic policy: the solution of V = r_π + γ P_π V (book chapter 10).
 *
 * <ul>
 *   <li>{@link Method#DIRECT}: an LU solve of (I − γ P_π) V = r_π (Commons Math), exact to rounding. Dense, so
 *       O(S³) time and O(S²) memory: for models up to a few thousand states.
 *   <li>{@link Method#ITERATIVE}: Gauss–Seidel sweeps until ‖V − V^π‖∞ ≤ tolerance is guaranteed
 *       (γ/(1−γ)·‖ΔV‖∞, the sweep being a γ-contraction); memory O(S), for large sparse models.
 *   <li>{@link Method#AUTO}: direct up to {@link Config#directMaxStates()} states, iterative above.
 * </ul>
 */
public final class PolicyEvaluation {

  /** How V^π is computed. */
  public enum Method {
    DIRECT,
    ITERATIVE,
    AUTO
  }

  /**
   * @param discount γ in [0, 1] (γ = 1 only where every policy reaches a terminal transition)
   * @param method direct, iterative or automatic
   * @param tolerance the guaranteed ‖V − V^π‖∞ of the iterative method
   * @param maxSweeps the iterative method's budget
   * @param directMaxStates the largest model AUTO solves directly
   */
  public record Config(double discount, Method method, double tolerance, int maxSweeps, int directMaxStates) {

    public Config {
      Checks.discount(discount, true);
      Checks.positive("tolerance", tolerance);
      Checks.positive("maxSweeps", maxSweeps);
      Checks.positive("directMaxStates", directMaxStates);
    }

    /** AUTO, tolerance 1e-10, 1,000,000 sweeps, direct up to 1,000 states. */
    public static Config of(double discount) {
      return new Config(discount, Method.AUTO, 1e-10, 1_000_000, 1000);
    }

    public Config withMethod(Method m) {
      return new Config(discount, m, tolerance, maxSweeps, directMaxStates);
    }

    public Config withTolerance(double t) {
      return new Config(discount, method, t, maxSweeps, directMaxStates);
    }
  }

  private final Config config;

  public PolicyEvaluation(Config config) {
    this.config = config;
  }

  /** V of the deterministic policy {@code policy}. */
  public PolicyValues evaluate(FiniteMdp m, int[] policy) {
    return evaluate(m, StochasticPolicy.deterministic(policy, m.actions()));
  }

  /** V of the stochastic policy {@code pi}. */
  public PolicyValues evaluate(FiniteMdp m, StochasticPolicy pi) {
    return evaluate(m, pi, new double[m.states()]);
  }

  /** V of {@code pi}, starting the iterative method from {@code initial} (ignored by the direct method). */
  PolicyValues evaluate(FiniteMdp m, StochasticPolicy pi, double[] initial) {
    if (pi.states() != m.states() || pi.actions() != m.actions()) {
      throw new IllegalArgumentException("the policy is over S=" + pi.states() + ", A=" + pi.actions()
          + " but the model has S=" + m.states() + ", A=" + m.actions());
    }
    boolean direct = switch (config.method) {
      case DIRECT -> true;
      case ITERATIVE -> false;
      case AUTO -> m.states() <= config.directMaxStates;
    };
    double[] v;
    int iterations;
    double bound;
    if (direct) {
      v = direct(m, pi, config.discount);
      iterations = 1;
      bound = Double.NaN;
    } else {
      v = initial.clone();
      double[] result = gaussSeidel(m, pi, config.discount, v, config.tolerance, config.maxSweeps);
      iterations = (int) result[0];
      bound = result[1];
    }
    return complete(m, pi, config.discount, v, iterations, bound);
  }

  /** Solves (I − γ P_π) V = r_π by LU decomposition. */
  static double[] direct(FiniteMdp m, StochasticPolicy pi, double gamma) {
    int n = m.states();
    int na = m.actions();
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int s = 0; s < n; s++) {
      a[s][s] = 1.0;
      for (int i = 0; i < na; i++) {
        double w = pi.prob(s, i);
        if (w == 0) {
          continue;
        }
        int row = m.row(s, i);
        b[s] += w * m.expectedReward(s, i);
        for (int k = m.start(row); k < m.end(row); k++) {
          if (!m.terminated(k)) {
            a[s][m.next(k)] -= gamma * w * m.prob(k);
          }
        }
      }
    }
    try {
      RealVector x = new LUDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
          .solve(new ArrayRealVector(b, false));
      return x.toArray();
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException("I − γ·P_π is singular (γ = " + gamma + "): under this policy some state "
          + "never reaches a terminal transition, so its undiscounted value is undefined; use γ < 1", e);
    }
  }

  /**
   * In-place Gauss–Seidel sweeps of V ← r_π + γ P_π V.
   *
   * @return {sweeps, bound}
   */
  static double[] gaussSeidel(FiniteMdp m, StochasticPolicy pi, double gamma, double[] v, double tolerance,
      int maxSweeps) {
    int na = m.actions();
    double change = Double.NaN;
    double bound = Double.NaN;
    for (int sweep = 1; sweep <= maxSweeps; sweep++) {
      change = 0;
      for (int s = 0; s < v.length; s++) {
        double x = 0;
        for (int i = 0; i < na; i++) {
          double w = pi.prob(s, i);
          if (w != 0) {
            x += w * m.q(s, i, v, gamma);
          }
        }
        change = Math.max(change, Math.abs(x - v[s]));
        v[s] = x;
      }
      if (gamma < 1) {
        bound = gamma / (1 - gamma) * change;
        if (bound <= tolerance) {
          return new double[] {sweep, bound};
        }
      } else if (change < tolerance) {
        return new double[] {sweep, Double.NaN};
      }
    }
    throw new NotConvergedException("PolicyEvaluation(iterative)", maxSweeps, change, bound,
        "raise maxSweeps or the tolerance, or use the direct method");
  }

  private static PolicyValues complete(FiniteMdp m, StochasticPolicy pi, double gamma, double[] v, int iterations,
      double solverBound) {
    int n = m.states();
    int na = m.actions();
    double[] q = new double[n * na];
    double residual = 0;
    for (int s = 0; s < n; s++) {
      double tv = 0;
      for (int i = 0; i < na; i++) {
        q[s * na + i] = m.q(s, i, v, gamma);
        tv += pi.prob(s, i) * q[s * na + i];
      }
      residual = Math.max(residual, Math.abs(tv - v[s]));
    }
    double bound = solverBound;
    if (gamma < 1) {
      double posterior = residual / (1 - gamma);
      bound = Double.isNaN(bound) ? posterior : Math.min(bound, posterior);
    }
    return new PolicyValues(v, q, iterations, residual, bound);
  }
}
