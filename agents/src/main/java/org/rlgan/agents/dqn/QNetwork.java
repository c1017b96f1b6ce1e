package org.rlgan.agents.dqn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.agents.DqnConfig;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Module;
import org.rlgan.nets.layers.MultiHead;
import org.rlgan.nets.layers.Sequential;

/**
 * A Q network Q(s, ·): [n, width] → [n, actions], float32, built from a {@link DqnConfig.Network}. Either one
 * MLP, or (dueling, Wang et al. 2016, "Dueling Network Architectures for Deep Reinforcement Learning", ICML) a
 * shared trunk with a value head V(s) ([n, 1]) and an advantage head A(s, ·) ([n, actions]) joined as
 * Q(s, a) = V(s) + A(s, a) − (1/|A|) Σ_a' A(s, a') (their eq. 9). Parameter names: {@code "0.weight"}, ... for the
 * plain MLP; {@code "trunk.…"}, {@code "heads.value.…"}, {@code "heads.advantage.…"} for the dueling one.
 *
 * <p>With a {@link DqnConfig.Distribution} the network outputs [n, actions·atoms], row-major by action then atom:
 * for C51 logits, p(s, a) = softmax over the atoms of action a and Q(s, a) = Σ_j z_j p_j(s, a); for QR-DQN quantile
 * values θ_i(s, a) and Q(s, a) = (1/N) Σ_i θ_i(s, a). Dueling then acts atom by atom, as in Rainbow (Hessel et al.
 * 2018, §2).
 */
public final class QNetwork implements Module {
  private final DqnConfig.Network spec;
  private final int width;
  private final int[] imageShape; // [H, W, C] for a convolutional torso, else null
  private final int actions;
  private final DqnConfig.Distribution distribution; // null: scalar Q
  private final int atoms;
  private final java.util.List<NoisyDense> noisy = new java.util.ArrayList<>();
  private final Sequential plain; // null when dueling
  private final MultiHead dueling; // null when plain

  public QNetwork(DqnConfig.Network spec, int width, int actions, RandomGenerator rng) {
    this(spec, new int[] {width}, actions, null, rng);
  }

  /**
   * @param observationShape [width] for flat observations; [H, W, C] (channel last, as MinAtar) when the network
   *     has convolutions
   * @param distribution null for scalar Q values, else C51's support or QR-DQN's quantiles
   */
  public QNetwork(DqnConfig.Network spec, int[] observationShape, int actions, DqnConfig.Distribution distribution,
      RandomGenerator rng) {
    this.spec = spec;
    int w = 1;
    for (int d : observationShape) {
      w *= d;
    }
    this.width = w;
    if (!spec.conv().isEmpty() && observationShape.length != 3) {
      throw new IllegalArgumentException("network.conv needs image observations [H, W, C]; the observation shape is "
          + java.util.Arrays.toString(observationShape));
    }
    this.imageShape = spec.conv().isEmpty() ? null : observationShape.clone();
    this.actions = actions;
    this.distribution = distribution;
    this.atoms = distribution == null ? 1 : distribution.atoms();
    long[] in = imageShape == null ? new long[] {width}
        : new long[] {imageShape[2], imageShape[0], imageShape[1]}; // NCHW after forward's permutation
    Sequential.Builder b = Sequential.builder(in, DataType.FLOAT, rng);
    for (DqnConfig.Conv c : spec.conv()) {
      b.conv2d(c.channels(), c.kernel(), c.stride(), 0);
      activation(b, spec);
    }
    long cur = width;
    if (imageShape != null) {
      b.flatten();
      long h = imageShape[0];
      long w2 = imageShape[1];
      long ch = imageShape[2];
      for (DqnConfig.Conv c : spec.conv()) {
        h = (h - c.kernel()) / c.stride() + 1;
        w2 = (w2 - c.kernel()) / c.stride() + 1;
        ch = c.channels();
      }
      cur = ch * h * w2;
    }
    long last = -1;
    for (int h : spec.hidden()) {
      dense(b, cur, h, spec, rng);
      activation(b, spec);
      last = h;
      cur = h;
    }
    if (!spec.dueling()) {
      this.plain = dense(b, cur, (long) actions * atoms, spec, rng).build();
      this.dueling = null;
    } else {
      if (spec.hidden().isEmpty()) {
        throw new IllegalArgumentException("network.dueling needs at least one hidden layer (the shared trunk); "
            + "network.hidden is empty");
      }
      long[] trunkOut = {last};
      Map<String, Layer> heads = new LinkedHashMap<>();
      heads.put("value", dense(Sequential.builder(trunkOut, DataType.FLOAT, rng), last, atoms, spec, rng).build());
      heads.put("advantage",
          dense(Sequential.builder(trunkOut, DataType.FLOAT, rng), last, (long) actions * atoms, spec, rng).build());
      this.dueling = new MultiHead(in, b.build(), heads);
      this.plain = null;
    }
  }

  /** A dense layer, or a noisy one (Noisy Nets) when {@code spec.noisySigma0() > 0}. */
  private Sequential.Builder dense(Sequential.Builder b, long in, long out, DqnConfig.Network spec,
      RandomGenerator rng) {
    if (spec.noisySigma0() == 0) {
      return b.dense(out);
    }
    NoisyDense layer = new NoisyDense(in, out, spec.noisySigma0(), DataType.FLOAT, rng);
    noisy.add(layer);
    return b.add(layer);
  }

