package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.Tensor;

/**
 * Nearest-neighbour upsampling by integer factors: [n, C, H, W] → [n, C, H·sh, W·sw], each pixel repeated
 * (PyTorch's {@code Upsample(scale_factor, mode="nearest")}; the resize-then-convolve alternative to transposed
 * convolutions, Odena et al. 2016).
 */
public final class Upsample2D implements Layer {
  private final int sh;
  private final int sw;

  public Upsample2D(int sh, int sw) {
    if (sh < 1 || sw < 1) {
      throw new ShapeException("Upsample2D factors must be >= 1, got (" + sh + ", " + sw + ")");
    }
    this.sh = sh;
    this.sw = sw;
  }

  /** The same factor for both dimensions. */
  public Upsample2D(int scale) {
    this(scale, scale);
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return ConvOps.upsampleNearest2d(x, sh, sw);
  }

  @Override
  public long[] outputShape(long[] s) {
    if (s.length != 3) {
      throw new ShapeException(this + " takes inputs of shape [C, H, W], got " + Arrays.toString(s));
    }
    return new long[] {s[0], s[1] * sh, s[2] * sw};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.Upsample2DSpec(sh, sw);
  }

  @Override
  public String toString() {
    return "Upsample2D(" + (sh == sw ? sh : sh + "," + sw) + ")";
  }
}
