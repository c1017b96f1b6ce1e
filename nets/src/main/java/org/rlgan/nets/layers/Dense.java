package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.init.GlorotUniform;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.Initializer;

/**
 * The affine map y = x·W + b (book §5.1): x [n, in], W [in, out] ("weight"), b [out] ("bias").
 *
 * <p>Defaults follow Keras: Glorot-uniform weights and zero biases.
 */
public final class Dense implements Layer {
  /** Glorot uniform, gain 1. */
  public static final Initializer DEFAULT_WEIGHT_INIT = new GlorotUniform(1.0);
  /** Zeros. */
  public static final Initializer DEFAULT_BIAS_INIT = new Constant(0.0);

  private final long in;
  private final long out;
  private final Tensor weight;
  private final Tensor bias;

  /** A float32 layer with the default initialisers. */
  public Dense(long in, long out, RandomGenerator rng) {
    this(in, out, true, DEFAULT_WEIGHT_INIT, DEFAULT_BIAS_INIT, DataType.FLOAT, rng);
  }

  public Dense(long in, long out, boolean bias, Initializer weightInit, Initializer biasInit, DataType type,
      RandomGenerator rng) {
    if (in < 1 || out < 1) {
      throw new ShapeException("Dense needs in >= 1 and out >= 1 features, got " + in + " -> " + out);
    }
    this.in = in;
    this.out = out;
    this.weight = Tensor.parameter("weight", weightInit.init(new long[] {in, out}, in, out, type, rng));
    this.bias = bias ? Tensor.parameter("bias", biasInit.init(new long[] {out}, in, out, type, rng)) : null;
  }

  public long in() {
    return in;
  }

  public long out() {
    return out;
  }

  public Tensor weight() {
    return weight;
  }

  /** The bias, or null when the layer has none. */
  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return Ops.linear(x, weight, bias);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length != 1 || inputShape[0] != in) {
      throw new ShapeException("Dense " + in + "->" + out + " takes inputs of shape [" + in + "], got "
          + Arrays.toString(inputShape) + (inputShape.length > 1 ? " (add a Flatten first)" : ""));
    }
    return new long[] {out};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    m.put("weight", weight);
    if (bias != null) {
      m.put("bias", bias);
    }
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.DenseSpec(in, out, bias != null);
  }

  @Override
  public String toString() {
    return "Dense(" + in + " -> " + out + (bias == null ? ", no bias" : "") + ")";
  }
}
