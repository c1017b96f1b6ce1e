package org.rlgan.nets;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.ConvKernels.Geom;

/**
 * Differentiable operations on images in NCHW layout (batch, channels, height, width): convolution, transposed
 * convolution, pooling, nearest-neighbour upsampling and the per-channel maps that batch normalisation is made
 * of. They sit beside {@link Ops} and follow its rules: every result is a new array, and every backward rule is
 * written with these operations, so gradients can be differentiated again (all of them support double backward;
 * max pooling's routing is piecewise linear, so its second derivative is zero almost everywhere, as in PyTorch).
 *
 * <p>A convolution y = conv(x, w) is bilinear, and its three maps close under differentiation: the input
 * gradient is the transposed convolution convᵀ(g, w), the weight gradient is a correlation W(x, g), and the
 * derivatives of those two are again conv, convᵀ and W. Transposed convolution, average pooling (a depthwise
 * convolution with the constant weight 1/(kh·kw)) and nearest upsampling (a depthwise transposed convolution
 * with a kernel of ones) are written with the same three maps, so they inherit every derivative order.
 *
 * <p>The arithmetic is in {@link ConvKernels}: im2col + CBLAS GEMM on the CPU, libnd4j's convolution ops
 * elsewhere.
 */
public final class ConvOps {
  private ConvOps() {}

  // ------------------------------------------------------------------ convolution

  /**
   * The 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}) of x [N, C, H, W] with weights
   * w [O, C/groups, kh, kw] plus b [O] (or null): y [N, O, Ho, Wo], Ho and Wo as in {@link Conv2dOptions}.
   *
   * @throws IllegalArgumentException when the shapes do not fit together (naming both), or the output is empty
   */
  public static Tensor conv2d(Tensor x, Tensor w, Tensor b, Conv2dOptions o) {
    if (x.rank() != 4 || w.rank() != 4) {
      throw new IllegalArgumentException("conv2d needs x [N, C, H, W] and w [O, C/groups, kh, kw], got "
          + x.describe() + " and " + w.describe());
    }
    sameType("conv2d", x, w);
    int g = o.groups();
    long c = x.size(1);
    long out = w.size(0);
    if (w.size(1) * g != c || out % g != 0) {
      throw new IllegalArgumentException("conv2d: weights " + w.describe() + " with groups=" + g + " need "
          + w.size(1) * g + " input channels and an output count divisible by " + g + "; x " + x.describe()
          + " has " + c);
    }
    checkBias("conv2d", b, out, x);
    long ho = o.outputHeight(x.size(2), w.size(2));
    long wo = o.outputWidth(x.size(3), w.size(3));
    if (ho < 1 || wo < 1) {
      throw new IllegalArgumentException("conv2d: input " + x.describe() + " is smaller than the dilated kernel "
          + Arrays.toString(w.shape()) + " with " + o + " (output " + ho + "x" + wo + ")");
    }
    Geom geom = new Geom(toInt(x.size(0)), toInt(c), toInt(x.size(2)), toInt(x.size(3)), toInt(out),
        toInt(w.size(2)), toInt(w.size(3)), o.strideH(), o.strideW(), o.padH(), o.padW(), o.dilationH(),
        o.dilationW(), g, toInt(ho), toInt(wo));
    return convForward(x, w, b, geom);
  }

