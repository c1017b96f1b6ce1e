package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * The same values per sample in another shape (row-major order), the batch dimension kept: [n, ...] →
 * [n, ...shape]. {@link #flatten()} gives [n, d] (Keras's and PyTorch's {@code Flatten}), the link from
 * convolutional feature maps to dense layers; a fixed shape such as [128, 7, 7] goes the other way (DCGAN's
 * generator).
 */
public final class Reshape implements Layer {
  private final long[] shape;

  /**
   * @param shape the per-sample output shape, every dimension >= 1; empty for {@link #flatten()}
   */
  public Reshape(long... shape) {
    for (long d : shape) {
      if (d < 1) {
        throw new ShapeException("Reshape: every target dimension must be >= 1, got " + Arrays.toString(shape));
      }
    }
    this.shape = shape.clone();
  }

  /** Flattens every sample to a vector: [n, d1, d2, ...] → [n, d1·d2·…]. */
  public static Reshape flatten() {
    return new Reshape();
  }

  /** True for {@link #flatten()}. */
  public boolean flattens() {
    return shape.length == 0;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    long[] target = new long[(flattens() ? 1 : shape.length) + 1];
    target[0] = x.size(0);
    if (flattens()) {
      target[1] = x.value().length() / Math.max(1, x.size(0));
    } else {
      System.arraycopy(shape, 0, target, 1, shape.length);
    }
    return Ops.reshape(x, target);
  }

  @Override
  public long[] outputShape(long[] in) {
    long n = 1;
    for (long d : in) {
      n *= d;
    }
    if (flattens()) {
      return new long[] {n};
    }
    long m = 1;
    for (long d : shape) {
      m *= d;
    }
    if (m != n) {
      throw new ShapeException("Reshape to " + Arrays.toString(shape) + " (" + m + " values) cannot take "
          + Arrays.toString(in) + " (" + n + " values)");
    }
    return shape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return flattens() ? new LayerSpec.FlattenSpec() : new LayerSpec.ReshapeSpec(shape.clone());
  }

  @Override
  public String toString() {
    return flattens() ? "Flatten" : "Reshape" + Arrays.toString(shape);
  }
}
