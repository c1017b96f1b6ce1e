package org.rlgan.mdp.spaces;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Several discrete values at once (Gymnasium's {@code MultiDiscrete(nvec, start)}): member {@code x} is an
 * {@code int[]} with {@code start[i] <= x[i] < start[i] + nvec[i]}.
 */
public final class MultiDiscrete implements Space<int[]> {

  private final int[] nvec;
  private final int[] start;

  public MultiDiscrete(int[] nvec, int[] start) {
    if (nvec.length == 0 || nvec.length != start.length) {
      throw new IllegalArgumentException("MultiDiscrete: nvec has " + nvec.length + " entries and start "
          + start.length + "; give one or more entries, the same number in each");
    }
    for (int i = 0; i < nvec.length; i++) {
      if (nvec[i] <= 0) {
        throw new IllegalArgumentException("MultiDiscrete: nvec[" + i + "] is " + nvec[i] + "; each must be at least 1");
      }
    }
    this.nvec = nvec.clone();
    this.start = start.clone();
  }

  /** Every start 0. */
  public MultiDiscrete(int... nvec) {
    this(nvec, new int[nvec.length]);
  }

  public int[] nvec() {
    return nvec.clone();
  }

  public int[] start() {
    return start.clone();
  }

  @Override
  public int[] sample(RandomGenerator rng) {
    int[] x = new int[nvec.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = start[i] + rng.nextInt(nvec[i]);
    }
    return x;
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof int[] v) || v.length != nvec.length) {
      return false;
    }
    for (int i = 0; i < v.length; i++) {
      if (v[i] < start[i] || (long) v[i] - start[i] >= nvec[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] shape() {
    return new int[] {nvec.length};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiDiscrete m && Arrays.equals(nvec, m.nvec) && Arrays.equals(start, m.start);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(nvec) + Arrays.hashCode(start);
  }

  @Override
  public String toString() {
    String s = "MultiDiscrete(" + Arrays.toString(nvec).replace(",", "");
    return Arrays.stream(start).allMatch(v -> v == 0) ? s + ")" : s + ", start=" + Arrays.toString(start).replace(",", "") + ")";
  }
}
