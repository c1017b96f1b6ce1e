package org.rlgan.nets.init;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Argument checks and the float64-then-cast array construction shared by the initialisers. */
final class InitSupport {
  private InitSupport() {}

  /** The element count of a valid shape; checks the type and generator too. */
  static int checkedLength(String name, long[] shape, DataType type, RandomGenerator rng) {
    int n = checkedLength(name, shape, type);
    if (rng == null) {
      throw new IllegalArgumentException(name + ": rng must not be null");
    }
    return n;
  }

  /** The element count of a valid shape of a floating-point type. */
  static int checkedLength(String name, long[] shape, DataType type) {
    if (shape == null) {
      throw new IllegalArgumentException(name + ": shape must not be null");
    }
    long n = 1;
    for (long d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException(name + ": every dimension must be >= 1, got shape "
            + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has " + n
          + " elements, more than one Java array holds");
    }
    if (type == null || !type.isFPType()) {
      throw new IllegalArgumentException(name + ": data type must be floating point (DOUBLE, FLOAT, HALF, "
          + "BFLOAT16), got " + type);
    }
    return (int) n;
  }

  static void checkFan(String name, String which, long fan) {
    if (fan < 1) {
      throw new IllegalArgumentException(name + ": " + which + " must be >= 1, got " + fan);
    }
  }

  static void checkGain(String name, double gain) {
    if (!(gain > 0) || Double.isInfinite(gain)) {
      throw new IllegalArgumentException(name + ": gain must be finite and > 0, got " + gain
          + " (use Constant for a fixed value)");
    }
  }

  /** Row-major float64 values as an array of {@code type}, rounded once (to nearest) for narrower types. */
  static INDArray toArray(double[] values, long[] shape, DataType type) {
    INDArray d = Nd4j.create(values, shape, DataType.DOUBLE);
    return type == DataType.DOUBLE ? d : d.castTo(type);
  }

  /** Uniform on [−bound, bound). */
  static double[] uniform(int n, double bound, RandomGenerator rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-bound, bound);
    }
    return v;
  }

  /** Normal with mean 0 and the given standard deviation (not truncated, as PyTorch's normal_). */
  static double[] normal(int n, double std, RandomGenerator rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = std * rng.nextGaussian();
    }
    return v;
  }
}
