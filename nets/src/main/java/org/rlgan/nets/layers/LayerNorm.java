package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Layer normalisation (Ba et al. 2016): each sample is normalised over its last dimensions, those of
 * {@code normalizedShape}: y = (x − μ) / √(σ² + ε) · γ + β with the biased variance, γ ("weight", ones) and
 * β ("bias", zeros) of shape {@code normalizedShape} when affine (PyTorch's {@code LayerNorm}). The same in
 * training and evaluation; no running statistics.
 */
public final class LayerNorm implements Layer {
  private final long[] normalizedShape;
  private final double eps;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * @param normalizedShape the trailing per-sample dimensions to normalise over, e.g. [C, H, W] or [d]
   * @param eps added to the variance, > 0 (PyTorch: 1e-5)
   */
  public LayerNorm(long[] normalizedShape, double eps, boolean affine, DataType type) {
    if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1)) {
      throw new ShapeException("LayerNorm needs a non-empty normalizedShape of sizes >= 1, got "
          + Arrays.toString(normalizedShape));
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("LayerNorm eps must be > 0, got " + eps);
    }
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.weight = affine ? Tensor.parameter("weight", Nd4j.ones(type, normalizedShape)) : null;
    this.bias = affine ? Tensor.parameter("bias", Nd4j.zeros(type, normalizedShape)) : null;
  }

  /** PyTorch's defaults (ε = 1e-5, affine), float32. */
  public LayerNorm(long... normalizedShape) {
    this(normalizedShape, 1e-5, true, DataType.FLOAT);
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    int k = normalizedShape.length;
    int[] dims = new int[k];
    for (int i = 0; i < k; i++) {
      dims[i] = x.rank() - k + i;
    }
    Tensor xc = Ops.sub(x, Ops.mean(x, true, dims));
    Tensor var = Ops.mean(Ops.square(xc), true, dims);
    Tensor y = Ops.mul(xc, Ops.pow(Ops.addScalar(var, eps), -0.5));
    return weight == null ? y : Ops.add(Ops.mul(y, weight), bias);
  }

  @Override
  public long[] outputShape(long[] s) {
    int k = normalizedShape.length;
    if (s.length < k || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape)) {
      throw new ShapeException(this + " needs inputs ending in " + Arrays.toString(normalizedShape) + ", got "
          + Arrays.toString(s));
    }
    return s.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    if (weight != null) {
      m.put("weight", weight);
      m.put("bias", bias);
    }
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.LayerNormSpec(normalizedShape.clone(), eps, weight != null);
  }

  @Override
  public String toString() {
    return "LayerNorm" + Arrays.toString(normalizedShape) + (weight == null ? "(no affine)" : "");
  }
}
