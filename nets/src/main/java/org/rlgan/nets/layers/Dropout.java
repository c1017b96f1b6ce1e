package org.rlgan.nets.layers;

import java.util.LinkedHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Inverted dropout (Srivastava et al. 2014; book §5.6): in training each element is zeroed with
 * probability p and the survivors scaled by 1/(1 − p); in evaluation the layer is the identity. Masks come
 * from the context's generator, so a training step is reproducible from its seed.
 */
public final class Dropout implements Layer {
  private final double p;

  public Dropout(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout probability p must be in [0, 1), got " + p);
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
    long n = x.value().length();
    double[] mask = new double[Math.toIntExact(n)];
    double keep = 1.0 / (1.0 - p);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = ctx.rng().nextDouble() < p ? 0.0 : keep;
    }
    INDArray m = Nd4j.create(mask, x.shape(), org.nd4j.linalg.api.buffer.DataType.DOUBLE).castTo(x.dataType());
    return Ops.mul(x, Tensor.constant(m));
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    return inputShape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.DropoutSpec(p);
  }

  @Override
  public String toString() {
    return "Dropout(" + p + ")";
  }
}
