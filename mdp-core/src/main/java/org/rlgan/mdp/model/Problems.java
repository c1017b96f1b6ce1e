package org.rlgan.mdp.model;

import java.util.random.RandomGenerator;
import org.rlgan.mdp.Rngs;

/**
 * Built-in finite problems: pymdptoolbox's examples, the textbook ones, and random generators for tests and
 * benchmarks. Grid worlds number states row-major ({@code row·width + col}) and use FrozenLake's action order:
 * 0 = left, 1 = down, 2 = right, 3 = up.
 */
public final class Problems {

  /** Grid actions, in FrozenLake's order. */
  public static final int LEFT = 0;
  public static final int DOWN = 1;
  public static final int RIGHT = 2;
  public static final int UP = 3;

  private Problems() {}

  /** pymdptoolbox's {@code forest()}: S = 3, r1 = 4, r2 = 2, p = 0.1. */
  public static FiniteMdp forest() {
    return forest(3, 4, 2, 0.1);
  }

  /**
   * pymdptoolbox's forest management problem ({@code mdptoolbox.example.forest}): states are the forest's age
   * classes 0..S−1; action 0 waits, action 1 cuts. A fire (probability p) returns the forest to age 0 whatever
   * the action; waiting otherwise ages it by one (the oldest class stays); cutting returns it to 0. Waiting in the
   * oldest class earns r1; cutting earns 1, r2 in the oldest class and 0 in class 0. Same P and R as
   * pymdptoolbox, stored sparse (2 entries per waiting row), so S may be in the millions.
   */
  public static FiniteMdp forest(int states, double r1, double r2, double p) {
    if (states < 2) {
      throw new IllegalArgumentException("forest: S is " + states + "; it must be at least 2");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("forest: p is " + p + "; it must be a probability in [0, 1]");
    }
    int rows = states * 2;
    int[] rowStart = new int[rows + 1];
    int[] next = new int[states * 3];
    double[] prob = new double[states * 3];
    double[] rowReward = new double[rows];
    int k = 0;
    for (int s = 0; s < states; s++) {
      // action 0 (wait): fire to 0 with p, else one class older (the oldest stays)
      int older = Math.min(s + 1, states - 1);
      next[k] = 0;
      prob[k++] = p;
      next[k] = older;
      prob[k++] = 1 - p;
      rowStart[2 * s + 1] = k;
      rowReward[2 * s] = s == states - 1 ? r1 : 0;
      // action 1 (cut): back to 0
      next[k] = 0;
      prob[k++] = 1.0;
      rowStart[2 * s + 2] = k;
      rowReward[2 * s + 1] = s == 0 ? 0 : s == states - 1 ? r2 : 1;
    }
    return FiniteMdp.sparse(states, 2, rowStart, next, prob, null, rowReward, null, null);
  }

  /**
   * A dense random MDP in the manner of pymdptoolbox's {@code rand(S, A)} (not its numbers: the generator is
   * ours): every row a random distribution over all S states, rewards R(s,a,s') uniform in [−1, 1].
   */
  public static FiniteMdp randomDense(int states, int actions, long seed) {
    RandomGenerator rng = Rngs.seeded(seed);
    double[][][] p = new double[actions][states][states];
    double[][][] r = new double[actions][states][states];
    for (int a = 0; a < actions; a++) {
      for (int s = 0; s < states; s++) {
        double sum = 0;
        for (int t = 0; t < states; t++) {
          p[a][s][t] = rng.nextDouble();
          sum += p[a][s][t];
          r[a][s][t] = 2 * rng.nextDouble() - 1;
        }
        for (int t = 0; t < states; t++) {
          p[a][s][t] /= sum;
        }
      }
    }
    return FiniteMdp.fromArrays(p, r, true);
  }