  /** True when the network has noisy layers. */
  public boolean isNoisy() {
    return !noisy.isEmpty();
  }

  /** Noisy Nets: new noise in every noisy layer, drawn from {@code rng} in layer order. */
  public void resampleNoise(RandomGenerator rng) {
    for (NoisyDense l : noisy) {
      l.resample(rng);
    }
  }

  /** Noisy Nets: the mean weights in every noisy layer until the next {@link #resampleNoise}. */
  public void clearNoise() {
    for (NoisyDense l : noisy) {
      l.clearNoise();
    }
  }

  private static void activation(Sequential.Builder b, DqnConfig.Network spec) {
    if (spec.activation() == DqnConfig.ActivationKind.RELU) {
      b.relu();
    } else {
      b.tanh();
    }
  }

  /** A network of the same architecture with a copy of these parameters (a target network). */
  public QNetwork copy(RandomGenerator rng) {
    QNetwork c = new QNetwork(spec, imageShape == null ? new int[] {width} : imageShape, actions, distribution, rng);
    org.rlgan.nets.layers.Models.copyParameters(this, c);
    return c;
  }

  public int width() {
    return width;
  }

  public int actions() {
    return actions;
  }

  /** Atoms per action: 1 for scalar Q values. */
  public int atoms() {
    return atoms;
  }

  public DqnConfig.Network spec() {
    return spec;
  }

  /**
   * The network's output for a batch [n, width]: Q(s, ·) [n, actions], or with a distribution the logits (C51)
   * or quantile values (QR-DQN) [n, actions·atoms].
   */
  public Tensor forward(Tensor x) {
    if (imageShape != null) { // rows are [H, W, C] channel-last: to NCHW
      x = Ops.permute(Ops.reshape(x, x.size(0), imageShape[0], imageShape[1], imageShape[2]), 0, 3, 1, 2);
    }
    if (plain != null) {
      return plain.forward(x, ForwardContext.eval());
    }
    LinkedHashMap<String, Tensor> out = dueling.forward(x, ForwardContext.eval());
    Tensor v = out.get("value"); // [n, atoms]
    Tensor adv = out.get("advantage"); // [n, A·atoms]
    if (atoms == 1) {
      // Q = V + (A − mean_a A)   (Wang et al. 2016, eq. 9)
      return Ops.add(v, Ops.sub(adv, Ops.mean(adv, true, 1)));
    }
    long n = x.size(0);
    Tensor a3 = Ops.reshape(adv, n, actions, atoms);
    Tensor v3 = Ops.reshape(v, n, 1, atoms);
    return Ops.reshape(Ops.add(v3, Ops.sub(a3, Ops.mean(a3, true, 1))), n, (long) actions * atoms);
  }

  /** The dueling heads' outputs {@code "value"} [n, 1] and {@code "advantage"} [n, A] (dueling networks only). */
  LinkedHashMap<String, Tensor> heads(Tensor x) {
    return dueling.forward(x, ForwardContext.eval());
  }

  /** Q(s, ·) for n rows of {@code obs} (row-major [n, width]), as a host array [n·actions]. */
  public float[] values(float[] obs, int n) {
    float[] out = forward(Tensor.of(obs, n, width)).value().reshape(-1).toFloatVector();
    return atoms == 1 ? out : expectedValues(out, n);
  }

  /** For C51: the atom probabilities [n·actions·atoms] of n rows (softmax per action). */
  public float[] probabilities(float[] obs, int n) {
    float[] logits = forward(Tensor.of(obs, n, width)).value().reshape(-1).toFloatVector();
    softmaxInPlace(logits, n * actions, atoms);
    return logits;
  }

  private float[] expectedValues(float[] out, int n) {
    float[] q = new float[n * actions];
    if (distribution instanceof DqnConfig.Categorical c) {
      softmaxInPlace(out, n * actions, atoms);
      for (int r = 0; r < n * actions; r++) {
        double e = 0;
        for (int j = 0; j < atoms; j++) {
          e += out[r * atoms + j] * c.atom(j);
        }
        q[r] = (float) e;
      }
    } else {
      for (int r = 0; r < n * actions; r++) {
        double e = 0;
        for (int j = 0; j < atoms; j++) {
          e += out[r * atoms + j];
        }
        q[r] = (float) (e / atoms);
      }
    }
    return q;
  }

  /** The raw outputs [n·actions·atoms] of n rows (QR-DQN: quantile values). */
  public float[] outputs(float[] obs, int n) {
    return forward(Tensor.of(obs, n, width)).value().reshape(-1).toFloatVector();
  }

  static void softmaxInPlace(float[] x, int rows, int k) {
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, x[o + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = Math.exp(x[o + j] - max);
        x[o + j] = (float) e;
        sum += e;
      }
      for (int j = 0; j < k; j++) {
        x[o + j] = (float) (x[o + j] / sum);
      }
    }
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return plain != null ? plain.namedParameters() : dueling.namedParameters();
  }

  @Override
  public LinkedHashMap<String, INDArray> namedBuffers() {
    return plain != null ? plain.namedBuffers() : dueling.namedBuffers();
  }
}
