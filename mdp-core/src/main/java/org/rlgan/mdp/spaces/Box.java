package org.rlgan.mdp.spaces;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A box in R^n (Gymnasium's {@code Box(low, high, shape, dtype)}): members are row-major {@code double[]} of
 * {@code prod(shape)} values, each within its bounds and representable in {@link #dtype()} (a float32 box holds
 * values that survived a cast to float). Bounds may be infinite.
 */
public final class Box implements Space<double[]> {

  private final double[] low;
  private final double[] high;
  private final int[] shape;
  private final DType dtype;

  /**
   * @param low the lower bound of every element (row-major, {@code prod(shape)} long), cast to {@code dtype}
   * @param high the upper bound of every element, cast to {@code dtype}
   * @param shape the member's shape
   * @param dtype the element type
   */
  public Box(double[] low, double[] high, int[] shape, DType dtype) {
    int n = Spaces.size(shape, "Box");
    if (low.length != n || high.length != n) {
      throw new IllegalArgumentException("Box: low has " + low.length + " and high " + high.length
          + " values, but shape " + Spaces.shapeString(shape) + " needs " + n + " each");
    }
    this.low = new double[n];
    this.high = new double[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(low[i]) || Double.isNaN(high[i]) || low[i] > high[i]) {
        throw new IllegalArgumentException("Box: bound " + i + " has low " + low[i] + " and high " + high[i]
            + "; each low must be at most its high, and neither NaN");
      }
      this.low[i] = dtype.round(low[i]);
      this.high[i] = dtype.round(high[i]);
    }
    this.shape = shape.clone();
    this.dtype = dtype;
  }

  /** A box with the same scalar bounds for every element. */
  public static Box of(double low, double high, DType dtype, int... shape) {
    int n = Spaces.size(shape, "Box");
    double[] lo = new double[n];
    double[] hi = new double[n];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi, shape, dtype);
  }

  /** The lower bounds (a copy). */
  public double[] low() {
    return low.clone();
  }

  /** The upper bounds (a copy). */
  public double[] high() {
    return high.clone();
  }

  public DType dtype() {
    return dtype;
  }

  /** The number of elements of a member. */
  public int size() {
    return low.length;
  }

  /**
   * Gymnasium's sampling: uniform on bounded elements, standard normal on unbounded ones, {@code low + Exp(1)}
   * below-bounded, {@code high - Exp(1)} above-bounded; then cast to the dtype.
   */
  @Override
  public double[] sample(RandomGenerator rng) {
    double[] x = new double[low.length];
    for (int i = 0; i < x.length; i++) {
      boolean lo = low[i] != Double.NEGATIVE_INFINITY;
      boolean hi = high[i] != Double.POSITIVE_INFINITY;
      double v;
      if (lo && hi) {
        v = low[i] + (high[i] - low[i]) * rng.nextDouble();
      } else if (lo) {
        v = low[i] + rng.nextExponential();
      } else if (hi) {
        v = high[i] - rng.nextExponential();
      } else {
        v = rng.nextGaussian();
      }
      x[i] = Math.min(high[i], Math.max(low[i], dtype.round(v)));
    }
    return x;
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof double[] d) || d.length != low.length) {
      return false;
    }
    for (int i = 0; i < d.length; i++) {
      // NaN fails the comparisons, so it is never a member.
      if (!(d[i] >= low[i] && d[i] <= high[i]) || !dtype.represents(d[i])) {
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
    return o instanceof Box b && dtype == b.dtype && Arrays.equals(shape, b.shape) && Arrays.equals(low, b.low)
        && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(low)) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box(" + bound(low) + ", " + bound(high) + ", " + Spaces.shapeString(shape) + ", " + dtype.numpyName() + ")";
  }

  private String bound(double[] b) {
    boolean uniform = Arrays.stream(b).allMatch(v -> Double.compare(v, b[0]) == 0);
    if (uniform) {
      return number(b[0]);
    }
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      s.append(i == 0 ? "" : " ").append(number(b[i]));
    }
    return s.append(']').toString();
  }

  private String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v);
  }
}
