package org.rlgan.mdp.solve;

import java.util.Arrays;
import org.rlgan.mdp.model.FiniteMdp;

/**
 * pymdptoolbox's solvers, rule for rule (sawcordwell/pymdptoolbox, {@code mdp.py} at commit 7c96789), so published
 * pymdptoolbox numbers can be reproduced digit for digit: the same initial values, the same iteration bound, the
 * same span stopping rule with threshold ε(1−γ)/γ, the same counting of iterations and the same returned V and
 * policy.
 *
 * <p>Know what those rules return (see {@code docs/mdp.md}): its ValueIteration stops on an ε-optimal
 * <em>policy</em> and returns a V that is not V* (forest at γ = 0.96: V = (5.93, 9.39, 13.39) where V* =
 * (74.65, 78.11, 82.11)); its ValueIteration computes {@code max_iter} from a bound and ignores the one given;
 * its PolicyIteration starts from the policy greedy with respect to R. For values guaranteed close to V* use
 * {@link ValueIteration}, {@link PolicyIteration} and the other default solvers.
 *
 * <p>Every {@link Solution} returned here carries pymdptoolbox's V, policy and iteration count; its Q, residual and
 * bound are computed from that V (they are not pymdptoolbox outputs).
 */
public final class MdpToolbox {

  /** How {@link #policyIteration} evaluates each policy (pymdptoolbox's {@code eval_type}). */
  public enum EvalType {
    MATRIX,
    ITERATIVE
  }

  private static final int RUNAWAY_GUARD = 10_000_000;

  private MdpToolbox() {}

  /** {@code ValueIteration(P, R, discount)} with ε = 0.01, max_iter = 1000, initial value 0. */
  public static Solution valueIteration(FiniteMdp m, double discount) {
    return valueIteration(m, discount, 0.01, 1000, new double[m.states()]);
  }

  /** {@code ValueIteration(P, R, discount, epsilon, max_iter, initial_value)}. */
  public static Solution valueIteration(FiniteMdp m, double discount, double epsilon, int maxIter, double[] initial) {
    check(discount, epsilon, maxIter);
    Checks.length("initial_value", initial, m.states());
    double[] v = initial.clone();
    // pymdptoolbox's ValueIteration.__init__: for γ < 1 the bound replaces max_iter and ε becomes ε(1−γ)/γ.
    double thresh = discount < 1 ? epsilon * (1 - discount) / discount : epsilon;
    maxIter = discount < 1 ? boundIter(m, discount, epsilon, v) : maxIter;
    int n = m.states();
    int[] policy = new int[n];
    int it = 0;
    while (true) {
      it++;
      double[] prev = v;
      v = new double[n];
      m.backup(prev, discount, 0, n, v, policy, null);
      double variation = span(v, prev);
      if (variation < thresh || it == maxIter) {
        break;
      }
    }
    return Solution.complete("pymdptoolbox.ValueIteration", m, discount, v, policy, it, Double.NaN, false);
  }

  /**
   * The iteration bound pymdptoolbox's ValueIteration and ValueIterationGS put in place of {@code max_iter}
   * (Puterman 1994, Thm 6.6.6): with k = 1 − Σ_j min_{s,a} P(j | s, a) and the span of the first change,
   * {@code ceil(log((ε(1−γ)/γ) / span) / log(γ k))}.
   *
   * @throws IllegalArgumentException where pymdptoolbox itself fails (γ·k = 0 or a zero first change)
   */
  public static int boundIter(FiniteMdp m, double discount, double epsilon, double[] initial) {
    int n = m.states();
    int rows = n * m.actions();
    double[] colMin = new double[n];
    Arrays.fill(colMin, Double.POSITIVE_INFINITY);
    int[] colCount = new int[n];
    double[] merged = new double[n];
    int[] touched = new int[n];
    boolean[] seen = new boolean[n];
    for (int r = 0; r < rows; r++) {
      int t = 0;
      for (int k = m.start(r); k < m.end(r); k++) {
        int j = m.next(k);
        if (!seen[j]) {
          seen[j] = true;
          touched[t++] = j;
        }
        merged[j] += m.prob(k);
      }
      for (int i = 0; i < t; i++) {
        int j = touched[i];
        colMin[j] = Math.min(colMin[j], merged[j]);
        colCount[j]++;
        merged[j] = 0;
        seen[j] = false;
      }
    }
    double hSum = 0;
    for (int j = 0; j < n; j++) {
      hSum += colCount[j] == rows ? colMin[j] : 0.0;
    }
    double k = 1 - hSum;
    double[] value = new double[n];
    m.backup(initial, discount, 0, n, value, null, null);
    double span = span(value, initial);
    double gk = discount * k;
    if (!(gk > 0) || span == 0) {
      throw new IllegalArgumentException("pymdptoolbox's iteration bound is undefined for this model (γ·k = " + gk
          + ", first span = " + span + "; pymdptoolbox raises an error here too): use ValueIteration");
    }
    double maxIter = Math.log((epsilon * (1 - discount) / discount) / span) / Math.log(gk);
    return (int) Math.ceil(maxIter);
  }

