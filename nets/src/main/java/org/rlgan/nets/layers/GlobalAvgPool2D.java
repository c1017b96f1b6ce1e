package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.Tensor;

/** Global average pooling (Lin et al. 2014, "Network in Network"): the mean over H and W, [n, C, H, W] → [n, C]. */
public final class GlobalAvgPool2D implements Layer {

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return ConvOps.globalAvgPool2d(x);
  }

  @Override
  public long[] outputShape(long[] s) {
    if (s.length != 3) {
      throw new ShapeException("GlobalAvgPool2D takes inputs of shape [C, H, W], got " + Arrays.toString(s));
    }
    return new long[] {s[0]};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.GlobalAvgPool2DSpec();
  }

  @Override
  public String toString() {
    return "GlobalAvgPool2D";
  }
}
