package org.rlgan.gan.layers;

import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Conv2D;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.LayerSpec;

/**
 * Spectral normalisation of a layer's weight (Miyato, Kataoka, Koyama and Yoshida 2018, "Spectral
 * normalization for generative adversarial networks", Algorithm 1): the wrapped layer computes with
 * W_SN = W / σ(W), σ(W) the largest singular value of W seen as a matrix [out, in·k·k], estimated by power
 * iteration with a persistent vector u:
 *
 * <pre>
 *   v ← Wᵀu / ‖Wᵀu‖,   u ← Wv / ‖Wv‖     (in training mode, {@code powerIterations} times per forward pass)
 *   σ = uᵀ W v                          (u and v held constant: the gradient flows through W only)
 * </pre>
 *
 * as PyTorch's {@code torch.nn.utils.spectral_norm}: u starts as a normalised N(0, I) draw, the iteration
 * runs without recording, evaluation mode uses the stored u and v without updating them. Wraps a {@link Dense}
 * (W is stored [in, out], so the matrix is Wᵀ) or a {@link Conv2D} (weight [out, in/groups, kh, kw]).
 * Parameters keep the wrapped layer's names ({@code weight}, {@code bias}); u and v are buffers
 * {@code weight_u} [out] and {@code weight_v} [in·k·k], saved and loaded with the parameters.
 *
 * <p>{@link #spec()} returns the wrapped layer's spec: nets' closed {@link LayerSpec} set has no type for the
 * normalisation, so an architecture description does not record it.
 */
public final class SpectralNorm implements Layer {
  private static final double EPS = 1e-12;
  private final Layer inner;
  private final Tensor weight;
  private final Tensor bias;
  private final int powerIterations;
  private final INDArray u;
  private final INDArray v;
  private double lastSigma = Double.NaN;

  /**
   * @param layer a {@link Dense} or {@link Conv2D}
   * @param powerIterations power-iteration steps per training forward pass, ≥ 1 (Miyato et al. use 1)
   * @param rng draws the initial u
   */
  public SpectralNorm(Layer layer, int powerIterations, RandomGenerator rng) {
    if (powerIterations < 1) {
      throw new IllegalArgumentException("powerIterations = " + powerIterations + " is invalid: it must be >= 1");
    }
    this.inner = layer;
    this.powerIterations = powerIterations;
    if (layer instanceof Dense d) {
      this.weight = d.weight();
      this.bias = d.bias();
    } else if (layer instanceof Conv2D c) {
      this.weight = c.weight();
      this.bias = c.bias();
    } else {
      throw new IllegalArgumentException("SpectralNorm wraps a Dense or a Conv2D layer, got " + layer);
    }
    INDArray m = matrix(weight.value());
    long rows = m.size(0);
    long cols = m.size(1);
    double[] u0 = new double[Math.toIntExact(rows)];
    for (int i = 0; i < u0.length; i++) {
      u0[i] = rng.nextGaussian();
    }
    this.u = normalize(Nd4j.createFromArray(u0).castTo(weight.dataType()));
    // v from one half-step, so that σ = uᵀWv is meaningful before the first training pass.
    this.v = normalize(m.transpose().mmul(u.reshape(rows, 1)).reshape(cols));
  }

  /** A Dense or Conv2D with one power iteration per step (the paper's setting). */
  public SpectralNorm(Layer layer, RandomGenerator rng) {
    this(layer, 1, rng);
  }

  public Layer inner() {
    return inner;
  }

  /** σ used in the last forward pass (NaN before the first). */
  public double lastSigma() {
    return lastSigma;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    if (ctx.training()) {
      INDArray m = matrix(weight.value());
      long rows = m.size(0);
      long cols = m.size(1);
      for (int i = 0; i < powerIterations; i++) {
        v.assign(normalize(m.transpose().mmul(u.reshape(rows, 1)).reshape(cols)));
        u.assign(normalize(m.mmul(v.reshape(cols, 1)).reshape(rows)));
      }
    }
    Tensor wMat = weightMatrix();
    Tensor uT = Tensor.constant(u.reshape(1, u.length()).dup());
    Tensor vT = Tensor.constant(v.reshape(v.length(), 1).dup());
    Tensor sigma = Ops.sum(Ops.matmul(Ops.matmul(uT, wMat), vT)); // uᵀ W v, differentiable in W
    lastSigma = sigma.item();
    Tensor wSn = Ops.div(weight, sigma);
    if (inner instanceof Dense) {
      return Ops.linear(x, wSn, bias);
    }
    return ConvOps.conv2d(x, wSn, bias, ((Conv2D) inner).options());
  }

  /** The weight as the paper's [out, in·k·k] matrix, on the tape. */
  private Tensor weightMatrix() {
    if (inner instanceof Dense) {
      return Ops.transpose(weight);
    }
    long out = weight.size(0);
    return Ops.reshape(weight, out, weight.value().length() / out);
  }

  private INDArray matrix(INDArray w) {
    if (inner == null || inner instanceof Dense) {
      return w.transpose();
    }
    return w.reshape(w.size(0), w.length() / w.size(0));
  }

  private static INDArray normalize(INDArray a) {
    double n = a.norm2Number().doubleValue();
    return a.div(n + EPS);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    return inner.outputShape(inputShape);
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return inner.namedParameters();
  }

  @Override
  public LinkedHashMap<String, INDArray> namedBuffers() {
    LinkedHashMap<String, INDArray> b = new LinkedHashMap<>();
    b.put("weight_u", u);
    b.put("weight_v", v);
    return b;
  }

  @Override
  public LayerSpec spec() {
    return inner.spec();
  }

  @Override
  public String toString() {
    return "SpectralNorm(" + inner + ")";
  }
}