  /**
   * A sparse random MDP, built straight into compressed rows so it scales to millions of states (the benchmark
   * model): every (s, a) moves to {@code successors} distinct uniformly drawn states with random probabilities;
   * R(s, a) is uniform in [−1, 1]. The same seed gives the same model.
   */
  public static FiniteMdp randomSparse(int states, int actions, int successors, long seed) {
    if (successors < 1 || successors > states) {
      throw new IllegalArgumentException("randomSparse: successors is " + successors + "; it must be in 1.." + states);
    }
    long nnz = (long) states * actions * successors;
    if (nnz > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("randomSparse: S·A·successors = " + nnz + " entries exceed 2^31");
    }
    RandomGenerator rng = Rngs.seeded(seed);
    int rows = states * actions;
    int[] rowStart = new int[rows + 1];
    int[] next = new int[(int) nnz];
    double[] prob = new double[(int) nnz];
    double[] rowReward = new double[rows];
    int k = 0;
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      int from = k;
      for (int j = 0; j < successors; j++) {
        int t;
        boolean dup;
        do {
          t = rng.nextInt(states);
          dup = false;
          for (int i = from; i < k; i++) {
            dup |= next[i] == t;
          }
        } while (dup);
        next[k] = t;
        prob[k] = rng.nextDouble() + 1e-3;
        sum += prob[k++];
      }
      for (int i = from; i < k; i++) {
        prob[i] /= sum;
      }
      rowStart[r + 1] = k;
      rowReward[r] = 2 * rng.nextDouble() - 1;
    }
    return FiniteMdp.sparse(states, actions, rowStart, next, prob, null, rowReward, null, null);
  }

  /**
   * The gambler's problem (Sutton &amp; Barto 2018, Example 4.3): capital s in 0..goal, a stake of 1..min(s,
   * goal − s) wins with probability {@code headsProbability}; reaching the goal pays 1 and ends the episode, as
   * does ruin. Undiscounted (solve with γ = 1); V*(s) is the probability of reaching the goal. Action a stakes
   * a + 1; a stake above min(s, goal − s) is clipped to it, so an over-large action duplicates the largest legal
   * one and, having a higher index, is never the greedy choice.
   */
  public static FiniteMdp gambler(int goal, double headsProbability) {
    if (goal < 2) {
      throw new IllegalArgumentException("gambler: goal is " + goal + "; it must be at least 2");
    }
    if (!(headsProbability > 0 && headsProbability < 1)) {
      throw new IllegalArgumentException("gambler: headsProbability is " + headsProbability + "; it must be in (0, 1)");
    }
    int states = goal + 1;
    int actions = goal / 2;
    FiniteMdpBuilder b = new FiniteMdpBuilder(states, actions);
    double[] isd = new double[states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        if (s == 0 || s == goal) {
          b.transition(s, a, s, 1.0, 0.0, true);
          continue;
        }
        int stake = Math.min(a + 1, Math.min(s, goal - s));
        int win = s + stake;
        int lose = s - stake;
        b.transition(s, a, win, headsProbability, win == goal ? 1.0 : 0.0, win == goal);
        b.transition(s, a, lose, 1 - headsProbability, 0.0, lose == 0);
      }
      if (s != 0 && s != goal) {
        isd[s] = 1.0 / (states - 2);
      }
    }
    return b.initialDistribution(isd).build();
  }

  /**
   * Sutton &amp; Barto's 5 × 5 grid world (2018, Example 3.5): every action from A = (0, 1) earns +10 and moves to
   * A' = (4, 1); from B = (0, 3) +5 to B' = (2, 3); a move off the grid earns −1 and stays; any other move earns
   * 0. Continuing, no terminal state; the book discounts with γ = 0.9 (Figures 3.2 and 3.5 give V for the random
   * policy and V*).
   */
  public static FiniteMdp gridWorld() {
    int n = 5;
    FiniteMdpBuilder b = new FiniteMdpBuilder(n * n, 4);
    for (int s = 0; s < n * n; s++) {
      for (int a = 0; a < 4; a++) {
        if (s == 1) {
          b.transition(s, a, 4 * n + 1, 1.0, 10.0, false);
        } else if (s == 3) {
          b.transition(s, a, 2 * n + 3, 1.0, 5.0, false);
        } else {
          int t = move(s, a, n, n);
          b.transition(s, a, t < 0 ? s : t, 1.0, t < 0 ? -1.0 : 0.0, false);
        }
      }
    }
    return b.build();
  }

  /**
   * Sutton &amp; Barto's 4 × 4 grid world (2018, Example 4.1): the corners 0 and 15 are terminal, every move
   * earns −1, moves off the grid stay. Undiscounted; the uniformly random policy has V = −14, −18, −20, −22 in
   * the familiar pattern (Figure 4.1).
   */
  public static FiniteMdp gridWorld4x4() {
    int n = 4;
    FiniteMdpBuilder b = new FiniteMdpBuilder(n * n, 4);
    double[] isd = new double[n * n];
    for (int s = 0; s < n * n; s++) {
      boolean terminal = s == 0 || s == n * n - 1;
      for (int a = 0; a < 4; a++) {
        if (terminal) {
          b.transition(s, a, s, 1.0, 0.0, true);
        } else {
          int t = move(s, a, n, n);
          int to = t < 0 ? s : t;
          b.transition(s, a, to, 1.0, -1.0, to == 0 || to == n * n - 1);
        }
      }
      isd[s] = terminal ? 0 : 1.0 / (n * n - 2);
    }
    return b.initialDistribution(isd).build();
  }

  /** The cell reached from {@code s} by action {@code a} on a width × height grid, or −1 off the grid. */
  public static int move(int s, int a, int width, int height) {
    int row = s / width;
    int col = s % width;
    switch (a) {
      case LEFT -> col--;
      case DOWN -> row++;
      case RIGHT -> col++;
      case UP -> row--;
      default -> throw new IllegalArgumentException("grid action " + a + " is not 0..3 (left, down, right, up)");
    }
    return row < 0 || row >= height || col < 0 || col >= width ? -1 : row * width + col;
  }
}
