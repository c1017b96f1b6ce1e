package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.HostArrays;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy 2015; book ch. 6) per channel of x [n, C] or [n, C, L] ({@link #oneD},
 * PyTorch's {@code BatchNorm1d}) or [n, C, H, W] ({@link #twoD}, {@code BatchNorm2d}):
 * y = (x − μ) / √(σ² + ε) · γ + β, with γ ("weight", ones) and β ("bias", zeros) of shape [C] when affine.
 *
 * <p>In training ({@link ForwardContext#training()}) μ and σ² are the batch's mean and biased variance over every
 * dimension but the channels, differentiated through; each such pass also updates the running statistics in
 * place, r ← (1 − momentum)·r + momentum·batch value, with the unbiased variance (PyTorch's convention). In
 * evaluation the running statistics are used as constants. The running statistics are buffers
 * ({@link #namedBuffers()}: "running_mean" zeros, "running_var" ones), saved and loaded with the parameters.
 */
public final class BatchNorm implements Layer {
  private final int spatialDims;
  private final long channels;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final INDArray runningMean;
  private final INDArray runningVar;

  /**
   * @param spatialDims 1 for inputs [C] or [C, L], 2 for [C, H, W]
   * @param eps added to the variance, > 0 (PyTorch: 1e-5)
   * @param momentum weight of the new batch in the running statistics, in [0, 1] (PyTorch: 0.1)
   * @param affine whether to learn γ and β
   */
  public BatchNorm(int spatialDims, long channels, double eps, double momentum, boolean affine, DataType type) {
    if (spatialDims != 1 && spatialDims != 2) {
      throw new ShapeException("BatchNorm spatialDims must be 1 (BatchNorm1d) or 2 (BatchNorm2d), got " + spatialDims);
    }
    if (channels < 1) {
      throw new ShapeException("BatchNorm needs channels >= 1, got " + channels);
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("BatchNorm eps must be > 0, got " + eps);
    }
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1], got " + momentum);
    }
    this.spatialDims = spatialDims;
    this.channels = channels;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? Tensor.parameter("weight", Nd4j.ones(type, channels)) : null;
    this.bias = affine ? Tensor.parameter("bias", Nd4j.zeros(type, channels)) : null;
    this.runningMean = Nd4j.zeros(type, channels);
    this.runningVar = Nd4j.ones(type, channels);
  }

  /** BatchNorm1d with PyTorch's defaults (ε = 1e-5, momentum 0.1, affine), float32. */
  public static BatchNorm oneD(long channels) {
    return new BatchNorm(1, channels, 1e-5, 0.1, true, DataType.FLOAT);
  }

  /** BatchNorm2d with PyTorch's defaults (ε = 1e-5, momentum 0.1, affine), float32. */
  public static BatchNorm twoD(long channels) {
    return new BatchNorm(2, channels, 1e-5, 0.1, true, DataType.FLOAT);
  }

  /** γ, or null when not affine. */
  public Tensor weight() {
    return weight;
  }

  /** β, or null when not affine. */
  public Tensor bias() {
    return bias;
  }

  /** The running mean [C] (live). */
  public INDArray runningMean() {
    return runningMean;
  }

  /** The running (unbiased) variance [C] (live). */
  public INDArray runningVar() {
    return runningVar;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    checkRank(x.shape());
    if (ctx.training()) {
      long m = x.value().length() / channels;
      if (m < 2) {
        throw new IllegalArgumentException("BatchNorm in training needs more than one value per channel, got input "
            + Arrays.toString(x.shape()) + "; use a batch of 2 or more, or ForwardContext.eval()");
      }
      double[] mean = new double[(int) channels];
      double[] var = new double[(int) channels];
      Tensor y = ConvOps.batchNorm(x, weight, bias, eps, mean, var);
      updateRunning(mean, var, m);
      return y;
    }
    double[] rm = HostArrays.read(runningMean, null);
    double[] rv = HostArrays.read(runningVar, null);
    double[] scale = new double[(int) channels];
    double[] shift = new double[(int) channels];
    for (int c = 0; c < channels; c++) {
      scale[c] = 1.0 / Math.sqrt(rv[c] + eps);
      shift[c] = -rm[c] * scale[c];
    }
    Tensor xn = ConvOps.channelAffine(x, constant(scale, x.dataType()), constant(shift, x.dataType()));
    return weight == null ? xn : ConvOps.channelAffine(xn, weight, bias);
  }

  private static Tensor constant(double[] v, DataType type) {
    return Tensor.constant(Nd4j.create(v, new long[] {v.length}, DataType.DOUBLE).castTo(type));
  }

  private void updateRunning(double[] bm, double[] bv, long m) {
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      double[] rm = HostArrays.read(runningMean, null);
      double[] rv = HostArrays.read(runningVar, null);
      double unbias = (double) m / (m - 1);
      for (int c = 0; c < channels; c++) {
        rm[c] = (1 - momentum) * rm[c] + momentum * bm[c];
        rv[c] = (1 - momentum) * rv[c] + momentum * bv[c] * unbias;
      }
      HostArrays.write(rm, runningMean);
      HostArrays.write(rv, runningVar);
    }
  }

  private void checkRank(long[] batchShape) {
    long[] s = Arrays.copyOfRange(batchShape, 1, batchShape.length);
    outputShape(s);
  }

  @Override
  public long[] outputShape(long[] s) {
    boolean rankOk = spatialDims == 1 ? s.length == 1 || s.length == 2 : s.length == 3;
    if (!rankOk || s[0] != channels) {
      throw new ShapeException(this + " takes inputs of shape "
          + (spatialDims == 1 ? "[" + channels + "] or [" + channels + ", L]" : "[" + channels + ", H, W]")
          + ", got " + Arrays.toString(s));
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
  public LinkedHashMap<String, INDArray> namedBuffers() {
    LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
    m.put("running_mean", runningMean);
    m.put("running_var", runningVar);
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.BatchNormSpec(spatialDims, channels, eps, momentum, weight != null);
  }

  @Override
  public String toString() {
    return "BatchNorm" + spatialDims + "D(" + channels + (weight == null ? ", no affine" : "") + ")";
  }
}
