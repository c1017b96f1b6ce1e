package org.rlgan.mdp.spaces;

import java.util.random.RandomGenerator;

/**
 * The integers {@code start, start+1, ..., start+n-1} (Gymnasium's {@code Discrete(n, start)}).
 *
 * @param n how many values, at least 1
 * @param start the smallest value
 */
public record Discrete(int n, int start) implements Space<Integer> {

  public Discrete {
    if (n <= 0) {
      throw new IllegalArgumentException("Discrete.n is " + n + "; it must be at least 1");
    }
    if ((long) start + n - 1 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Discrete(" + n + ", start=" + start + ") exceeds the int range");
    }
  }

  /** {@code Discrete(n, 0)}. */
  public Discrete(int n) {
    this(n, 0);
  }

  @Override
  public Integer sample(RandomGenerator rng) {
    return start + rng.nextInt(n);
  }

  @Override
  public boolean contains(Object x) {
    return x instanceof Integer i && i >= start && i - start < n;
  }

  @Override
  public int[] shape() {
    return new int[0];
  }

  /** The position of {@code x} counted from {@code start} (0 .. n-1). */
  public int index(int x) {
    return x - start;
  }

  @Override
  public String toString() {
    return start == 0 ? "Discrete(" + n + ")" : "Discrete(" + n + ", start=" + start + ")";
  }
}
