package org.rlgan.mdp.solve;

/**
 * Backward induction's answer for horizon N. Arrays are not copied.
 *
 * @param values {@code values[n][s]}: the optimal value with N − n steps to go, for stages n = 0..N
 *     ({@code values[N]} is the terminal value)
 * @param policy {@code policy[n][s]}: the optimal action at stage n = 0..N−1 (lowest index on ties)
 */
public record FiniteHorizonSolution(double[][] values, int[][] policy) {

  /** N. */
  public int horizon() {
    return policy.length;
  }

  /** V_n(s). */
  public double value(int s, int stage) {
    return values[stage][s];
  }

  /** π_n(s). */
  public int action(int s, int stage) {
    return policy[stage][s];
  }
}
