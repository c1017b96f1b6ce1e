package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.ConvOps;
import org.rlgan.nets.Tensor;

/**
 * Max or average pooling over kh × kw windows of NCHW images (book ch. 6): x [n, C, H, W] → [n, C, Ho, Wo], no
 * parameters. Max pooling pads with −∞ and sends the gradient to the first maximum of each window; average
 * pooling pads with zeros and divides every window by kh·kw (PyTorch's {@code MaxPool2d} and {@code AvgPool2d}
 * with their defaults). Build with {@link #max} or {@link #avg}; the stride defaults to the kernel size, as in
 * PyTorch.
 */
public final class Pool2D implements Layer {

  /** Which reduction the window applies. */
  public enum Kind { MAX, AVG }

  private final Kind kind;
  private final int kh;
  private final int kw;
  private final Conv2dOptions options;

  /**
   * @param options stride, padding (at most half the kernel) and dilation (max pooling only); groups must be 1
   * @throws ShapeException for a kernel below 1, groups, a padding over half the kernel, or a dilated average
   */
  public Pool2D(Kind kind, int kh, int kw, Conv2dOptions options) {
    if (kind == null) {
      throw new ShapeException("Pool2D kind must be one of " + Arrays.toString(Kind.values()));
    }
    if (kh < 1 || kw < 1 || options.groups() != 1) {
      throw new ShapeException("Pool2D needs a kernel >= 1 and groups = 1, got " + kh + "x" + kw + ", groups "
          + options.groups());
    }
    if (2 * options.padH() > options.dilationH() * (kh - 1) + 1
        || 2 * options.padW() > options.dilationW() * (kw - 1) + 1) {
      throw new ShapeException("Pool2D: padding (" + options.padH() + ", " + options.padW() + ") must be at most "
          + "half the kernel size " + kh + "x" + kw);
    }
    if (kind == Kind.AVG && (options.dilationH() != 1 || options.dilationW() != 1)) {
      throw new ShapeException("Pool2D: average pooling has no dilation, got (" + options.dilationH() + ", "
          + options.dilationW() + ")");
    }
    this.kind = kind;
    this.kh = kh;
    this.kw = kw;
    this.options = options;
  }

  /** Max pooling with a square window, stride = window, no padding. */
  public static Pool2D max(int kernel) {
    return new Pool2D(Kind.MAX, kernel, kernel, Conv2dOptions.of(kernel, 0));
  }

  /** Max pooling with a square window, stride and padding. */
  public static Pool2D max(int kernel, int stride, int padding) {
    return new Pool2D(Kind.MAX, kernel, kernel, Conv2dOptions.of(stride, padding));
  }

  /** Average pooling with a square window, stride = window, no padding. */
  public static Pool2D avg(int kernel) {
    return new Pool2D(Kind.AVG, kernel, kernel, Conv2dOptions.of(kernel, 0));
  }

  /** Average pooling with a square window, stride and padding. */
  public static Pool2D avg(int kernel, int stride, int padding) {
    return new Pool2D(Kind.AVG, kernel, kernel, Conv2dOptions.of(stride, padding));
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return kind == Kind.MAX ? ConvOps.maxPool2d(x, kh, kw, options) : ConvOps.avgPool2d(x, kh, kw, options);
  }

  @Override
  public long[] outputShape(long[] s) {
    if (s.length != 3) {
      throw new ShapeException(this + " takes inputs of shape [C, H, W], got " + Arrays.toString(s));
    }
    long ho = options.outputHeight(s[1], kh);
    long wo = options.outputWidth(s[2], kw);
    if (ho < 1 || wo < 1) {
      throw new ShapeException(this + ": input " + Arrays.toString(s) + " is smaller than the window");
    }
    return new long[] {s[0], ho, wo};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.Pool2DSpec(kind, new int[] {kh, kw}, new int[] {options.strideH(), options.strideW()},
        new int[] {options.padH(), options.padW()}, new int[] {options.dilationH(), options.dilationW()});
  }

  @Override
  public String toString() {
    return (kind == Kind.MAX ? "MaxPool2D(" : "AvgPool2D(") + kh + "x" + kw + Conv2D.describe(options) + ")";
  }
}