  /**
   * The transposed convolution (PyTorch's {@code conv_transpose2d}, the gradient of {@link #conv2d} with respect
   * to its input) of x [N, Cin, H, W] with weights w [Cin, Cout/groups, kh, kw] plus b [Cout] (or null):
   * y [N, Cout, Ho, Wo] with Ho = (H − 1)·strideH − 2·padH + dilationH·(kh − 1) + outputPadH + 1.
   *
   * @param outputPadH extra rows at the bottom of the output, in [0, strideH) (they receive only the bias)
   * @param outputPadW extra columns at the right, in [0, strideW)
   */
  public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, Conv2dOptions o, int outputPadH,
      int outputPadW) {
    if (x.rank() != 4 || w.rank() != 4) {
      throw new IllegalArgumentException("convTranspose2d needs x [N, Cin, H, W] and w [Cin, Cout/groups, kh, kw], "
          + "got " + x.describe() + " and " + w.describe());
    }
    sameType("convTranspose2d", x, w);
    if (outputPadH < 0 || outputPadH >= o.strideH() || outputPadW < 0 || outputPadW >= o.strideW()) {
      throw new IllegalArgumentException("convTranspose2d: output padding (" + outputPadH + ", " + outputPadW
          + ") must be >= 0 and below the stride (" + o.strideH() + ", " + o.strideW() + ")");
    }
    int g = o.groups();
    long cin = x.size(1);
    if (w.size(0) != cin || cin % g != 0) {
      throw new IllegalArgumentException("convTranspose2d: weights " + w.describe() + " need " + w.size(0)
          + " input channels (divisible by groups=" + g + "); x " + x.describe() + " has " + cin);
    }
    long cout = w.size(1) * g;
    checkBias("convTranspose2d", b, cout, x);
    long h = (x.size(2) - 1) * o.strideH() - 2L * o.padH() + (long) o.dilationH() * (w.size(2) - 1) + outputPadH + 1;
    long wd = (x.size(3) - 1) * o.strideW() - 2L * o.padW() + (long) o.dilationW() * (w.size(3) - 1) + outputPadW + 1;
    if (h < 1 || wd < 1) {
      throw new IllegalArgumentException("convTranspose2d: padding " + o + " leaves an empty output (" + h + "x" + wd
          + ") for input " + x.describe());
    }
    Geom geom = new Geom(toInt(x.size(0)), toInt(cout), toInt(h), toInt(wd), toInt(cin), toInt(w.size(2)),
        toInt(w.size(3)), o.strideH(), o.strideW(), o.padH(), o.padW(), o.dilationH(), o.dilationW(), g,
        toInt(x.size(2)), toInt(x.size(3)));
    return convTranspose(x, w, b, geom);
  }

  /** Primitive: y = conv(x, w) + b. Backward: convᵀ(g, w), W(x, g), Σ g per channel. */
  private static Tensor convForward(Tensor x, Tensor w, Tensor b, Geom geom) {
    Tensor[] in = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
    INDArray bv = b == null ? null : b.value();
    // When the weight gradient will be wanted, keep the forward's im2col matrix for it (handed back after use).
    INDArray[] kept = Autograd.isRecording() && w.requiresGrad()
        ? ConvKernels.forwardKeepingCol(x.value(), w.value(), bv, geom)
        : new INDArray[] {ConvKernels.forward(x.value(), w.value(), bv, geom), null};
    INDArray[] col = {kept[1]};
    return Ops.record("conv2d", kept[0], g -> {
      Tensor[] out = new Tensor[in.length];
      boolean wx = Autograd.needsGrad(x);
      boolean ww = Autograd.needsGrad(w);
      INDArray c = col[0];
      col[0] = null;
      if (!Autograd.isRecording() && wx && ww) {
        // Not recorded: both gradients from one pass over g (one conv2d_bp call, or one transpose of g).
        INDArray[] r = c != null ? ConvKernels.backwardWithCol(c, w.value(), g.value(), geom, true, true)
            : ConvKernels.backward(x.value(), w.value(), g.value(), geom, true, true);
        out[0] = Tensor.constant(r[0]);
        out[1] = Tensor.constant(r[1]);
      } else {
        out[0] = wx ? convTranspose(g, w, null, geom) : null;
        out[1] = !ww ? null : c != null && !Autograd.isRecording()
            ? Tensor.constant(ConvKernels.weightGradWithCol(c, g.value(), geom)) : convWeight(x, g, geom);
      }
      if (c != null) {
        ConvKernels.releaseCol(c);
      }
      if (b != null && Autograd.needsGrad(b)) {
        out[2] = channelSum(g);
      }
      return out;
    }, in);
  }

  /**
   * Primitive: y = convᵀ(x, w) + b, x in the convolution's output shape, y in its input shape. Backward:
   * conv(g, w), W(g, x), Σ g per channel.
   */
  private static Tensor convTranspose(Tensor x, Tensor w, Tensor b, Geom geom) {
    Tensor[] in = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
    return Ops.record("convTranspose2d", ConvKernels.inputGrad(x.value(), w.value(), b == null ? null : b.value(),
        geom), g -> {
          Tensor[] out = new Tensor[in.length];
          boolean wx = Autograd.needsGrad(x);
          boolean ww = Autograd.needsGrad(w);
          if (!Autograd.isRecording() && wx && ww) {
            INDArray[] r =
                ConvKernels.transposeBackward(x.value(), w.value(), g.value(), geom, true, true);
            out[0] = Tensor.constant(r[0]);
            out[1] = Tensor.constant(r[1]);
          } else {
            out[0] = wx ? convForward(g, w, null, geom) : null;
            out[1] = ww ? convWeight(g, x, geom) : null;
          }
          if (b != null && Autograd.needsGrad(b)) {
            out[2] = channelSum(g);
          }
          return out;
        }, in);
  }

  /** Primitive: dw = W(x, gy), the weight gradient of conv at x for the output gradient gy. */
  private static Tensor convWeight(Tensor x, Tensor gy, Geom geom) {
    return Ops.record("convWeightGrad", ConvKernels.weightGrad(x.value(), gy.value(), geom), v -> new Tensor[] {
        Autograd.needsGrad(x) ? convTranspose(gy, v, null, geom) : null,
        Autograd.needsGrad(gy) ? convForward(x, v, null, geom) : null}, x, gy);
  }

  // ------------------------------------------------------------------ pooling and resizing

  /**
   * Max pooling of x [N, C, H, W] over kh × kw windows (padding counts as −∞; {@code o.groups()} must be 1):
   * [N, C, Ho, Wo]. The gradient goes to the first maximum of each window, as PyTorch's.
   *
   * @throws IllegalArgumentException when a padding exceeds half the kernel size (PyTorch's rule) or the
   *     output would be empty
   */
  public static Tensor maxPool2d(Tensor x, int kh, int kw, Conv2dOptions o) {
    Geom geom = poolGeometry("maxPool2d", x, kh, kw, o);
    int[] argmax = new int[geom.n() * geom.c() * geom.ho() * geom.wo()];
    long[] xShape = x.shape();
    long[] yShape = geom.outShape();
    return Ops.record("maxPool2d", ConvKernels.maxPool(x.value(), geom, argmax),
        g -> new Tensor[] {scatter(g, argmax, xShape, yShape)}, x);
  }

  /** Zeros of {@code full} with g added at the given flat indices (max pooling's gradient); adjoint of gather. */
  private static Tensor scatter(Tensor g, int[] index, long[] full, long[] small) {
    return Ops.record("scatterAdd", ConvKernels.scatterAdd(g.value(), index, full),
        gg -> new Tensor[] {gather(gg, index, small, full)}, g);
  }

  private static Tensor gather(Tensor x, int[] index, long[] small, long[] full) {
    return Ops.record("gather", ConvKernels.gather(x.value(), index, small),
        gg -> new Tensor[] {scatter(gg, index, full, small)}, x);
  }

  /**
   * Average pooling of x [N, C, H, W] over kh × kw windows: [N, C, Ho, Wo]. Padding counts as zeros and every
   * window is divided by kh·kw (PyTorch's default {@code count_include_pad=True}); {@code o.groups()} must be 1.
   */
  public static Tensor avgPool2d(Tensor x, int kh, int kw, Conv2dOptions o) {
    Geom geom = poolGeometry("avgPool2d", x, kh, kw, o);
    Geom depthwise = new Geom(geom.n(), geom.c(), geom.h(), geom.w(), geom.c(), kh, kw, geom.sh(), geom.sw(),
        geom.ph(), geom.pw(), geom.dh(), geom.dw(), geom.c(), geom.ho(), geom.wo());
    Tensor w = Tensor.constant(Kernels.full(x.dataType(), new long[] {geom.c(), 1, kh, kw}, 1.0 / (kh * kw)));
    return convForward(x, w, null, depthwise);
  }

  /**
   * Nearest-neighbour upsampling of x [N, C, H, W] by integer factors: y [N, C, H·sh, W·sw] with
   * y[n, c, i, j] = x[n, c, ⌊i/sh⌋, ⌊j/sw⌋] (PyTorch's {@code Upsample(scale_factor, mode="nearest")}).
   */
  public static Tensor upsampleNearest2d(Tensor x, int sh, int sw) {
    if (x.rank() != 4 || sh < 1 || sw < 1) {
      throw new IllegalArgumentException("upsampleNearest2d needs x [N, C, H, W] and factors >= 1, got " + x.describe()
          + " and (" + sh + ", " + sw + ")");
    }
    int c = toInt(x.size(1));
    int h = toInt(x.size(2));
    int w = toInt(x.size(3));
    Geom geom = new Geom(toInt(x.size(0)), c, toInt((long) h * sh), toInt((long) w * sw), c, sh, sw, sh, sw, 0, 0, 1, 1,
        c, h, w);
    Tensor ones = Tensor.constant(Kernels.full(x.dataType(), new long[] {c, 1, sh, sw}, 1.0));
    return convTranspose(x, ones, null, geom);
  }

  /** The mean over the spatial dimensions: x [N, C, H, W] → [N, C] (global average pooling). */
  public static Tensor globalAvgPool2d(Tensor x) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException("globalAvgPool2d needs x [N, C, H, W], got " + x.describe());
    }
    return Ops.mean(x, false, 2, 3);
  }

  private static Geom poolGeometry(String op, Tensor x, int kh, int kw, Conv2dOptions o) {
    if (x.rank() != 4 || kh < 1 || kw < 1) {
      throw new IllegalArgumentException(op + " needs x [N, C, H, W] and a kernel >= 1, got " + x.describe()
          + " and " + kh + "x" + kw);
    }
    if (o.groups() != 1) {
      throw new IllegalArgumentException(op + ": pooling has no channel groups, got groups=" + o.groups());
    }
    if (2L * o.padH() > (long) o.dilationH() * (kh - 1) + 1 || 2L * o.padW() > (long) o.dilationW() * (kw - 1) + 1) {
      throw new IllegalArgumentException(op + ": padding (" + o.padH() + ", " + o.padW() + ") must be at most half "
          + "the kernel size " + kh + "x" + kw);
    }
    long ho = o.outputHeight(x.size(2), kh);
    long wo = o.outputWidth(x.size(3), kw);
    if (ho < 1 || wo < 1) {
      throw new IllegalArgumentException(op + ": input " + x.describe() + " is smaller than the window " + kh + "x"
          + kw + " with " + o);
    }
    int c = toInt(x.size(1));
    return new Geom(toInt(x.size(0)), c, toInt(x.size(2)), toInt(x.size(3)), c, kh, kw, o.strideH(), o.strideW(),
        o.padH(), o.padW(), o.dilationH(), o.dilationW(), 1, toInt(ho), toInt(wo));
  }

  // ------------------------------------------------------------------ per-channel maps

  /** Σ over every dimension but the channels of x [N, C, ...]: [C]. */
  public static Tensor channelSum(Tensor x) {
    requireChannels("channelSum", x);
    long[] shape = x.shape();
    return Ops.record("channelSum", ConvKernels.channelSum(x.value()),
        g -> new Tensor[] {channelBroadcast(g, shape)}, x);
  }

  /** v [C] repeated over {@code shape} [N, C, ...] (channelSum's adjoint). */
  public static Tensor channelBroadcast(Tensor v, long... shape) {
    if (v.rank() != 1 || shape.length < 2 || shape[1] != v.size(0)) {
      throw new IllegalArgumentException("channelBroadcast: " + v.describe() + " does not give the channels of "
          + Arrays.toString(shape));
    }
    long[] target = shape.clone();
    return Ops.record("channelBroadcast", ConvKernels.channelBroadcast(v.value(), target),
        g -> new Tensor[] {channelSum(g)}, v);
  }

  /**
   * x ⊙ scale[c] + shift[c] for x [N, C, ...] and scale, shift [C] (either may be null: 1 or 0), in one pass:
   * the affine step of batch normalisation.
   */
  public static Tensor channelAffine(Tensor x, Tensor scale, Tensor shift) {
    requireChannels("channelAffine", x);
    long c = x.size(1);
    for (Tensor t : new Tensor[] {scale, shift}) {
      if (t != null && (t.rank() != 1 || t.size(0) != c)) {
        throw new IllegalArgumentException("channelAffine: " + t.describe() + " is not one value per channel of "
            + x.describe());
      }
      if (t != null) {
        sameType("channelAffine", x, t);
      }
    }
    Tensor[] in = scale == null && shift == null ? new Tensor[] {x}
        : scale == null ? new Tensor[] {x, shift} : shift == null ? new Tensor[] {x, scale}
        : new Tensor[] {x, scale, shift};
    return Ops.record("channelAffine", ConvKernels.channelAffine(x.value(), scale == null ? null : scale.value(),
        shift == null ? null : shift.value()), g -> {
          Tensor dx = Autograd.needsGrad(x) ? (scale == null ? g : channelAffine(g, scale, null)) : null;
          Tensor dScale = scale != null && Autograd.needsGrad(scale)
              ? (Autograd.isRecording() ? channelSum(Ops.mul(g, x))
                  : Tensor.constant(ConvKernels.channelDot(g.value(), x.value())))
              : null;
          Tensor dShift = shift != null && Autograd.needsGrad(shift) ? channelSum(g) : null;
          if (in.length == 1) {
            return new Tensor[] {dx};
          }
          if (in.length == 3) {
            return new Tensor[] {dx, dScale, dShift};
          }
          return new Tensor[] {dx, scale == null ? dShift : dScale};
        }, in);
  }

  // ------------------------------------------------------------------ fused batch normalisation (branch nets-dcgan-speed)

  /**
   * Training-mode batch normalisation of x [N, C, ...] per channel: (x − μ)/√(σ² + ε)·γ + β with the batch's mean
   * μ and biased variance σ² over every dimension but 1, differentiated through; γ, β [C] may be null (1, 0).
   * Writes μ and σ² into {@code meanOut} and {@code varOut} ([C], for the running statistics).
   *
   * <p>One primitive on the CPU's Java kernels (one array forward; an unrecorded backward computes dx, dγ, dβ in
   * one pass and one full-size array). Its backward rule, when recorded for double backward, is the closed form
   * dx = γ·inv·(g − mean(g) − x̂·mean(g·x̂)), dγ = Σ g·x̂, dβ = Σ g written with the per-channel maps, so every
   * derivative order is kept. Elsewhere the same composite as before (channelSum, channelAffine, …).
   */
  public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, double eps, double[] meanOut, double[] varOut) {
    requireChannels("batchNorm", x);
    long c = x.size(1);
    for (Tensor t : new Tensor[] {gamma, beta}) {
      if (t != null && (t.rank() != 1 || t.size(0) != c)) {
        throw new IllegalArgumentException("batchNorm: " + t.describe() + " is not one value per channel of "
            + x.describe());
      }
      if (t != null) {
        sameType("batchNorm", x, t);
      }
    }
    if (meanOut.length < c || varOut.length < c) {
      throw new IllegalArgumentException("batchNorm: meanOut and varOut need room for " + c + " channels, got "
          + meanOut.length + " and " + varOut.length);
    }
    long m = x.value().length() / c;
    if (!ConvKernels.batchNormFused(x.value()) || (gamma != null && !Kernels.dense(gamma.value()))
        || (beta != null && !Kernels.dense(beta.value()))) {
      Tensor mean = Ops.mulScalar(channelSum(x), 1.0 / m);
      Tensor xc = channelAffine(x, null, Ops.neg(mean));
      Tensor var = Ops.mulScalar(channelSum(Ops.square(xc)), 1.0 / m);
      Tensor inv = Ops.pow(Ops.addScalar(var, eps), -0.5);
      HostArrays.read(mean.value(), meanOut);
      HostArrays.read(var.value(), varOut);
      return channelAffine(xc, gamma == null ? inv : Ops.mul(inv, gamma), beta);
    }
    double[] inv = new double[(int) c];
    INDArray xv = x.value();
    INDArray y = ConvKernels.batchNormForward(xv, gamma == null ? null : gamma.value(),
        beta == null ? null : beta.value(), eps, meanOut, varOut, inv);
    double[] mean = meanOut.clone();
    long[] shape = x.shape();
    Tensor[] in = gamma == null && beta == null ? new Tensor[] {x}
        : gamma == null ? new Tensor[] {x, beta} : beta == null ? new Tensor[] {x, gamma}
        : new Tensor[] {x, gamma, beta};
    return Ops.record("batchNorm", y, g -> {
      Tensor dx;
      Tensor dGamma;
      Tensor dBeta;
      boolean wantX = Autograd.needsGrad(x);
      if (Autograd.isRecording()) {
        // The closed form, recomputed with differentiable maps so the gradient can be differentiated again.
        Tensor mu = Ops.mulScalar(channelSum(x), 1.0 / m);
        Tensor xc = channelAffine(x, null, Ops.neg(mu));
        Tensor var = Ops.mulScalar(channelSum(Ops.square(xc)), 1.0 / m);
        Tensor iv = Ops.pow(Ops.addScalar(var, eps), -0.5);
        Tensor xhat = channelAffine(xc, iv, null);
        dBeta = channelSum(g);
        dGamma = channelSum(Ops.mul(g, xhat));
        dx = null;
        if (wantX) {
          Tensor t = Ops.sub(Ops.sub(g, channelBroadcast(Ops.mulScalar(dBeta, 1.0 / m), shape)),
              channelAffine(xhat, Ops.mulScalar(dGamma, 1.0 / m), null));
          dx = channelAffine(t, gamma == null ? iv : Ops.mul(iv, gamma), null);
        }
      } else {
        INDArray[] r = ConvKernels.batchNormBackward(g.value(), xv, mean, inv, gamma == null ? null : gamma.value(),
            wantX);
        dx = r[0] == null ? null : Tensor.constant(r[0]);
        dGamma = Tensor.constant(r[1]);
        dBeta = Tensor.constant(r[2]);
      }
      if (in.length == 1) {
        return new Tensor[] {dx};
      }
      if (in.length == 3) {
        return new Tensor[] {dx, Autograd.needsGrad(gamma) ? dGamma : null, Autograd.needsGrad(beta) ? dBeta : null};
      }
      return gamma == null ? new Tensor[] {dx, Autograd.needsGrad(beta) ? dBeta : null}
          : new Tensor[] {dx, Autograd.needsGrad(gamma) ? dGamma : null};
    }, in);
  }

  // ------------------------------------------------------------------ checks

  private static void requireChannels(String op, Tensor x) {
    if (x.rank() < 2) {
      throw new IllegalArgumentException(op + " needs x [N, C, ...], got " + x.describe());
    }
  }

  private static void checkBias(String op, Tensor b, long channels, Tensor x) {
    if (b == null) {
      return;
    }
    if (b.rank() != 1 || b.size(0) != channels) {
      throw new IllegalArgumentException(op + ": bias " + b.describe() + " must be [" + channels + "]");
    }
    sameType(op, x, b);
  }

  private static void sameType(String op, Tensor a, Tensor b) {
    if (a.dataType() != b.dataType()) {
      throw new IllegalArgumentException(op + ": data types differ (" + a.dataType() + " vs " + b.dataType()
          + ") for " + a.describe() + " and " + b.describe());
    }
  }

  private static int toInt(long v) {
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("convolution sizes must fit an int, got " + v);
    }
    return (int) v;
  }
}
