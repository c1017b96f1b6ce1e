package org.rlgan.mdp.solve;

import java.util.Arrays;
import org.rlgan.mdp.model.FiniteMdp;

/**
 * What a discounted solver returns. Arrays are the solver's own (not copied): do not change them.
 *
 * @param solver which solver and mode produced it, e.g. {@code "ValueIteration"}
 * @param discount γ
 * @param values V, length S
 * @param q Q(s, a) = r(s, a) + γ Σ p·(1 − terminated)·V(s'), computed from {@code values}, row-major S × A
 * @param policy the solver's policy, length S. In the default mode it is greedy with respect to {@code q}, ties
 *     broken by the lowest action index; in pymdptoolbox compatibility mode it is exactly the policy
 *     pymdptoolbox returns (which may be greedy with respect to an earlier V)
 * @param iterations iterations as the solver counts them (sweeps, evaluations, stages)
 * @param residual the Bellman residual of the returned values, ‖T V − V‖∞
 * @param bound a guaranteed bound on ‖V − V*‖∞ ({@code NaN} when none is known: γ = 1)
 */
public record Solution(
    String solver, double discount, double[] values, double[] q, int[] policy, int iterations, double residual,
    double bound) {

  public int states() {
    return values.length;
  }

  public int actions() {
    return q.length / values.length;
  }

  /** Q(s, a). */
  public double q(int s, int a) {
    return q[s * actions() + a];
  }

  /** V(s). */
  public double value(int s) {
    return values[s];
  }

  /**
   * The actions whose Q(s, ·) is within {@code tolerance} of the best: the set of (near-)optimal actions, for
   * tie-robust comparisons of policies.
   */
  public int[] optimalActions(int s, double tolerance) {
    int a = actions();
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a; i++) {
      best = Math.max(best, q[s * a + i]);
    }
    int[] out = new int[a];
    int n = 0;
    for (int i = 0; i < a; i++) {
      if (q[s * a + i] >= best - tolerance) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Completes a solver's values into a solution: computes Q and the residual, and tightens {@code solverBound}
   * with the a-posteriori bound ‖V − V*‖∞ ≤ ‖T V − V‖∞ / (1 − γ), valid for any V when γ < 1.
   *
   * @param policy the solver's own policy, or null for the greedy one
   */
  static Solution complete(String solver, FiniteMdp m, double gamma, double[] v, int[] policy, int iterations,
      double solverBound, boolean parallel) {
    int s = m.states();
    double[] q = new double[s * m.actions()];
    double[] tv = new double[s];
    int[] greedy = new int[s];
    Sweeps.backup(m, v, gamma, tv, greedy, q, parallel);
    double residual = Sweeps.supDistance(tv, v);
    double bound = solverBound;
    if (gamma < 1) {
      double posterior = residual / (1 - gamma);
      bound = Double.isNaN(bound) ? posterior : Math.min(bound, posterior);
    }
    return new Solution(solver, gamma, v, q, policy == null ? greedy : policy, iterations, residual, bound);
  }
}