  /** {@code ValueIterationGS(P, R, discount)} with ε = 0.01, max_iter = 10 (replaced by the bound when γ &lt; 1). */
  public static Solution valueIterationGS(FiniteMdp m, double discount) {
    return valueIterationGS(m, discount, 0.01, 10, new double[m.states()]);
  }

  /** {@code ValueIterationGS(P, R, discount, epsilon, max_iter, initial_value)}. */
  public static Solution valueIterationGS(FiniteMdp m, double discount, double epsilon, int maxIter,
      double[] initial) {
    check(discount, epsilon, maxIter);
    Checks.length("initial_value", initial, m.states());
    double[] v = initial.clone();
    // pymdptoolbox's ValueIteration.__init__: for γ < 1 the bound replaces max_iter and ε becomes ε(1−γ)/γ.
    double thresh = discount < 1 ? epsilon * (1 - discount) / discount : epsilon;
    maxIter = discount < 1 ? boundIter(m, discount, epsilon, v) : maxIter;
    int n = m.states();
    int na = m.actions();
    int it = 0;
    while (true) {
      it++;
      double[] prev = v.clone();
      for (int s = 0; s < n; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < na; a++) {
          best = Math.max(best, m.q(s, a, v, discount));
        }
        v[s] = best;
      }
      double variation = span(v, prev);
      if (variation < thresh || it == maxIter) {
        break;
      }
    }
    // pymdptoolbox's last pass: one more in-place sweep that also records the greedy action.
    int[] policy = new int[n];
    for (int s = 0; s < n; s++) {
      double best = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int a = 0; a < na; a++) {
        double q = m.q(s, a, v, discount);
        if (q > best) {
          best = q;
          arg = a;
        }
      }
      v[s] = best;
      policy[s] = arg;
    }
    return Solution.complete("pymdptoolbox.ValueIterationGS", m, discount, v, policy, it, Double.NaN, false);
  }

  /** {@code PolicyIteration(P, R, discount)}: policy0 greedy with respect to R, max_iter = 1000, matrix evaluation. */
  public static Solution policyIteration(FiniteMdp m, double discount, EvalType evalType) {
    int[] policy0 = new int[m.states()];
    m.backup(new double[m.states()], discount, 0, m.states(), null, policy0, null);
    return policyIteration(m, discount, policy0, 1000, evalType);
  }

  /** {@code PolicyIteration(P, R, discount, policy0, max_iter, eval_type)}. */
  public static Solution policyIteration(FiniteMdp m, double discount, int[] policy0, int maxIter,
      EvalType evalType) {
    check(discount, 1, maxIter);
    Checks.policy(policy0, m.states(), m.actions());
    int n = m.states();
    int[] policy = policy0.clone();
    double[] v = new double[n];
    int it = 0;
    while (true) {
      it++;
      v = evalType == EvalType.MATRIX
          ? PolicyEvaluation.direct(m, StochasticPolicy.deterministic(policy, m.actions()), discount)
          : evalPolicyIterative(m, discount, policy, new double[n], 1e-4, 10_000);
      int[] next = new int[n];
      m.backup(v, discount, 0, n, null, next, null);
      int different = 0;
      for (int s = 0; s < n; s++) {
        different += next[s] != policy[s] ? 1 : 0;
      }
      if (different == 0 || it == maxIter) {
        break;
      }
      policy = next;
    }
    return Solution.complete("pymdptoolbox.PolicyIteration(" + evalType.name().toLowerCase() + ")", m, discount, v,
        policy, it, Double.NaN, false);
  }

  /** pymdptoolbox's {@code _evalPolicyIterative}: V ← R_π + γ P_π V until max|ΔV| &lt; ε(1−γ)/γ or max_iter. */
  static double[] evalPolicyIterative(FiniteMdp m, double discount, int[] policy, double[] v0, double epsilon,
      int maxIter) {
    int n = m.states();
    double[] v = v0.clone();
    int itr = 0;
    while (true) {
      itr++;
      double[] prev = v;
      v = new double[n];
      double variation = 0;
      for (int s = 0; s < n; s++) {
        v[s] = m.q(s, policy[s], prev, discount);
        variation = Math.max(variation, Math.abs(v[s] - prev[s]));
      }
      if (variation < ((1 - discount) / discount) * epsilon || itr == maxIter) {
        return v;
      }
    }
  }

  /** {@code PolicyIterationModified(P, R, discount)} with ε = 0.01, max_iter = 10. */
  public static Solution policyIterationModified(FiniteMdp m, double discount) {
    return policyIterationModified(m, discount, 0.01, 10);
  }

  /**
   * {@code PolicyIterationModified(P, R, discount, epsilon, max_iter)}: max_iter bounds each partial evaluation;
   * the outer loop, as in pymdptoolbox, runs until the span stopping rule holds.
   */
  public static Solution policyIterationModified(FiniteMdp m, double discount, double epsilon, int maxIter) {
    check(discount, epsilon, maxIter);
    int n = m.states();
    double thresh = discount != 1 ? epsilon * (1 - discount) / discount : epsilon;
    double[] v = new double[n];
    if (discount != 1) {
      Arrays.fill(v, 1 / (1 - discount) * m.minExpectedReward());
    }
    int[] policy = new int[n];
    int it = 0;
    while (true) {
      it++;
      double[] next = new double[n];
      m.backup(v, discount, 0, n, next, policy, null);
      double variation = span(next, v);
      v = next;
      if (variation < thresh) {
        break;
      }
      if (it == RUNAWAY_GUARD) {
        throw new NotConvergedException("pymdptoolbox.PolicyIterationModified", it, variation, Double.NaN,
            "pymdptoolbox would loop forever here; use ModifiedPolicyIteration");
      }
      v = evalPolicyIterative(m, discount, policy, v, epsilon, maxIter);
    }
    return Solution.complete("pymdptoolbox.PolicyIterationModified", m, discount, v, policy, it, Double.NaN, false);
  }

  /** {@code RelativeValueIteration(P, R)} with ε = 0.01, max_iter = 1000. */
  public static AverageRewardSolution relativeValueIteration(FiniteMdp m) {
    return relativeValueIteration(m, 0.01, 1000);
  }

  /**
   * {@code RelativeValueIteration(P, R, epsilon, max_iter)}. As in pymdptoolbox the returned bias is the V of the
   * iteration before the stopping one, normalised by the value of the <em>last</em> state, and the gain is its
   * {@code average_reward = gain + min(V_next − V)}.
   */
  public static AverageRewardSolution relativeValueIteration(FiniteMdp m, double epsilon, int maxIter) {
    check(1.0, epsilon, maxIter);
    int n = m.states();
    double[] v = new double[n];
    double gain = 0;
    int[] policy = new int[n];
    int it = 0;
    while (true) {
      it++;
      double[] next = new double[n];
      m.backup(v, 1.0, 0, n, next, policy, null);
      for (int s = 0; s < n; s++) {
        next[s] -= gain;
      }
      double[] mm = Sweeps.minMaxDifference(next, v);
      double variation = mm[1] - mm[0];
      if (variation < epsilon || it == maxIter) {
        return new AverageRewardSolution("pymdptoolbox.RelativeValueIteration", gain + mm[0], gain + mm[0],
            gain + mm[1], v, policy, it, variation);
      }
      v = next;
      gain = v[n - 1];
    }
  }

  /** {@code FiniteHorizon(P, R, discount, N, h)}: the same backward induction as {@link FiniteHorizon}. */
  public static FiniteHorizonSolution finiteHorizon(FiniteMdp m, double discount, int horizon, double[] h) {
    return FiniteHorizon.solve(m, discount, horizon, h);
  }

  private static double span(double[] a, double[] b) {
    double[] mm = Sweeps.minMaxDifference(a, b);
    return mm[1] - mm[0];
  }

  private static void check(double discount, double epsilon, int maxIter) {
    if (!(discount > 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount is " + discount + "; pymdptoolbox requires it in (0, 1]");
    }
    Checks.positive("epsilon", epsilon);
    Checks.positive("max_iter", maxIter);
  }
}
