package org.rlgan.agents.dqn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.LayerSpec;
import org.rlgan.nets.layers.ShapeException;

/**
 * A noisy linear layer with factorised Gaussian noise (Fortunato et al. 2018, "Noisy Networks for Exploration",
 * ICLR, §3 and eq. 11): y = x·(μ_W + σ_W ⊙ ε_W) + μ_b + σ_b ⊙ ε_b with ε_W = f(ε_in) f(ε_out)ᵀ, ε_b = f(ε_out),
 * f(x) = sgn(x)·√|x|, ε ~ N(0, 1). Initialisation as in the paper: μ ~ U(−1/√in, 1/√in), σ = σ0/√in.
 *
 * <p>The noise is drawn only by {@link #resample} from the generator the caller passes (the agent's, so a resumed
 * run draws the same noise); {@link #clearNoise} returns to the mean weights μ (the greedy policy of evaluation).
 * Parameters: {@code mu_weight} [in, out], {@code sigma_weight}, {@code mu_bias} [out], {@code sigma_bias}.
 */
public final class NoisyDense implements Layer {
  private final long in;
  private final long out;
  private final Tensor muW;
  private final Tensor sigmaW;
  private final Tensor muB;
  private final Tensor sigmaB;
  private float[] epsW; // [in·out], or null: no noise
  private float[] epsB; // [out]

  public NoisyDense(long in, long out, double sigma0, DataType type, RandomGenerator rng) {
    if (in < 1 || out < 1) {
      throw new ShapeException("NoisyDense needs in >= 1 and out >= 1 features, got " + in + " -> " + out);
    }
    this.in = in;
    this.out = out;
    double bound = 1 / Math.sqrt(in);
    double[] w = new double[(int) (in * out)];
    for (int i = 0; i < w.length; i++) {
      w[i] = (2 * rng.nextDouble() - 1) * bound;
    }
    double[] b = new double[(int) out];
    for (int i = 0; i < b.length; i++) {
      b[i] = (2 * rng.nextDouble() - 1) * bound;
    }
    double s = sigma0 / Math.sqrt(in);
    this.muW = Tensor.parameter("mu_weight", Nd4j.createFromArray(w).reshape(in, out).castTo(type));
    this.sigmaW = Tensor.parameter("sigma_weight", Nd4j.valueArrayOf(new long[] {in, out}, s, type));
    this.muB = Tensor.parameter("mu_bias", Nd4j.createFromArray(b).castTo(type));
    this.sigmaB = Tensor.parameter("sigma_bias", Nd4j.valueArrayOf(new long[] {out}, s, type));
  }

  /** Draws new factorised noise: {@code in + out} standard normals from {@code rng}. */
  public void resample(RandomGenerator rng) {
    double[] a = new double[(int) in];
    double[] c = new double[(int) out];
    for (int i = 0; i < a.length; i++) {
      a[i] = f(rng.nextGaussian());
    }
    for (int j = 0; j < c.length; j++) {
      c[j] = f(rng.nextGaussian());
    }
    float[] ew = new float[(int) (in * out)];
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        ew[(int) (i * out + j)] = (float) (a[i] * c[j]);
      }
    }
    float[] eb = new float[(int) out];
    for (int j = 0; j < out; j++) {
      eb[j] = (float) c[j];
    }
    epsW = ew;
    epsB = eb;
  }

  /** The mean weights from now on (no noise) until the next {@link #resample}. */
  public void clearNoise() {
    epsW = null;
    epsB = null;
  }

  /** The current weight noise ε_W [in·out] (a copy), or null. */
  float[] weightNoise() {
    return epsW == null ? null : epsW.clone();
  }

  private static double f(double x) {
    return Math.signum(x) * Math.sqrt(Math.abs(x));
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    if (epsW == null) {
      return Ops.linear(x, muW, muB);
    }
    DataType t = muW.dataType();
    Tensor w = Ops.add(muW, Ops.mul(sigmaW, Tensor.constant(Nd4j.createFromArray(epsW).reshape(in, out).castTo(t))));
    Tensor b = Ops.add(muB, Ops.mul(sigmaB, Tensor.constant(Nd4j.createFromArray(epsB).castTo(t))));
    return Ops.linear(x, w, b);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length != 1 || inputShape[0] != in) {
      throw new ShapeException("NoisyDense " + in + "->" + out + " takes inputs of shape [" + in + "], got "
          + Arrays.toString(inputShape));
    }
    return new long[] {out};
  }

  /** Noisy layers have no entry in nets' closed set of layer specs; checkpoints do not need one. */
  @Override
  public LayerSpec spec() {
    throw new UnsupportedOperationException("NoisyDense has no LayerSpec (nets' spec types are a closed set); "
        + "networks with noisy layers are described by DqnConfig.Network");
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    m.put("mu_weight", muW);
    m.put("sigma_weight", sigmaW);
    m.put("mu_bias", muB);
    m.put("sigma_bias", sigmaB);
    return m;
  }

  @Override
  public String toString() {
    return "NoisyDense(" + in + " -> " + out + ")";
  }
}
