package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.init.Initializer;

/**
 * A 2-D transposed convolution (the input gradient of a convolution; "deconvolution" in DCGAN, book ch. 6):
 * x [n, in, H, W] → [n, out, Ho, Wo] with Ho = (H − 1)·strideH − 2·padH + dilationH·(kh − 1) + outputPadH + 1,
 * weight [in, out/groups, kh, kw] ("weight") and bias [out] ("bias"), PyTorch's {@code ConvTranspose2d} layout.
 *
 * <p>Defaults as {@link Conv2D}: Glorot-uniform weights (fan in = in/groups·kh·kw, fan out = out/groups·kh·kw)
 * and zero biases.
 */
public final class ConvTranspose2D implements Layer {
  private final long in;
  private final long out;
  private final int kh;
  private final int kw;
  private final Conv2dOptions options;
  private final int outputPadH;
  private final int outputPadW;
  private final Tensor weight;
  private final Tensor bias;

  /** A float32 layer with a square kernel, stride and padding, no output padding, and the defaults. */
  public ConvTranspose2D(long in, long out, int kernel, int stride, int padding, RandomGenerator rng) {
    this(in, out, kernel, kernel, Conv2dOptions.of(stride, padding), 0, 0, true, Conv2D.DEFAULT_WEIGHT_INIT,
        Conv2D.DEFAULT_BIAS_INIT, DataType.FLOAT, rng);
  }

  /**
   * @param outputPadH extra output rows at the bottom, in [0, strideH) (PyTorch's {@code output_padding})
   * @param outputPadW extra output columns at the right, in [0, strideW)
   * @throws ShapeException for sizes below 1, channel counts the groups do not divide, or a bad output padding
   */
  public ConvTranspose2D(long in, long out, int kh, int kw, Conv2dOptions options, int outputPadH, int outputPadW,
      boolean bias, Initializer weightInit, Initializer biasInit, DataType type, RandomGenerator rng) {
    if (in < 1 || out < 1 || kh < 1 || kw < 1) {
      throw new ShapeException("ConvTranspose2D needs in, out >= 1 channels and a kernel >= 1, got " + in + " -> "
          + out + ", kernel " + kh + "x" + kw);
    }
    if (in % options.groups() != 0 || out % options.groups() != 0) {
      throw new ShapeException("ConvTranspose2D: groups=" + options.groups() + " must divide both channel counts, "
          + "got " + in + " -> " + out);
    }
    if (outputPadH < 0 || outputPadH >= options.strideH() || outputPadW < 0 || outputPadW >= options.strideW()) {
      throw new ShapeException("ConvTranspose2D: output padding (" + outputPadH + ", " + outputPadW + ") must be "
          + ">= 0 and below the stride (" + options.strideH() + ", " + options.strideW() + ")");
    }
    this.in = in;
    this.out = out;
    this.kh = kh;
    this.kw = kw;
    this.options = options;
    this.outputPadH = outputPadH;
    this.outputPadW = outputPadW;
    long fanIn = in / options.groups() * kh * kw;
    long fanOut = out / options.groups() * kh * kw;
    this.weight = Tensor.parameter("weight",
        weightInit.init(new long[] {in, out / options.groups(), kh, kw}, fanIn, fanOut, type, rng));
    this.bias = bias ? Tensor.parameter("bias", biasInit.init(new long[] {out}, fanIn, fanOut, type, rng)) : null;
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
    return ConvOps.convTranspose2d(x, weight, bias, options, outputPadH, outputPadW);
  }

  @Override
  public long[] outputShape(long[] s) {
    if (s.length != 3 || s[0] != in) {
      throw new ShapeException(this + " takes inputs of shape [" + in + ", H, W], got " + Arrays.toString(s));
    }
    long ho = (s[1] - 1) * options.strideH() - 2L * options.padH() + (long) options.dilationH() * (kh - 1)
        + outputPadH + 1;
    long wo = (s[2] - 1) * options.strideW() - 2L * options.padW() + (long) options.dilationW() * (kw - 1)
        + outputPadW + 1;
    if (ho < 1 || wo < 1) {
      throw new ShapeException(this + ": input " + Arrays.toString(s) + " gives an empty output " + ho + "x" + wo);
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
    return new LayerSpec.ConvTranspose2DSpec(in, out, new int[] {kh, kw},
        new int[] {options.strideH(), options.strideW()}, new int[] {options.padH(), options.padW()},
        new int[] {options.dilationH(), options.dilationW()}, new int[] {outputPadH, outputPadW}, options.groups(),
        bias != null);
  }

  @Override
  public String toString() {
    return "ConvTranspose2D(" + in + " -> " + out + ", " + kh + "x" + kw + Conv2D.describe(options)
        + (outputPadH != 0 || outputPadW != 0 ? ", outpad " + outputPadH + "," + outputPadW : "")
        + (bias == null ? ", no bias" : "") + ")";
  }
}
