package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Channel dropout (Tompson et al. 2015, "spatial dropout"; PyTorch's {@code Dropout2d}): in training each whole
 * feature map of x [n, C, ...] is zeroed with probability p and the survivors scaled by 1/(1 − p), because
 * neighbouring pixels are too correlated for element dropout to regularise; the identity in evaluation. Masks
 * come from the context's generator (same seed, same masks).
 */
public final class Dropout2D implements Layer {
  private final double p;

  public Dropout2D(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout2D probability p must be in [0, 1), got " + p);
    }
    this.p = p;
  }

  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    if (!ctx.training() || p == 0) {
      return x;
    }
    long[] maskShape = new long[x.rank()];
    Arrays.fill(maskShape, 1);
    maskShape[0] = x.size(0);
    maskShape[1] = x.size(1);
    double[] mask = new double[Math.toIntExact(maskShape[0] * maskShape[1])];
    double keep = 1.0 / (1.0 - p);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = ctx.rng().nextDouble() < p ? 0.0 : keep;
    }
    INDArray m = Nd4j.create(mask, maskShape, DataType.DOUBLE).castTo(x.dataType());
    return Ops.mul(x, Tensor.constant(m));
  }

  @Override
  public long[] outputShape(long[] s) {
    if (s.length < 2) {
      throw new ShapeException("Dropout2D takes inputs of shape [C, ...] with at least one spatial dimension, got "
          + Arrays.toString(s));
    }
    return s.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.Dropout2DSpec(p);
  }

  @Override
  public String toString() {
    return "Dropout2D(" + p + ")";
  }
}
