package org.rlgan.mdp.model;

import java.util.Arrays;

/**
 * Collects the transitions of a sparse {@link FiniteMdp} one at a time, in any order; entries of the same
 * (s, a) keep the order they were added in (so a model built from Gymnasium's {@code P[s][a]} lists them as
 * Gymnasium does, duplicates included).
 *
 * <pre>{@code
 * FiniteMdp m = new FiniteMdpBuilder(2, 1)
 *     .transition(0, 0, 1, 1.0, 1.0, true)    // from state 0, action 0: to state 1, p 1, reward 1, terminal
 *     .transition(1, 0, 1, 1.0, 0.0, true)
 *     .build();
 * }</pre>
 */
public final class FiniteMdpBuilder {

  private final int states;
  private final int actions;
  private int n;
  private int[] row = new int[16];
  private int[] next = new int[16];
  private double[] prob = new double[16];
  private double[] reward = new double[16];
  private boolean[] terminated = new boolean[16];
  private double[] rowReward;
  private double[] initial;
  private double tolerance = FiniteMdp.DEFAULT_TOLERANCE;

  public FiniteMdpBuilder(int states, int actions) {
    if (states <= 0 || actions <= 0) {
      throw new InvalidModelException("a finite MDP needs at least one state and one action; got S=" + states
          + ", A=" + actions);
    }
    this.states = states;
    this.actions = actions;
  }

  /** Adds an entry: from {@code s} with action {@code a}, to {@code nextState} with probability {@code p}. */
  public FiniteMdpBuilder transition(int s, int a, int nextState, double p, double r, boolean terminal) {
    checkState(s, "from-state");
    checkAction(a);
    checkState(nextState, "next state");
    if (n == row.length) {
      int cap = n * 2;
      row = Arrays.copyOf(row, cap);
      next = Arrays.copyOf(next, cap);
      prob = Arrays.copyOf(prob, cap);
      reward = Arrays.copyOf(reward, cap);
      terminated = Arrays.copyOf(terminated, cap);
    }
    row[n] = s * actions + a;
    next[n] = nextState;
    prob[n] = p;
    reward[n] = r;
    terminated[n] = terminal;
    n++;
    return this;
  }

  /** Adds {@code r} to the reward R(s, a) received on every transition from (s, a). */
  public FiniteMdpBuilder reward(int s, int a, double r) {
    checkState(s, "state");
    checkAction(a);
    if (rowReward == null) {
      rowReward = new double[states * actions];
    }
    rowReward[s * actions + a] += r;
    return this;
  }

  /** The initial state distribution (default uniform). */
  public FiniteMdpBuilder initialDistribution(double[] isd) {
    this.initial = isd.clone();
    return this;
  }

  /** The tolerance on |Σ p − 1| per row (default {@value FiniteMdp#DEFAULT_TOLERANCE}). */
  public FiniteMdpBuilder tolerance(double tol) {
    if (!(tol >= 0)) {
      throw new IllegalArgumentException("tolerance is " + tol + "; it must be non-negative");
    }
    this.tolerance = tol;
    return this;
  }

  /** The validated model. */
  public FiniteMdp build() {
    int rows = states * actions;
    int[] rowStart = new int[rows + 1];
    for (int i = 0; i < n; i++) {
      rowStart[row[i] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] += rowStart[r];
    }
    int[] fill = Arrays.copyOf(rowStart, rows);
    int[] nx = new int[n];
    double[] p = new double[n];
    double[] rw = new double[n];
    boolean[] t = new boolean[n];
    boolean anyReward = false;
    for (int i = 0; i < n; i++) {
      int k = fill[row[i]]++;
      nx[k] = next[i];
      p[k] = prob[i];
      rw[k] = reward[i];
      t[k] = terminated[i];
      anyReward |= reward[i] != 0.0;
    }
    for (int r = 0; r < rows; r++) {
      if (rowStart[r] == rowStart[r + 1]) {
        throw new InvalidModelException("state " + r / actions + ", action " + r % actions
            + " has no transitions; add at least one (a terminal state loops to itself with p = 1)");
      }
    }
    return new FiniteMdp(states, actions, false, rowStart, nx, p, anyReward ? rw : null, rowReward, t, initial,
        tolerance);
  }

  private void checkState(int s, String what) {
    if (s < 0 || s >= states) {
      throw new InvalidModelException(what + " " + s + " is outside the states 0.." + (states - 1));
    }
  }

  private void checkAction(int a) {
    if (a < 0 || a >= actions) {
      throw new InvalidModelException("action " + a + " is outside the actions 0.." + (actions - 1));
    }
  }
}
