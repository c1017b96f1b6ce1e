package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.GlorotUniform;
import org.rlgan.nets.init.Initializer;

/**
 * A 2-D convolution over NCHW images (book ch. 6): x [n, in, H, W] → [n, out, Ho, Wo] with weight
 * [out, in/groups, kh, kw] ("weight") and bias [out] ("bias"), PyTorch's {@code Conv2d} layout; Ho and Wo as in
 * {@link Conv2dOptions}.
 *
 * <p>Defaults follow Keras, as {@link Dense} does: Glorot-uniform weights with the receptive-field fans of
 * PyTorch's {@code _calculate_fan_in_and_fan_out} (fan in = in/groups·kh·kw, fan out = out·kh·kw) and zero biases.
 */
public final class Conv2D implements Layer {
  /** Glorot uniform, gain 1. */
  public static final Initializer DEFAULT_WEIGHT_INIT = new GlorotUniform(1.0);
  /** Zeros. */
  public static final Initializer DEFAULT_BIAS_INIT = new Constant(0.0);

  private final long in;
  private final long out;
  private final int kh;
  private final int kw;
  private final Conv2dOptions options;
  private final Tensor weight;
  private final Tensor bias;

  /** A float32 layer with a square kernel, stride and padding, a bias and the default initialisers. */
  public Conv2D(long in, long out, int kernel, int stride, int padding, RandomGenerator rng) {
    this(in, out, kernel, kernel, Conv2dOptions.of(stride, padding), true, DEFAULT_WEIGHT_INIT, DEFAULT_BIAS_INIT,
        DataType.FLOAT, rng);
  }

  /**
   * @param in input channels, divisible by {@code options.groups()}
   * @param out output channels, divisible by {@code options.groups()}
   * @throws ShapeException for sizes below 1 or channel counts the groups do not divide
   */
  public Conv2D(long in, long out, int kh, int kw, Conv2dOptions options, boolean bias, Initializer weightInit,
      Initializer biasInit, DataType type, RandomGenerator rng) {
    if (in < 1 || out < 1 || kh < 1 || kw < 1) {
      throw new ShapeException("Conv2D needs in, out >= 1 channels and a kernel >= 1, got " + in + " -> " + out
          + ", kernel " + kh + "x" + kw);
    }
    if (in % options.groups() != 0 || out % options.groups() != 0) {
      throw new ShapeException("Conv2D: groups=" + options.groups() + " must divide both channel counts, got "
          + in + " -> " + out);
    }
    this.in = in;
    this.out = out;
    this.kh = kh;
    this.kw = kw;
    this.options = options;
    long fanIn = in / options.groups() * kh * kw;
    long fanOut = out * kh * kw;
    this.weight = Tensor.parameter("weight",
        weightInit.init(new long[] {out, in / options.groups(), kh, kw}, fanIn, fanOut, type, rng));
    this.bias = bias ? Tensor.parameter("bias", biasInit.init(new long[] {out}, fanIn, fanOut, type, rng)) : null;
  }

  public Tensor weight() {
    return weight;
  }

  /** The bias, or null when the layer has none. */
  public Tensor bias() {
    return bias;
  }

  public Conv2dOptions options() {
    return options;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return ConvOps.conv2d(x, weight, bias, options);
  }

  @Override
  public long[] outputShape(long[] s) {
    if (s.length != 3 || s[0] != in) {
      throw new ShapeException(this + " takes inputs of shape [" + in + ", H, W], got " + Arrays.toString(s));
    }
    long ho = options.outputHeight(s[1], kh);
    long wo = options.outputWidth(s[2], kw);
    if (ho < 1 || wo < 1) {
      throw new ShapeException(this + ": input " + Arrays.toString(s) + " is smaller than the (dilated, padded) "
          + "kernel; the output would be " + ho + "x" + wo);
    }
    return new long[] {out, ho, wo};
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
    return new LayerSpec.Conv2DSpec(in, out, new int[] {kh, kw}, new int[] {options.strideH(), options.strideW()},
        new int[] {options.padH(), options.padW()}, new int[] {options.dilationH(), options.dilationW()},
        options.groups(), bias != null);
  }

  @Override
  public String toString() {
    return "Conv2D(" + in + " -> " + out + ", " + kh + "x" + kw + Conv2D.describe(options)
        + (bias == null ? ", no bias" : "") + ")";
  }

  /** ", stride s, pad p, dilation d, groups g" for the options that differ from the defaults. */
  static String describe(Conv2dOptions o) {
    StringBuilder sb = new StringBuilder();
    if (o.strideH() != 1 || o.strideW() != 1) {
      sb.append(", stride ").append(pair(o.strideH(), o.strideW()));
    }
    if (o.padH() != 0 || o.padW() != 0) {
      sb.append(", pad ").append(pair(o.padH(), o.padW()));
    }
    if (o.dilationH() != 1 || o.dilationW() != 1) {
      sb.append(", dilation ").append(pair(o.dilationH(), o.dilationW()));
    }
    if (o.groups() != 1) {
      sb.append(", groups ").append(o.groups());
    }
    return sb.toString();
  }

  private static String pair(int a, int b) {
    return a == b ? Integer.toString(a) : a + "," + b;
  }
}
