package org.rlgan.mdp.spaces;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Binary arrays of a shape (Gymnasium's {@code MultiBinary(n)}): members are row-major {@code int[]} of 0 and 1. */
public final class MultiBinary implements Space<int[]> {

  private final int[] shape;
  private final int size;

  public MultiBinary(int... shape) {
    this.size = Spaces.size(shape, "MultiBinary");
    this.shape = shape.clone();
  }

  @Override
  public int[] sample(RandomGenerator rng) {
    int[] x = new int[size];
    for (int i = 0; i < size; i++) {
      x[i] = rng.nextBoolean() ? 1 : 0;
    }
    return x;
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof int[] v) || v.length != size) {
      return false;
    }
    for (int b : v) {
      if (b != 0 && b != 1) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiBinary m && Arrays.equals(shape, m.shape);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "MultiBinary(" + (shape.length == 1 ? Integer.toString(shape[0]) : Spaces.shapeString(shape)) + ")";
  }
}
