package org.rlgan.mdp.solve;

import org.rlgan.mdp.model.FiniteMdp;

/**
 * Finite-horizon backward induction (Bellman 1957; Puterman 1994, §4.5): V_N = h, and for n = N−1 down to 0,
 * V_n = T V_{n+1} with π_n greedy. Exact in N sweeps; the same computation as pymdptoolbox's FiniteHorizon.
 */
public final class FiniteHorizon {

  private FiniteHorizon() {}

  /** Solves with terminal values 0. */
  public static FiniteHorizonSolution solve(FiniteMdp m, double discount, int horizon) {
    return solve(m, discount, horizon, new double[m.states()]);
  }

  /**
   * @param discount γ in [0, 1]
   * @param horizon N ≥ 1
   * @param terminalValues h, the value of each state after the last stage (copied)
   */
  public static FiniteHorizonSolution solve(FiniteMdp m, double discount, int horizon, double[] terminalValues) {
    Checks.discount(discount, true);
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon is " + horizon + "; it must be at least 1");
    }
    Checks.length("terminalValues", terminalValues, m.states());
    double[][] values = new double[horizon + 1][];
    int[][] policy = new int[horizon][m.states()];
    values[horizon] = terminalValues.clone();
    for (int n = horizon - 1; n >= 0; n--) {
      values[n] = new double[m.states()];
      Sweeps.backup(m, values[n + 1], discount, values[n], policy[n], null, true);
    }
    return new FiniteHorizonSolution(values, policy);
  }
}
