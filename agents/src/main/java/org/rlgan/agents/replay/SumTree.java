package org.rlgan.agents.replay;

import java.util.Arrays;

/**
 * A binary segment tree over {@code capacity} non-negative priorities with O(log n) update, total, minimum and
 * prefix-sum search: the data structure of proportional prioritized replay (Schaul et al. 2016, Appendix B.2.1).
 * Leaves live at {@code [size, 2·size)} of one array, {@code size} the capacity rounded up to a power of two;
 * unused leaves hold 0 in the sum tree and +∞ in the min tree.
 */
public final class SumTree {
  private final int capacity;
  private final int size;
  private final double[] sum;
  private final double[] min;

  public SumTree(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("SumTree capacity is " + capacity + "; it must be at least 1");
    }
    this.capacity = capacity;
    this.size = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
    this.sum = new double[2 * size];
    this.min = new double[2 * size];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
  }

  public int capacity() {
    return capacity;
  }

  /** Sets leaf {@code i} to {@code p ≥ 0} and updates its ancestors. */
  public void set(int i, double p) {
    if (i < 0 || i >= capacity) {
      throw new IndexOutOfBoundsException("leaf " + i + " outside 0.." + (capacity - 1));
    }
    if (!(p >= 0) || Double.isInfinite(p)) {
      throw new IllegalArgumentException("priority of leaf " + i + " is " + p + "; it must be finite and ≥ 0");
    }
    int node = i + size;
    sum[node] = p;
    min[node] = p;
    for (node >>= 1; node >= 1; node >>= 1) {
      sum[node] = sum[2 * node] + sum[2 * node + 1];
      min[node] = Math.min(min[2 * node], min[2 * node + 1]);
    }
  }

  public double get(int i) {
    return sum[i + size];
  }

  /** Σ p_i. */
  public double total() {
    return sum[1];
  }

  /** min p_i over the leaves that were set (+∞ when none). */
  public double min() {
    return min[1];
  }

  /**
   * The smallest leaf index i with Σ_{j ≤ i} p_j &gt; u, for 0 ≤ u &lt; total(): leaf i is returned with probability
   * p_i / total when u is uniform. Rounding can never select a leaf of priority 0.
   */
  public int find(double u) {
    int node = 1;
    while (node < size) {
      int left = 2 * node;
      if (u < sum[left] || sum[left + 1] == 0) {
        node = left;
      } else {
        u -= sum[left];
        node = left + 1;
      }
    }
    return node - size;
  }

  /** Leaf values 0..capacity−1 (a copy), for checkpoints and tests. */
  public double[] leaves() {
    return Arrays.copyOfRange(sum, size, size + capacity);
  }
}
