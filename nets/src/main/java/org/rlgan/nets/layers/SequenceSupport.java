package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/** Checks and small helpers shared by the sequence layers (masks, initial values, dropout masks). */
final class SequenceSupport {
  private SequenceSupport() {}

  /** A new array of U(−bound, bound) values drawn in float64 in row-major order, cast once. */
  static INDArray uniform(long[] shape, double bound, DataType type, RandomGenerator rng) {
    double[] v = new double[Math.toIntExact(length(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextDouble(-bound, bound);
    }
    return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
  }

  /** A new array of N(0, std²) values drawn in float64 in row-major order, cast once. */
  static INDArray normal(long[] shape, double std, DataType type, RandomGenerator rng) {
    double[] v = new double[Math.toIntExact(length(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = std * rng.nextGaussian();
    }
    return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
  }

  private static long length(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * Checks a padding mask: [n, T] for a batch x [n, T, ...], every value 0 (padding) or 1 (a real step).
   *
   * @throws ShapeException for the wrong shape; IllegalArgumentException for a value that is not 0 or 1
   */
  static void checkMask(String layer, INDArray mask, Tensor x) {
    if (mask == null) {
      return;
    }
    if (mask.rank() != 2 || mask.size(0) != x.size(0) || mask.size(1) != x.size(1)) {
      throw new ShapeException(layer + ": mask must be [n, T] = [" + x.size(0) + ", " + x.size(1) + "] for input "
          + Arrays.toString(x.shape()) + ", got " + Arrays.toString(mask.shape()));
    }
    double[] v = mask.dup('c').data().asDouble();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0 && v[i] != 1) {
        throw new IllegalArgumentException(layer + ": mask values must be 0 (padding) or 1 (a real step), got "
            + v[i] + " at [" + i / mask.size(1) + ", " + i % mask.size(1) + "]");
      }
    }
  }

  /** The mask [n, T] as a constant [n, T, 1] of the given type (to zero padded outputs by broadcasting). */
  static Tensor mask3(INDArray mask, DataType type) {
    return Tensor.constant(mask.castTo(type).reshape('c', mask.size(0), mask.size(1), 1).dup('c'));
  }

  /** Inverted dropout with probability p in training mode, the identity otherwise. */
  static Tensor dropout(Tensor x, double p, ForwardContext ctx) {
    return p == 0 || !ctx.training() ? x : new Dropout(p).forward(x, ctx);
  }

  /** Checks a rank-3 batch [n, T, features] against a layer's feature count. */
  static void checkSequence(String layer, Tensor x, long features) {
    if (x.rank() != 3 || x.size(2) != features || x.size(1) < 1) {
      throw new ShapeException(layer + " takes batches [n, T, " + features + "] with T >= 1, got "
          + Arrays.toString(x.shape()));
    }
  }

  /** x [n, T, d] mapped by a rank-2 function on [n·T, d] rows, back to [n, T, d′]. */
  static Tensor rows(Tensor x, java.util.function.UnaryOperator<Tensor> f) {
    long n = x.size(0);
    long steps = x.size(1);
    Tensor y = f.apply(Ops.reshape(x, n * steps, x.size(2)));
    return Ops.reshape(y, n, steps, y.size(1));
  }
}
