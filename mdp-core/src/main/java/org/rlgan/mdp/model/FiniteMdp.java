package org.rlgan.mdp.model;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A finite Markov decision process with S states and A actions (book chapter 10).
 *
 * <p>Each state–action pair (s, a) is a <em>row</em> {@code r = s·A + a} holding the entries of its transition
 * distribution: successor s', probability p, reward, and whether reaching s' by that entry terminates the
 * episode. Entries are stored either <b>sparse</b> (compressed rows: only the listed entries, duplicates allowed,
 * as Gymnasium's toy-text {@code P[s][a]} lists them) or <b>dense</b> (all S successors per row, for small models
 * given as pymdptoolbox's {@code P[a][s][s']}).
 *
 * <p>Rewards may be given per row (R(s,a)), per entry (R(s,a,s')), or both; a transition's reward is the sum.
 * Solvers use the expected reward {@code r(s,a) = R(s,a) + Σ p·R(s,a,s')}. Termination is per entry, as in
 * Gymnasium: the value of a state reached by a terminating entry is not bootstrapped, so
 * {@code Q(s,a) = r(s,a) + γ Σ p·(1 − terminated)·V(s')}.
 *
 * <p>Instances are immutable and validated at construction ({@link InvalidModelException} names the state, the
 * action and the offending sum). Build them with {@link FiniteMdpBuilder}, {@link #fromArrays}, {@link #sparse},
 * {@link FiniteMdpJson} or {@link Problems}.
 */
public final class FiniteMdp {

  /** Default tolerance on |Σ p − 1| per row. */
  public static final double DEFAULT_TOLERANCE = 1e-9;

  private final int states;
  private final int actions;
  private final boolean dense;
  // Sparse layout: row r owns entries rowStart[r] .. rowStart[r+1]-1. Dense layout: row r owns r·S .. r·S+S-1 and
  // next is null (the successor of entry k is k mod S).
  private final int[] rowStart;
  private final int[] next;
  private final double[] prob;
  /** prob·(1 − terminated): the weights of bootstrapped successors. The same array as prob when nothing terminates. */
  private final double[] cont;
  private final double[] entryReward; // null when rewards are per row only
  private final double[] rowReward; // null when rewards are per entry only
  private final double[] expectedReward;
  private final boolean[] terminated; // null when no entry terminates
  private final double[] initial;
  private final boolean stochastic;

  FiniteMdp(int states, int actions, boolean dense, int[] rowStart, int[] next, double[] prob, double[] entryReward,
      double[] rowReward, boolean[] terminated, double[] initial, double tolerance) {
    if (states <= 0 || actions <= 0) {
      throw new InvalidModelException("a finite MDP needs at least one state and one action; got S=" + states
          + ", A=" + actions);
    }
    if ((long) states * actions > Integer.MAX_VALUE - 1) {
      throw new InvalidModelException("S·A = " + (long) states * actions + " rows exceed the 2^31 supported");
    }
    this.states = states;
    this.actions = actions;
    this.dense = dense;
    int rows = states * actions;
    int nnz;
    if (dense) {
      if ((long) rows * states > Integer.MAX_VALUE - 8) {
        throw new InvalidModelException("a dense model with S=" + states + ", A=" + actions
            + " needs more than 2^31 entries; build it sparse (FiniteMdpBuilder or FiniteMdp.sparse)");
      }
      nnz = rows * states;
      this.rowStart = null;
      this.next = null;
    } else {
      if (rowStart == null || rowStart.length != rows + 1 || rowStart[0] != 0) {
        throw new InvalidModelException("rowStart must have S·A + 1 = " + (rows + 1) + " entries starting at 0");
      }
      nnz = rowStart[rows];
      if (next == null || next.length != nnz) {
        throw new InvalidModelException("next has " + (next == null ? 0 : next.length) + " entries, rowStart says " + nnz);
      }
      this.rowStart = rowStart;
      this.next = next;
    }
    if (prob.length != nnz) {
      throw new InvalidModelException("prob has " + prob.length + " entries, expected " + nnz);
    }
    if (entryReward != null && entryReward.length != nnz) {
      throw new InvalidModelException("the per-transition rewards have " + entryReward.length + " entries, expected " + nnz);
    }
    if (rowReward != null && rowReward.length != rows) {
      throw new InvalidModelException("R(s,a) has " + rowReward.length + " entries, expected S·A = " + rows);
    }
    if (terminated != null && terminated.length != nnz) {
      throw new InvalidModelException("terminated has " + terminated.length + " entries, expected " + nnz);
    }
    this.prob = prob;
    this.entryReward = entryReward;
    this.rowReward = rowReward;
    this.expectedReward = new double[rows];
    boolean anyTerminal = false;
    if (terminated != null) {
      for (boolean t : terminated) {
        anyTerminal |= t;
      }
    }
    this.terminated = anyTerminal ? terminated : null;
    this.cont = anyTerminal ? new double[nnz] : prob;
    boolean allStochastic = !anyTerminal;
    for (int r = 0; r < rows; r++) {
      int from = start(r);
      int to = end(r);
      if (from > to || to > nnz) {
        throw new InvalidModelException("rowStart must rise from 0 to the entry count " + nnz + "; it does not at "
            + describeRow(r));
      }
      double sum = 0;
      double er = rowReward == null ? 0 : rowReward[r];
      if (!Double.isFinite(er)) {
        throw new InvalidModelException("R(" + describeRow(r) + ") is " + er + "; rewards must be finite");
      }
      double acc = 0;
      for (int k = from; k < to; k++) {
        double p = prob[k];
        int sp = dense ? k - from : next[k];
        if (!(p >= 0) || !Double.isFinite(p)) {
          throw new InvalidModelException("P(" + sp + " | " + describeRow(r) + ") = " + p
              + "; probabilities must be finite and non-negative");
        }
        if (sp < 0 || sp >= states) {
          throw new InvalidModelException("a transition from " + describeRow(r) + " goes to state " + sp
              + ", outside 0.." + (states - 1));
        }
        if (entryReward != null) {
          if (!Double.isFinite(entryReward[k])) {
            throw new InvalidModelException("R(" + describeRow(r) + ", next state " + sp + ") is " + entryReward[k]
                + "; rewards must be finite");
          }
          acc += p * entryReward[k];
        }
        if (anyTerminal) {
          cont[k] = terminated[k] ? 0.0 : p;
        }
        sum += p;
      }
      if (Math.abs(sum - 1.0) > tolerance) {
        throw new InvalidModelException("the transition probabilities of " + describeRow(r) + " sum to " + sum
            + ", not 1 (tolerance " + tolerance + "); every row P(· | s, a) must be a distribution");
      }
      expectedReward[r] = er + acc;
    }
    this.stochastic = allStochastic;
    if (initial == null) {
      this.initial = new double[states];
      Arrays.fill(this.initial, 1.0 / states);
    } else {
      if (initial.length != states) {
        throw new InvalidModelException("the initial distribution has " + initial.length + " entries, expected S = "
            + states);
      }
      double sum = 0;
      for (int s = 0; s < states; s++) {
        if (!(initial[s] >= 0) || !Double.isFinite(initial[s])) {
          throw new InvalidModelException("initial probability of state " + s + " is " + initial[s]
              + "; it must be finite and non-negative");
        }
        sum += initial[s];
      }
      if (Math.abs(sum - 1.0) > tolerance) {
        throw new InvalidModelException("the initial distribution sums to " + sum + ", not 1 (tolerance " + tolerance
            + ")");
      }
      this.initial = initial.clone();
    }
  }

  /**
   * A sparse model from compressed rows, taking ownership of the arrays (no copy; do not change them after).
   *
   * @param rowStart S·A + 1 offsets: row {@code s·A + a} owns entries {@code rowStart[r] .. rowStart[r+1]-1}
   * @param next the successor state of each entry
   * @param prob the probability of each entry
   * @param entryReward the reward of each entry (R(s,a,s')), or null
   * @param rowReward the reward of each row (R(s,a), length S·A), or null
   * @param terminated whether each entry ends the episode, or null for none
   * @param initial the initial state distribution, or null for uniform
   */
  public static FiniteMdp sparse(int states, int actions, int[] rowStart, int[] next, double[] prob,
      double[] entryReward, double[] rowReward, boolean[] terminated, double[] initial) {
    return new FiniteMdp(states, actions, false, rowStart, next, prob, entryReward, rowReward, terminated, initial,
        DEFAULT_TOLERANCE);
  }

  /**
   * A model from pymdptoolbox-style arrays: {@code P[a][s][s']} and {@code R[s][a]}. Stored dense when
   * {@code dense}, else sparse (zero-probability entries dropped).
   */
  public static FiniteMdp fromArrays(double[][][] p, double[][] rewardSA, boolean dense) {
    int a = p.length;
    int s = checkP(p);
    if (rewardSA.length != s) {
      throw new InvalidModelException("R has " + rewardSA.length + " rows; R[s][a] needs S = " + s);
    }
    double[] rr = new double[s * a];
    for (int i = 0; i < s; i++) {
      if (rewardSA[i].length != a) {
        throw new InvalidModelException("R[" + i + "] has " + rewardSA[i].length + " entries; R[s][a] needs A = " + a);
      }
      for (int j = 0; j < a; j++) {
        rr[i * a + j] = rewardSA[i][j];
      }
    }
    return fromP(p, s, a, null, rr, dense);
  }

  /** A model from pymdptoolbox-style {@code P[a][s][s']} and per-transition rewards {@code R[a][s][s']}. */
  public static FiniteMdp fromArrays(double[][][] p, double[][][] rewardASS, boolean dense) {
    int a = p.length;
    int s = checkP(p);
    if (rewardASS.length != a) {
      throw new InvalidModelException("R has " + rewardASS.length + " actions; R[a][s][s'] needs A = " + a);
    }
    for (int j = 0; j < a; j++) {
      if (rewardASS[j].length != s) {
        throw new InvalidModelException("R[" + j + "] has " + rewardASS[j].length + " rows, expected S = " + s);
      }
      for (int i = 0; i < s; i++) {
        if (rewardASS[j][i].length != s) {
          throw new InvalidModelException("R[" + j + "][" + i + "] has " + rewardASS[j][i].length + " entries, expected S = " + s);
        }
      }
    }
    return fromP(p, s, a, rewardASS, null, dense);
  }

  private static int checkP(double[][][] p) {
    if (p.length == 0) {
      throw new InvalidModelException("P has no actions; P[a][s][s'] needs at least one");
    }
    int s = p[0].length;
    for (int j = 0; j < p.length; j++) {
      if (p[j].length != s) {
        throw new InvalidModelException("P[" + j + "] has " + p[j].length + " rows but P[0] has " + s
            + "; every P[a] must be S × S");
      }
      for (int i = 0; i < s; i++) {
        if (p[j][i].length != s) {
          throw new InvalidModelException("P[" + j + "][" + i + "] has " + p[j][i].length + " entries, expected S = " + s);
        }
      }
    }
    return s;
  }

  private static FiniteMdp fromP(double[][][] p, int s, int a, double[][][] rAss, double[] rowReward, boolean dense) {
    int rows = s * a;
    if (dense) {
      double[] prob = new double[rows * s];
      double[] er = rAss == null ? null : new double[rows * s];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < a; j++) {
          int base = (i * a + j) * s;
          System.arraycopy(p[j][i], 0, prob, base, s);
          if (er != null) {
            System.arraycopy(rAss[j][i], 0, er, base, s);
          }
        }
      }
      return new FiniteMdp(s, a, true, null, null, prob, er, rowReward, null, null, DEFAULT_TOLERANCE);
    }
    int[] rowStart = new int[rows + 1];
    int nnz = 0;
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < a; j++) {
        for (double v : p[j][i]) {
          if (v != 0.0) {
            nnz++;
          }
        }
        rowStart[i * a + j + 1] = nnz;
      }
    }
    int[] next = new int[nnz];
    double[] prob = new double[nnz];
    double[] er = rAss == null ? null : new double[nnz];
    int k = 0;
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < a; j++) {
        for (int sp = 0; sp < s; sp++) {
          double v = p[j][i][sp];
          if (v != 0.0) {
            next[k] = sp;
            prob[k] = v;
            if (er != null) {
              er[k] = rAss[j][i][sp];
            }
            k++;
          }
        }
      }
    }
    return new FiniteMdp(s, a, false, rowStart, next, prob, er, rowReward, null, null, DEFAULT_TOLERANCE);
  }

  // ------------------------------------------------------------------------------------------------ structure

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  /** True for the dense layout (all S successors stored per row). */
  public boolean isDense() {
    return dense;
  }

  /** The number of stored entries (transitions). */
  public int entryCount() {
    return prob.length;
  }

  /**
   * True when every row is a distribution over bootstrapped successors (no terminating entries): then adding a
   * constant c to V adds γc to every backup, which tighter stopping bounds rely on.
   */
  public boolean isStochastic() {
    return stochastic;
  }

  /** True when some entry terminates the episode. */
  public boolean hasTerminalTransitions() {
    return terminated != null;
  }

  /** The first entry of row (s, a). */
  public int start(int row) {
    return dense ? row * states : rowStart[row];
  }

  /** One past the last entry of row (s, a). */
  public int end(int row) {
    return dense ? (row + 1) * states : rowStart[row + 1];
  }

  /** The row index of (s, a). */
  public int row(int s, int a) {
    return s * actions + a;
  }

  /** The successor state of entry {@code k}. */
  public int next(int k) {
    return dense ? k % states : next[k];
  }

  /** The probability of entry {@code k}. */
  public double prob(int k) {
    return prob[k];
  }

  /** The reward of entry {@code k}: R(s,a) + R(s,a,s') for its row and successor. */
  public double reward(int row, int k) {
    return (rowReward == null ? 0 : rowReward[row]) + (entryReward == null ? 0 : entryReward[k]);
  }

  /** Whether entry {@code k} ends the episode. */
  public boolean terminated(int k) {
    return terminated != null && terminated[k];
  }

  /** The expected immediate reward r(s, a). */
  public double expectedReward(int s, int a) {
    return expectedReward[s * actions + a];
  }

  /** The initial state distribution (a copy). */
  public double[] initialDistribution() {
    return initial.clone();
  }

  /** The smallest expected reward over all (s, a). */
  public double minExpectedReward() {
    double m = Double.POSITIVE_INFINITY;
    for (double r : expectedReward) {
      m = Math.min(m, r);
    }
    return m;
  }

  // ------------------------------------------------------------------------------------------------ backups

  /** Σ p·(1 − terminated)·v(s') over the entries of {@code row}: the expected bootstrapped successor value. */
  public double expectedNext(int row, double[] v) {
    double acc = 0;
    if (dense) {
      int base = row * states;
      for (int j = 0; j < states; j++) {
        acc += cont[base + j] * v[j];
      }
    } else {
      for (int k = rowStart[row], e = rowStart[row + 1]; k < e; k++) {
        acc += cont[k] * v[next[k]];
      }
    }
    return acc;
  }

  /** Q(s, a) = r(s, a) + γ Σ p·(1 − terminated)·v(s'). */
  public double q(int s, int a, double[] v, double gamma) {
    int row = s * actions + a;
    return expectedReward[row] + gamma * expectedNext(row, v);
  }

  /**
   * The Bellman optimality backup of states {@code from .. to-1}: writes max_a Q(s, a) to {@code vOut[s]}, the
   * lowest maximising action to {@code policyOut[s]} and every Q(s, a) to {@code qOut[s·A + a]} (each output may
   * be null). Reads {@code v} only, so ranges may run in parallel.
   */
  public void backup(double[] v, double gamma, int from, int to, double[] vOut, int[] policyOut, double[] qOut) {
    for (int s = from; s < to; s++) {
      int row = s * actions;
      double best = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int a = 0; a < actions; a++, row++) {
        double q = expectedReward[row] + gamma * expectedNext(row, v);
        if (qOut != null) {
          qOut[row] = q;
        }
        if (q > best) {
          best = q;
          arg = a;
        }
      }
      if (vOut != null) {
        vOut[s] = best;
      }
      if (policyOut != null) {
        policyOut[s] = arg;
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ simulation

  /**
   * Draws a transition from (s, a) with one uniform number exactly as Gymnasium's toy-text
   * {@code categorical_sample} does: {@code argmax(cumsum(p) > u)}, the first entry whose cumulative probability
   * exceeds the draw, or the first entry when rounding leaves every partial sum at or below it.
   *
   * @return the entry index; read it with {@link #next}, {@link #reward}, {@link #terminated}
   */
  public int sampleEntry(int s, int a, RandomGenerator rng) {
    int row = s * actions + a;
    int from = start(row);
    int to = end(row);
    double u = rng.nextDouble();
    double c = 0;
    for (int k = from; k < to; k++) {
      c += prob[k];
      if (c > u) {
        return k;
      }
    }
    return from;
  }

  /** Draws an initial state from the initial distribution with one uniform number, by the same rule. */
  public int sampleInitial(RandomGenerator rng) {
    double u = rng.nextDouble();
    double c = 0;
    for (int s = 0; s < states; s++) {
      c += initial[s];
      if (c > u) {
        return s;
      }
    }
    return 0;
  }

  /** "state s, action a" for messages. */
  public String describeRow(int row) {
    return "state " + row / actions + ", action " + row % actions;
  }

  /** The model's size and layout, e.g. {@code FiniteMdp(S=3, A=2, dense, 18 entries)}. */
  @Override
  public String toString() {
    return "FiniteMdp(S=" + states + ", A=" + actions + ", " + (dense ? "dense" : "sparse") + ", " + prob.length
        + " entries" + (terminated != null ? ", with terminal transitions" : "") + ")";
  }
}
