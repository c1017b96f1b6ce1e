package org.rlgan.nets;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The numerical primitives under {@link ConvOps}: 2-D convolution in NCHW layout (its three bilinear maps),
 * per-channel reductions and affine maps, and index routing for max pooling. Like {@link Kernels}, every method
 * returns new arrays and leaves its inputs alone; the differentiation stays in {@link ConvOps}.
 *
 * <p>A convolution y = conv(x, w) of x [N, C, H, W] with w [O, C/g, kh, kw] gives y [N, O, Ho, Wo]. Its three
 * maps are {@link #forward} (x, w ↦ y), {@link #inputGrad} (g, w ↦ ∂⟨y, g⟩/∂x, which is also the transposed
 * convolution) and {@link #weightGrad} (x, g ↦ ∂⟨y, g⟩/∂w). Two implementations:
 * <ul>
 *   <li>im2col + GEMM (CPU backend, Java kernel mode, float32/float64 dense arrays): the patches of x are
 *       unrolled in Java into a [C·kh·kw, N·Ho·Wo] matrix, and CBLAS GEMMs, one per sample and group, multiply
 *       it with the weights straight into each sample's NCHW block (the bias a rank-one update). The backward
 *       maps are the two other GEMMs of the same matrices, read from and accumulated over the samples' NCHW
 *       blocks of the gradient, and col2im (a scatter-add) for the input gradient.</li>
 *   <li>libnd4j's own {@code conv2d}, {@code conv2d_bp}, {@code deconv2d}, {@code deconv2d_bp} custom ops
 *       (weights format 1, [O, C, kh, kw], PyTorch's). Used on every other backend, and on the CPU when the
 *       system property {@value #PROPERTY} is {@code nd4j} or the default rule picks them. libnd4j has no channel
 *       groups: a grouped convolution runs group by group. In the {@code -onednn} build of nd4j-native these
 *       ops run on oneDNN's direct convolution kernels (float32 only; other types take libnd4j's generic
 *       im2col code, 3-4 times slower than ours).</li>
 * </ul>
 * The choice on the CPU ({@value #PROPERTY}: {@code auto}, the default, {@code gemm} or {@code nd4j}): {@code auto}
 * takes libnd4j's ops exactly where they were measured faster (see {@link #preferNd4j}), im2col + GEMM everywhere
 * else. The rule depends only on the build and the layer's shape and type, never on timings, so the same
 * seed gives the same arithmetic on every run.
 */
final class ConvKernels {
  /** The system property that picks the CPU convolution: {@code auto} (default), {@code gemm} or {@code nd4j}. */
  static final String PROPERTY = "rlgan.nets.conv";

  /** Heap scratch arrays larger than this many elements are not kept between calls. */
  private static final int SCRATCH_KEEP = 1 << 24;

  /**
   * The smallest im2col row count per group, (c/groups)·kh·kw, from which {@code auto} prefers oneDNN. Measured
   * per layer, forward + both gradients, thread CPU time ({@code ConvLayersOpsBench}, docs/PERFORMANCE.md):
   * oneDNN lost at 16 and 36 rows (DCGAN's 1→64 4×4 convolution, MinAtar's 4→16 3×3) and won from 144 up
   * (0.54-0.77 of our time).
   */
  static final int ONEDNN_MIN_ROWS = 64;

  /** How the CPU computes a convolution in Java kernel mode. */
  enum Impl {
    /** libnd4j's ops where {@link #preferNd4j} says so, im2col + GEMM elsewhere. */
    AUTO,
    /** im2col + GEMM for every layer (float32 and float64). */
    GEMM,
    /** libnd4j's ops for every layer. */
    ND4J
  }

  private static Impl impl = resolve();

  /** Whether this nd4j-native build runs libnd4j's convolution ops on oneDNN (the {@code -onednn} classifiers). */
  static final boolean ONEDNN = detectOneDnn();

  private ConvKernels() {}

  private static Impl resolve() {
    String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "auto", "" -> Impl.AUTO;
      case "gemm" -> Impl.GEMM;
      case "nd4j" -> Impl.ND4J;
      default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is not one of auto, gemm, nd4j");
    };
  }

  private static boolean detectOneDnn() {
    try {
      return Nd4j.getBackend().buildInfo().contains("HAVE_ONEDNN") && Nd4j.getEnvironment().helpersAllowed();
    } catch (RuntimeException | LinkageError e) {
      return false; // a backend without build information: no oneDNN to prefer
    }
  }

  /** The current CPU convolution choice. */
  static Impl impl() {
    return impl;
  }

  /** Switches {@link #impl()} (tests and benchmarks); returns the previous setting. */
  static Impl setImpl(Impl choice) {
    Impl previous = impl;
    impl = choice;
    return previous;
  }

  /**
   * Whether {@code auto} hands this layer to libnd4j's ops: only where they run on oneDNN (an {@code -onednn}
   * build, float32), for one channel group (libnd4j has none: groups would run one by one), without dilation
   * (see {@link #exec}) or output padding (deconv2d cannot make it), and with at least {@value #ONEDNN_MIN_ROWS}
   * im2col rows: oneDNN's direct convolution beats im2col + GEMM once there are enough input channels to fill
   * its vector blocks.
   */
  static boolean preferNd4j(Geom g, DataType type) {
    return ONEDNN && type == DataType.FLOAT && g.groups == 1 && g.dh == 1 && g.dw == 1 && g.kg() >= ONEDNN_MIN_ROWS
        && !outputPadded(g);
  }

  /** Whether the input extent has rows or columns that no window reaches (a transposed conv's output padding). */
  private static boolean outputPadded(Geom g) {
    long th = (long) (g.ho - 1) * g.sh - 2L * g.ph + (long) g.dh * (g.kh - 1) + 1;
    long tw = (long) (g.wo - 1) * g.sw - 2L * g.pw + (long) g.dw * (g.kw - 1) + 1;
    return th != g.h || tw != g.w;
  }

  /**
   * A resolved convolution geometry: input [n, c, h, w], weights [o, c/groups, kh, kw], output [n, o, ho, wo].
   */
  record Geom(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
      int groups, int ho, int wo) {
    long[] inShape() {
      return new long[] {n, c, h, w};
    }

    long[] outShape() {
      return new long[] {n, o, ho, wo};
    }

    long[] weightShape() {
      return new long[] {o, c / groups, kh, kw};
    }

    /** Rows of the im2col matrix per group: (c/groups)·kh·kw. */
    int kg() {
      return c / groups * kh * kw;
    }

    /** Columns of the im2col matrix: n·ho·wo. */
    int np() {
      return n * ho * wo;
    }

    Geom withBatch(int batch) {
      return new Geom(batch, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw, groups, ho, wo);
    }
  }

  // =================================================================== convolution: the three maps

  /** Whether im2col + GEMM computes this layer (else libnd4j's ops). */
  private static boolean gemmPath(Geom g, INDArray... xs) {
    if (impl == Impl.ND4J || !Kernels.javaMode() || !Kernels.Blas.AVAILABLE || !fits(g)) {
      return false;
    }
    for (INDArray x : xs) {
      if (x != null && (x.dataType() != xs[0].dataType() || !Kernels.dense(x))) {
        return false;
      }
    }
    return impl == Impl.GEMM || !preferNd4j(g, xs[0].dataType());
  }

  private static boolean fits(Geom g) {
    long col = (long) g.c * g.kh * g.kw * g.n * g.ho * g.wo;
    long in = (long) g.n * g.c * g.h * g.w;
    long out = (long) g.n * g.o * g.ho * g.wo;
    return col <= Integer.MAX_VALUE && in <= Integer.MAX_VALUE && out <= Integer.MAX_VALUE;
  }

  /** y [n, o, ho, wo] = conv(x, w) + b (b [o] or null). */
  static INDArray forward(INDArray x, INDArray w, INDArray b, Geom g) {
    if (gemmPath(g, x, w, b)) {
      INDArray col = im2col(x, g);
      INDArray y = gemmIntoImages(w, col, b, g);
      free(col);
      return y;
    }
    return nd4jForward(x, w, b, g);
  }

  /**
   * The input gradient of a convolution, dx [n, c, h, w] = convᵀ(gy, w) (+ b per channel of the result when b
   * [c] is given: the transposed convolution's bias).
   */
  static INDArray inputGrad(INDArray gy, INDArray w, INDArray b, Geom g) {
    if (gemmPath(g, gy, w, b)) {
      return col2imOf(gy, w, g, b);
    }
    return nd4jInputGrad(gy, w, b, g);
  }

  /** The weight gradient of a convolution, dw [o, c/groups, kh, kw] = Σ gy ⊗ patches(x). */
  static INDArray weightGrad(INDArray x, INDArray gy, Geom g) {
    if (gemmPath(g, x, gy)) {
      INDArray col = im2col(x, g);
      INDArray dw = weightGradOf(gy, col, g);
      free(col);
      return dw;
    }
    return nd4jBackward(x, w0(g, x.dataType()), gy, g, false, true)[1];
  }

  /**
   * Both gradients of y = conv(x, w) for the output gradient gy: {dx, dw} (either null when not wanted): two GEMM
   * passes over gy's blocks (im2col + GEMM) or one {@code conv2d_bp} call (libnd4j).
   */
  static INDArray[] backward(INDArray x, INDArray w, INDArray gy, Geom g, boolean wantX, boolean wantW) {
    if (gemmPath(g, x, w, gy)) {
      INDArray dx = wantX ? col2imOf(gy, w, g, null) : null;
      INDArray dw = null;
      if (wantW) {
        INDArray col = im2col(x, g);
        dw = weightGradOf(gy, col, g);
        free(col);
      }
      return new INDArray[] {dx, dw};
    }
    return nd4jBackward(x, w, gy, g, wantX, wantW);
  }

  /**
   * Both gradients of the transposed convolution y = convᵀ(x, w) (x in the convolution's output shape, y in its
   * input shape) for the gradient gy of y: {dx = conv(gy, w), dw = weightGrad(gy, x)}, sharing the im2col of gy.
   */
  static INDArray[] transposeBackward(INDArray x, INDArray w, INDArray gy, Geom g, boolean wantX, boolean wantW) {
    if (gemmPath(g, x, w, gy)) {
      INDArray col = im2col(gy, g);
      INDArray dx = null;
      INDArray dw = null;
      if (wantX) {
        dx = gemmIntoImages(w, col, null, g);
      }
      if (wantW) {
        dw = weightGradOf(x, col, g);
      }
      free(col);
      return new INDArray[] {dx, dw};
    }
    return nd4jTransposeBackward(x, w, gy, g, wantX, wantW);
  }

  /** {@link #transposeBackward} with libnd4j's deconv2d_bp (one call for both gradients). */
  private static INDArray[] nd4jTransposeBackward(INDArray x, INDArray w, INDArray gy, Geom g, boolean wantX,
      boolean wantW) {
    x = contiguous(x);
    w = contiguous(w);
    gy = contiguous(gy);
    if (g.groups > 1) {
      Geom one = group(g);
      INDArray dx = wantX ? uninitialized(x.dataType(), g.outShape()) : null;
      INDArray dw = wantW ? uninitialized(x.dataType(), g.weightShape()) : null;
      for (int q = 0; q < g.groups; q++) {
        INDArray[] r = nd4jTransposeBackward(slice(x, 1, (long) q * one.o, one.o), slice(w, 0, (long) q * one.o,
            one.o), slice(gy, 1, (long) q * one.c, one.c), one, wantX, wantW);
        if (wantX) {
          put(dx, 1, (long) q * one.o, r[0]);
        }
        if (wantW) {
          put(dw, 0, (long) q * one.o, r[1]);
        }
      }
      return new INDArray[] {dx, dw};
    }
    if (outputPadded(g)) {
      // Output padding (see nd4jInputGrad): deconv2d_bp wants the unpadded shape; conv2d and conv2d_bp do not.
      return new INDArray[] {wantX ? nd4jForward(gy, w, null, g) : null,
          wantW ? nd4jBackward(gy, Nd4j.zeros(x.dataType(), g.weightShape()), x, g, false, true)[1] : null};
    }
    INDArray dx = uninitialized(x.dataType(), g.outShape());
    INDArray dw = uninitialized(x.dataType(), g.weightShape());
    exec(DynamicCustomOp.builder("deconv2d_bp").addInputs(x, w, gy).addOutputs(dx, dw)
        .addIntegerArguments(iargs(g)).build(), g);
    return new INDArray[] {wantX ? dx : null, wantW ? dw : null};
  }

  private static INDArray w0(Geom g, DataType type) {
    return Nd4j.zeros(type, g.weightShape());
  }

  /** dcol = Wᵀ·gp per group, then col2im into [n, c, h, w], plus a per-channel bias when given. */
  private static INDArray col2imOf(INDArray gy, INDArray w, Geom g, INDArray b) {
    INDArray y = contiguous(gy);
    int og = g.o / g.groups;
    int kg = g.kg();
    int np = g.np();
    int p = g.ho * g.wo;
    INDArray dcol = scratch(0, y.dataType(), (long) kg * g.groups * np);
    // Per sample and group, from gy's own [og, ho·wo] block (NCHW, no permutation) into the sample's columns.
    for (int i = 0; i < g.n; i++) {
      for (int q = 0; q < g.groups; q++) {
        Kernels.Blas.gemmAt(true, false, kg, p, og, w, (long) q * og * kg, kg, y, ((long) i * g.o + (long) q * og) * p,
            p, 0.0, dcol, (long) q * kg * np + (long) i * p, np);
      }
    }
    INDArray dx = col2im(dcol, g, b);
    free(dcol);
    return dx;
  }

  /**
   * dw [o, kg] = Σ over samples of gy_i [o, ho·wo] · col_iᵀ per group, gy in NCHW: accumulated sample by sample
   * (beta = 1 after the first), so gy needs no permutation to [o, n·ho·wo].
   */
  private static INDArray weightGradOf(INDArray gy, INDArray col, Geom g) {
    INDArray y = contiguous(gy);
    int og = g.o / g.groups;
    int kg = g.kg();
    int np = g.np();
    int p = g.ho * g.wo;
    INDArray dw = Kernels.allocate(y.dataType(), g.weightShape());
    for (int i = 0; i < g.n; i++) {
      for (int q = 0; q < g.groups; q++) {
        Kernels.Blas.gemmAt(false, true, og, kg, p, y, ((long) i * g.o + (long) q * og) * p, p, col,
            (long) q * kg * np + (long) i * p, np, i == 0 ? 0.0 : 1.0, dw, (long) q * og * kg, kg);
      }
    }
    return dw;
  }

  private static void free(INDArray a) {
    // Scratch arrays stay with their thread (see scratch()); anything else goes back to the pool or is closed.
    for (INDArray s : NATIVE.get()) {
      if (s == a) {
        return;
      }
    }
    if (!Kernels.recycle(a) && a.closeable()) {
      a.close();
    }
  }

  /**
   * Per-thread native work arrays for the im2col matrices, which never outlive a kernel call: allocating and
   * freeing them on every call (megabytes each, several per layer) cost more than the copies themselves (fresh
   * pages, and JavaCPP's deallocation). Slots: 0 = im2col, 1 and 2 = other work arrays. The shape is only
   * nominal: GEMM gets its dimensions explicitly.
   */
  private static final ThreadLocal<INDArray[]> NATIVE = ThreadLocal.withInitial(() -> new INDArray[6]);

  private static INDArray scratch(int slot, DataType type, long n) {
    INDArray[] s = NATIVE.get();
    int k = slot * 2 + (type == DataType.FLOAT ? 0 : 1);
    if (s[k] == null || s[k].length() < n) {
      if (s[k] != null && s[k].closeable()) {
        s[k].close();
      }
      s[k] = Nd4j.createUninitialized(type, Math.max(n, 1024));
    }
    return s[k];
  }

  // ---- heap scratch

  private static final class Scratch {
    final float[][] f = new float[3][];
    final double[][] d = new double[3][];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static float[] bufF(int slot, int n) {
    if (n > SCRATCH_KEEP) {
      return new float[n];
    }
    float[][] s = SCRATCH.get().f;
    if (s[slot] == null || s[slot].length < n) {
      s[slot] = new float[Math.max(n, 64)];
    }
    return s[slot];
  }

  private static double[] bufD(int slot, int n) {
    if (n > SCRATCH_KEEP) {
      return new double[n];
    }
    double[][] s = SCRATCH.get().d;
    if (s[slot] == null || s[slot].length < n) {
      s[slot] = new double[Math.max(n, 64)];
    }
    return s[slot];
  }

  // ---- im2col / col2im (rows (c, i, j) of the kernel, columns (n, oy, ox) of the output)

  /** The first output column whose input column oj·s − p + kj·d lies in [0, w), and one past the last. */
  private static int lo(int off, int s, int out) {
    // smallest oj >= 0 with oj*s + off >= 0
    return off >= 0 ? 0 : Math.min(out, (-off + s - 1) / s);
  }

  private static int hi(int off, int s, int size, int out) {
    // one past the largest oj with oj*s + off <= size - 1
    if (off > size - 1) {
      return 0;
    }
    return Math.min(out, (size - 1 - off) / s + 1);
  }

  /** The patches of x [n, c, h, w] as a native [c·kh·kw, n·ho·wo] matrix. */
  static INDArray im2col(INDArray x, Geom g) {
    return im2colInto(x, g, scratch(0, x.dataType(), (long) g.c * g.kh * g.kw * g.np()));
  }

  /** {@link #im2col} into the given native array (at least c·kh·kw · n·ho·wo elements of x's type). */
  private static INDArray im2colInto(INDArray x, Geom g, INDArray col) {
    int rows = g.c * g.kh * g.kw;
    int np = g.np();
    if (x.dataType() == DataType.FLOAT) {
      float[] xs = Kernels.readF(x, 0);
      float[] cs = bufF(0, rows * np);
      im2colF(xs, g, cs);
      Kernels.fp(col).put(cs, 0, rows * np);
    } else {
      double[] xs = Kernels.readD(x, 0);
      double[] cs = bufD(0, rows * np);
      im2colD(xs, g, cs);
      Kernels.dp(col).put(cs, 0, rows * np);
    }
    return col;
  }

  private static void im2colF(float[] x, Geom g, float[] col) {
    int p = g.ho * g.wo;
    int np = g.n * p;
    int hw = g.h * g.w;
    for (int c = 0; c < g.c; c++) {
      for (int ki = 0; ki < g.kh; ki++) {
        int offI = ki * g.dh - g.ph;
        int iLo = lo(offI, g.sh, g.ho);
        int iHi = Math.max(iLo, hi(offI, g.sh, g.h, g.ho));
        for (int kj = 0; kj < g.kw; kj++) {
          int offJ = kj * g.dw - g.pw;
          int jLo = lo(offJ, g.sw, g.wo);
          int jHi = Math.max(jLo, hi(offJ, g.sw, g.w, g.wo));
          int row = ((c * g.kh + ki) * g.kw + kj) * np;
          for (int n = 0; n < g.n; n++) {
            int xb = (n * g.c + c) * hw;
            int ob = row + n * p;
            if (iLo > 0) {
              Arrays.fill(col, ob, ob + iLo * g.wo, 0f);
            }
            for (int oi = iLo; oi < iHi; oi++) {
              int xr = xb + (oi * g.sh + offI) * g.w + offJ;
              int o = ob + oi * g.wo;
              if (jLo > 0) {
                Arrays.fill(col, o, o + jLo, 0f);
              }
              if (g.sw == 1) {
                System.arraycopy(x, xr + jLo, col, o + jLo, jHi - jLo);
              } else {
                for (int oj = jLo; oj < jHi; oj++) {
                  col[o + oj] = x[xr + oj * g.sw];
                }
              }
              if (jHi < g.wo) {
                Arrays.fill(col, o + jHi, o + g.wo, 0f);
              }
            }
            if (iHi < g.ho) {
              Arrays.fill(col, ob + iHi * g.wo, ob + p, 0f);
            }
          }
        }
      }
    }
  }

  private static void im2colD(double[] x, Geom g, double[] col) {
    int p = g.ho * g.wo;
    int np = g.n * p;
    int hw = g.h * g.w;
    for (int c = 0; c < g.c; c++) {
      for (int ki = 0; ki < g.kh; ki++) {
        int offI = ki * g.dh - g.ph;
        int iLo = lo(offI, g.sh, g.ho);
        int iHi = Math.max(iLo, hi(offI, g.sh, g.h, g.ho));
        for (int kj = 0; kj < g.kw; kj++) {
          int offJ = kj * g.dw - g.pw;
          int jLo = lo(offJ, g.sw, g.wo);
          int jHi = Math.max(jLo, hi(offJ, g.sw, g.w, g.wo));
          int row = ((c * g.kh + ki) * g.kw + kj) * np;
          for (int n = 0; n < g.n; n++) {
            int xb = (n * g.c + c) * hw;
            int ob = row + n * p;
            Arrays.fill(col, ob, ob + p, 0.0);
            for (int oi = iLo; oi < iHi; oi++) {
              int xr = xb + (oi * g.sh + offI) * g.w + offJ;
              int o = ob + oi * g.wo;
              for (int oj = jLo; oj < jHi; oj++) {
                col[o + oj] = x[xr + oj * g.sw];
              }
            }
          }
        }
      }
    }
  }

  /** Scatter-adds a native [c·kh·kw, n·ho·wo] matrix back onto the image [n, c, h, w] (+ b per channel). */
  private static INDArray col2im(INDArray col, Geom g, INDArray b) {
    int rows = g.c * g.kh * g.kw;
    int np = g.np();
    int size = g.n * g.c * g.h * g.w;
    int p = g.ho * g.wo;
    int hw = g.h * g.w;
    if (col.dataType() == DataType.FLOAT) {
      float[] cs = bufF(0, rows * np);
      Kernels.fp(col).get(cs, 0, rows * np);
      float[] xs = bufF(1, size);
      if (b == null) {
        Arrays.fill(xs, 0, size, 0f);
      } else {
        float[] bs = Kernels.readF(b, 1);
        for (int n = 0; n < g.n; n++) {
          for (int c = 0; c < g.c; c++) {
            int o = (n * g.c + c) * hw;
            Arrays.fill(xs, o, o + hw, bs[c]);
          }
        }
      }
      for (int c = 0; c < g.c; c++) {
        for (int ki = 0; ki < g.kh; ki++) {
          int offI = ki * g.dh - g.ph;
          int iLo = lo(offI, g.sh, g.ho);
          int iHi = hi(offI, g.sh, g.h, g.ho);
          for (int kj = 0; kj < g.kw; kj++) {
            int offJ = kj * g.dw - g.pw;
            int jLo = lo(offJ, g.sw, g.wo);
            int jHi = hi(offJ, g.sw, g.w, g.wo);
            int row = ((c * g.kh + ki) * g.kw + kj) * np;
            for (int n = 0; n < g.n; n++) {
              int xb = (n * g.c + c) * hw;
              int ob = row + n * p;
              for (int oi = iLo; oi < iHi; oi++) {
                int xr = xb + (oi * g.sh + offI) * g.w + offJ;
                int o = ob + oi * g.wo;
                for (int oj = jLo; oj < jHi; oj++) {
                  xs[xr + oj * g.sw] += cs[o + oj];
                }
              }
            }
          }
        }
      }
      INDArray dx = Kernels.allocate(DataType.FLOAT, g.inShape());
      Kernels.fp(dx).put(xs, 0, size);
      return dx;
    }
    double[] cs = bufD(0, rows * np);
    Kernels.dp(col).get(cs, 0, rows * np);
    double[] xs = bufD(1, size);
    if (b == null) {
      Arrays.fill(xs, 0, size, 0.0);
    } else {
      double[] bs = Kernels.readD(b, 1);
      for (int n = 0; n < g.n; n++) {
        for (int c = 0; c < g.c; c++) {
          int o = (n * g.c + c) * hw;
          Arrays.fill(xs, o, o + hw, bs[c]);
        }
      }
    }
    for (int c = 0; c < g.c; c++) {
      for (int ki = 0; ki < g.kh; ki++) {
        int offI = ki * g.dh - g.ph;
        int iLo = lo(offI, g.sh, g.ho);
        int iHi = hi(offI, g.sh, g.h, g.ho);
        for (int kj = 0; kj < g.kw; kj++) {
          int offJ = kj * g.dw - g.pw;
          int jLo = lo(offJ, g.sw, g.wo);
          int jHi = hi(offJ, g.sw, g.w, g.wo);
          int row = ((c * g.kh + ki) * g.kw + kj) * np;
          for (int n = 0; n < g.n; n++) {
            int xb = (n * g.c + c) * hw;
            int ob = row + n * p;
            for (int oi = iLo; oi < iHi; oi++) {
              int xr = xb + (oi * g.sh + offI) * g.w + offJ;
              int o = ob + oi * g.wo;
              for (int oj = jLo; oj < jHi; oj++) {
                xs[xr + oj * g.sw] += cs[o + oj];
              }
            }
          }
        }
      }
    }
    INDArray dx = Kernels.allocate(DataType.DOUBLE, g.inShape());
    Kernels.dp(dx).put(xs, 0, size);
    return dx;
  }

  /**
   * y [n, o, ho, wo] = w · col (+ b [o] per channel, or null) for the im2col matrix col [c·kh·kw, n·ho·wo]: one
   * GEMM per sample and group, each writing its [o/groups, ho·wo] block of y in place (the sample's columns of col
   * have row stride n·ho·wo), so the result needs no permutation from channel-major [o, n·ho·wo] to NCHW (that pass
   * read and wrote the whole output twice more, through the heap). The bias is a rank-one update of the sample's
   * block (b ⊗ ones, k = 1) while it is still in cache: the same single float addition as before.
   */
  private static INDArray gemmIntoImages(INDArray w, INDArray col, INDArray b, Geom g) {
    INDArray y = Kernels.allocate(w.dataType(), g.outShape());
    int og = g.o / g.groups;
    int kg = g.kg();
    int np = g.np();
    int p = g.ho * g.wo;
    INDArray ones = b == null ? null : Kernels.full(w.dataType(), new long[] {p}, 1.0);
    for (int i = 0; i < g.n; i++) {
      for (int q = 0; q < g.groups; q++) {
        long yOff = ((long) i * g.o + (long) q * og) * p;
        Kernels.Blas.gemmAt(false, false, og, p, kg, w, (long) q * og * kg, kg, col, (long) q * kg * np + (long) i * p,
            np, 0.0, y, yOff, p);
      }
      if (b != null) {
        Kernels.Blas.gemmAt(false, false, g.o, p, 1, b, 0, 1, ones, 0, p, 1.0, y, (long) i * g.o * p, p);
      }
    }
    if (ones != null) {
      free(ones);
    }
    return y;
  }

  // ---- libnd4j's ops

  private static int[] iargs(Geom g) {
    // kH, kW, sH, sW, pH, pW, dH, dW, paddingMode (0 = explicit), dataFormat (0 = NCHW), weightsFormat (1 = OIHW)
    return new int[] {g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, 0, 0, 1};
  }

  private static INDArray contiguous(INDArray a) {
    return a == null || (a.ordering() == 'c' && !a.isView()) ? a : a.dup('c');
  }

  private static INDArray slice(INDArray a, int dim, long from, long len) {
    INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i == dim ? NDArrayIndex.interval(from, from + len) : NDArrayIndex.all();
    }
    return a.get(idx).dup('c');
  }

  private static void put(INDArray dst, int dim, long from, INDArray src) {
    INDArrayIndex[] idx = new INDArrayIndex[dst.rank()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i == dim ? NDArrayIndex.interval(from, from + src.size(dim)) : NDArrayIndex.all();
    }
    dst.get(idx).assign(src);
  }

  private static Geom group(Geom g) {
    return new Geom(g.n, g.c / g.groups, g.h, g.w, g.o / g.groups, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw, 1,
        g.ho, g.wo);
  }

  /**
   * Runs one of libnd4j's convolution ops. libnd4j 1.0.0-M2.1 builds oneDNN descriptors for dilated convolutions
   * that oneDNN rejects ("could not create a descriptor for a dilated convolution"), so on an {@code -onednn}
   * build a dilated one runs with the platform helpers switched off (libnd4j's own kernels), then on again.
   */
  private static void exec(DynamicCustomOp op, Geom g) {
    if (!ONEDNN || (g.dh == 1 && g.dw == 1)) {
      Nd4j.exec(op);
      return;
    }
    Environment env = Nd4j.getEnvironment();
    boolean before = env.helpersAllowed();
    env.allowHelpers(false);
    try {
      Nd4j.exec(op);
    } finally {
      env.allowHelpers(before);
    }
  }

  /** An uninitialised output for libnd4j's ops, from {@link Kernels#allocate} (and so its pool of freed buffers). */
  private static INDArray uninitialized(DataType type, long[] shape) {
    return Kernels.allocate(type, shape);
  }

  private static INDArray nd4jForward(INDArray x, INDArray w, INDArray b, Geom g) {
    x = contiguous(x);
    w = contiguous(w);
    b = contiguous(b);
    if (g.groups > 1) {
      Geom one = group(g);
      INDArray y = uninitialized(x.dataType(), g.outShape());
      for (int q = 0; q < g.groups; q++) {
        put(y, 1, (long) q * one.o, nd4jForward(slice(x, 1, (long) q * one.c, one.c), slice(w, 0, (long) q * one.o,
            one.o), b == null ? null : slice(b, 0, (long) q * one.o, one.o), one));
      }
      return y;
    }
    INDArray y = uninitialized(x.dataType(), g.outShape());
    INDArray[] in = b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b};
    exec(DynamicCustomOp.builder("conv2d").addInputs(in).addOutputs(y).addIntegerArguments(iargs(g)).build(), g);
    return y;
  }

  private static INDArray[] nd4jBackward(INDArray x, INDArray w, INDArray gy, Geom g, boolean wantX, boolean wantW) {
    if (wantX && !wantW && g.groups == 1 && !outputPadded(g)) {
      // conv2d_bp always computes dw too; deconv2d gives dx alone in half its time (oneDNN's backward-data).
      return new INDArray[] {nd4jInputGrad(gy, w, null, g), null};
    }
    x = contiguous(x);
    w = contiguous(w);
    gy = contiguous(gy);
    if (g.groups > 1) {
      Geom one = group(g);
      INDArray dx = wantX ? uninitialized(x.dataType(), g.inShape()) : null;
      INDArray dw = wantW ? uninitialized(x.dataType(), g.weightShape()) : null;
      for (int q = 0; q < g.groups; q++) {
        INDArray[] r = nd4jBackward(slice(x, 1, (long) q * one.c, one.c), slice(w, 0, (long) q * one.o, one.o),
            slice(gy, 1, (long) q * one.o, one.o), one, wantX, wantW);
        if (wantX) {
          put(dx, 1, (long) q * one.c, r[0]);
        }
        if (wantW) {
          put(dw, 0, (long) q * one.o, r[1]);
        }
      }
      return new INDArray[] {dx, dw};
    }
    INDArray dx = uninitialized(x.dataType(), g.inShape());
    INDArray dw = uninitialized(x.dataType(), g.weightShape());
    exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, gy).addOutputs(dx, dw)
        .addIntegerArguments(iargs(g)).build(), g);
    return new INDArray[] {wantX ? dx : null, wantW ? dw : null};
  }

  /** convᵀ(gy, w) with libnd4j's deconv2d; rows and columns no window reaches get zeros (PyTorch's output padding). */
  private static INDArray nd4jInputGrad(INDArray gy, INDArray w, INDArray b, Geom g) {
    gy = contiguous(gy);
    w = contiguous(w);
    b = contiguous(b);
    if (g.groups > 1) {
      Geom one = group(g);
      INDArray dx = uninitialized(gy.dataType(), g.inShape());
      for (int q = 0; q < g.groups; q++) {
        put(dx, 1, (long) q * one.c, nd4jInputGrad(slice(gy, 1, (long) q * one.o, one.o),
            slice(w, 0, (long) q * one.o, one.o), b == null ? null : slice(b, 0, (long) q * one.c, one.c), one));
      }
      return dx;
    }
    if (outputPadded(g)) {
      // PyTorch's output padding: deconv2d cannot make the extra rows (some of which windows reach through the
      // padding), conv2d_bp can, given an input of the full shape (its values only feed the unused dw).
      return addChannelBias(nd4jBackward(Nd4j.zeros(gy.dataType(), g.inShape()), w, gy, g, true, false)[0], b);
    }
    INDArray y = uninitialized(gy.dataType(), g.inShape());
    // The bias is added afterwards: oneDNN's deconvolution adds it with a scalar reference loop over its blocked
    // layout (ref_deconvolution_fwd_t::compute_fwd_bias), half the call's time for the DCGAN generator's first
    // layer ([64, 128, 7, 7] -> [64, 64, 14, 14]: 13.0 ms with the bias inside, 6.7 ms with it added here).
    exec(DynamicCustomOp.builder("deconv2d").addInputs(gy, w).addOutputs(y).addIntegerArguments(iargs(g)).build(), g);
    return addChannelBias(y, b);
  }

  /** y [n, c, h, w] += b [c] along dimension 1, in place (b null: y unchanged); returns y. */
  private static INDArray addChannelBias(INDArray y, INDArray b) {
    if (b != null) {
      Nd4j.getExecutioner().exec(new BroadcastAddOp(y, b, y, 1));
    }
    return y;
  }

  // =================================================================== per-channel maps on [n, c, ...]

  private static int[] reduceDims(long[] shape) {
    int[] dims = new int[shape.length - 1];
    dims[0] = 0;
    for (int i = 2; i < shape.length; i++) {
      dims[i - 1] = i;
    }
    return dims;
  }

  private static long inner(long[] shape) {
    long p = 1;
    for (int i = 2; i < shape.length; i++) {
      p *= shape[i];
    }
    return p;
  }

  private static long[] channelShape(long[] shape) {
    long[] s = new long[shape.length];
    Arrays.fill(s, 1);
    s[1] = shape[1];
    return s;
  }

  // Reductions in double with four partial sums: one running sum waits on the latency of each addition, and
  // HotSpot never reorders floating-point additions itself. The order is fixed, so results stay deterministic.

  /** Σ a[o, o + len) in double. */
  private static double sum(float[] a, int o, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[o + k];
      s1 += a[o + k + 1];
      s2 += a[o + k + 2];
      s3 += a[o + k + 3];
    }
    for (; k < len; k++) {
      s0 += a[o + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ a[o, o + len). */
  private static double sum(double[] a, int o, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[o + k];
      s1 += a[o + k + 1];
      s2 += a[o + k + 2];
      s3 += a[o + k + 3];
    }
    for (; k < len; k++) {
      s0 += a[o + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ a[k]·(b[k] − mu) over k in [o, o + len), in double (mu = 0: a plain dot product). */
  private static double dot(float[] a, float[] b, int o, int len, double mu) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[o + k] * (b[o + k] - mu);
      s1 += a[o + k + 1] * (b[o + k + 1] - mu);
      s2 += a[o + k + 2] * (b[o + k + 2] - mu);
      s3 += a[o + k + 3] * (b[o + k + 3] - mu);
    }
    for (; k < len; k++) {
      s0 += a[o + k] * (b[o + k] - mu);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ a[k]·(b[k] − mu) over k in [o, o + len). */
  private static double dot(double[] a, double[] b, int o, int len, double mu) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[o + k] * (b[o + k] - mu);
      s1 += a[o + k + 1] * (b[o + k + 1] - mu);
      s2 += a[o + k + 2] * (b[o + k + 2] - mu);
      s3 += a[o + k + 3] * (b[o + k + 3] - mu);
    }
    for (; k < len; k++) {
      s0 += a[o + k] * (b[o + k] - mu);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Σ (a[k] − mu)² over k in [o, o + len). */
  private static double squares(double[] a, int o, int len, double mu) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      double d0 = a[o + k] - mu;
      double d1 = a[o + k + 1] - mu;
      double d2 = a[o + k + 2] - mu;
      double d3 = a[o + k + 3] - mu;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; k < len; k++) {
      double d = a[o + k] - mu;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Adds Σ (a[k] − shift) and Σ (a[k] − shift)² over k in [o, o + len) into acc[0] and acc[1], in double, in one
   * pass with four chains each (batch normalisation's statistics of a float32 block).
   */
  private static void shiftedMoments(float[] a, int o, int len, double shift, double[] acc) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double q0 = 0;
    double q1 = 0;
    double q2 = 0;
    double q3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      int i = o + k;
      double d0 = a[i] - shift;
      double d1 = a[i + 1] - shift;
      double d2 = a[i + 2] - shift;
      double d3 = a[i + 3] - shift;
      s0 += d0;
      s1 += d1;
      s2 += d2;
      s3 += d3;
      q0 += d0 * d0;
      q1 += d1 * d1;
      q2 += d2 * d2;
      q3 += d3 * d3;
    }
    for (; k < len; k++) {
      double d = a[o + k] - shift;
      s0 += d;
      q0 += d * d;
    }
    acc[0] += (s0 + s1) + (s2 + s3);
    acc[1] += (q0 + q1) + (q2 + q3);
  }

  /**
   * Adds Σ g[k] and Σ g[k]·(x[k] − mu) over k in [o, o + len) into acc[0] and acc[1], in double, in one pass with
   * four chains each (batch normalisation's backward sums of a float32 block).
   */
  private static void sumAndDot(float[] g, float[] x, int o, int len, double mu, double[] acc) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double q0 = 0;
    double q1 = 0;
    double q2 = 0;
    double q3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      int i = o + k;
      double g0 = g[i];
      double g1 = g[i + 1];
      double g2 = g[i + 2];
      double g3 = g[i + 3];
      s0 += g0;
      s1 += g1;
      s2 += g2;
      s3 += g3;
      q0 += g0 * (x[i] - mu);
      q1 += g1 * (x[i + 1] - mu);
      q2 += g2 * (x[i + 2] - mu);
      q3 += g3 * (x[i + 3] - mu);
    }
    for (; k < len; k++) {
      double gk = g[o + k];
      s0 += gk;
      q0 += gk * (x[o + k] - mu);
    }
    acc[0] += (s0 + s1) + (s2 + s3);
    acc[1] += (q0 + q1) + (q2 + q3);
  }

  /** Σ over every dimension but 1 of x [n, c, ...]: the vector [c]. */
  static INDArray channelSum(INDArray x) {
    long[] shape = x.shape();
    int ch = (int) shape[1];
    if (Kernels.javaMode() && Kernels.dense(x)) {
      int n = (int) shape[0];
      int p = (int) inner(shape);
      double[] acc = new double[ch];
      if (x.dataType() == DataType.FLOAT) {
        float[] a = Kernels.readF(x, 0);
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < ch; c++) {
            acc[c] += sum(a, (i * ch + c) * p, p);
          }
        }
        float[] f = new float[ch];
        for (int c = 0; c < ch; c++) {
          f[c] = (float) acc[c];
        }
        return Kernels.writeF(f, new long[] {ch});
      }
      double[] a = Kernels.readD(x, 0);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          acc[c] += sum(a, (i * ch + c) * p, p);
        }
      }
      return Kernels.writeD(acc, new long[] {ch});
    }
    return x.sum(reduceDims(shape)).reshape('c', new long[] {ch});
  }

  /** Σ over every dimension but 1 of a ⊙ b (same shape [n, c, ...]): the vector [c]. */
  static INDArray channelDot(INDArray a, INDArray b) {
    long[] shape = a.shape();
    int ch = (int) shape[1];
    if (Kernels.javaMode() && Kernels.dense(a) && Kernels.dense(b) && a.dataType() == b.dataType()) {
      int n = (int) shape[0];
      int p = (int) inner(shape);
      double[] acc = new double[ch];
      if (a.dataType() == DataType.FLOAT) {
        float[] x = Kernels.readF(a, 0);
        float[] y = Kernels.readF(b, 1);
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < ch; c++) {
            acc[c] += dot(x, y, (i * ch + c) * p, p, 0.0);
          }
        }
        float[] f = new float[ch];
        for (int c = 0; c < ch; c++) {
          f[c] = (float) acc[c];
        }
        return Kernels.writeF(f, new long[] {ch});
      }
      double[] x = Kernels.readD(a, 0);
      double[] y = Kernels.readD(b, 1);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          acc[c] += dot(x, y, (i * ch + c) * p, p, 0.0);
        }
      }
      return Kernels.writeD(acc, new long[] {ch});
    }
    return a.mul(b).sum(reduceDims(shape)).reshape('c', new long[] {ch});
  }

  /** x ⊙ scale[c] + shift[c] over x [n, c, ...] (scale or shift null: 1 or 0). */
  static INDArray channelAffine(INDArray x, INDArray scale, INDArray shift) {
    long[] shape = x.shape();
    int ch = (int) shape[1];
    if (Kernels.javaMode() && Kernels.dense(x) && (scale == null || Kernels.dense(scale))
        && (shift == null || Kernels.dense(shift))) {
      int n = (int) shape[0];
      int p = (int) inner(shape);
      int size = n * ch * p;
      if (x.dataType() == DataType.FLOAT) {
        float[] a = Kernels.readF(x, 0);
        float[] s = scale == null ? null : Kernels.readF(scale, 1);
        float[] t = shift == null ? null : Kernels.readF(shift, 2);
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < ch; c++) {
            int o = (i * ch + c) * p;
            float sc = s == null ? 1f : s[c];
            float sh = t == null ? 0f : t[c];
            for (int k = 0; k < p; k++) {
              a[o + k] = a[o + k] * sc + sh;
            }
          }
        }
        return Kernels.writeF(a, shape);
      }
      double[] a = Kernels.readD(x, 0);
      double[] s = scale == null ? null : Kernels.readD(scale, 1);
      double[] t = shift == null ? null : Kernels.readD(shift, 2);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          int o = (i * ch + c) * p;
          double sc = s == null ? 1.0 : s[c];
          double sh = t == null ? 0.0 : t[c];
          for (int k = 0; k < p; k++) {
            a[o + k] = a[o + k] * sc + sh;
          }
        }
      }
      return Kernels.writeD(a, shape);
    }
    long[] cs = channelShape(shape);
    INDArray y = scale == null ? x.dup('c') : x.mul(scale.reshape('c', cs));
    return shift == null ? y : y.addi(shift.reshape('c', cs));
  }

  /** v [c] repeated over {@code shape} [n, c, ...]. */
  static INDArray channelBroadcast(INDArray v, long[] shape) {
    if (Kernels.javaMode() && Kernels.dense(v)) {
      int n = (int) shape[0];
      int ch = (int) shape[1];
      int p = (int) inner(shape);
      int size = n * ch * p;
      if (v.dataType() == DataType.FLOAT) {
        float[] s = Kernels.readF(v, 1);
        float[] a = bufF(2, size);
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < ch; c++) {
            Arrays.fill(a, (i * ch + c) * p, (i * ch + c + 1) * p, s[c]);
          }
        }
        return Kernels.writeF(a, shape);
      }
      double[] s = Kernels.readD(v, 1);
      double[] a = bufD(2, size);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          Arrays.fill(a, (i * ch + c) * p, (i * ch + c + 1) * p, s[c]);
        }
      }
      return Kernels.writeD(a, shape);
    }
    return Nd4j.zeros(v.dataType(), shape).addi(v.reshape('c', channelShape(shape)));
  }

  // =================================================================== max pooling by index

  /** Host values of x, row-major, as doubles. */
  private static double[] host(INDArray x) {
    return HostArrays.read(x, null);
  }

  private static INDArray fromHost(double[] v, long[] shape, DataType type) {
    INDArray a = Kernels.javaMode() ? Kernels.allocate(type, shape) : Nd4j.createUninitialized(type, shape);
    HostArrays.write(v, a);
    return a;
  }

  /**
   * Max pooling of x [n, c, h, w] with window geometry g (o = c, groups ignored; padding is −∞). Returns the
   * values [n, c, ho, wo] and, in {@code argmax}, the flat row-major index in x of each output's maximum (the
   * first one in window order on ties, as PyTorch).
   */
  static INDArray maxPool(INDArray x, Geom g, int[] argmax) {
    double[] a = host(x);
    double[] out = new double[g.n * g.c * g.ho * g.wo];
    int k = 0;
    for (int i = 0; i < g.n; i++) {
      for (int c = 0; c < g.c; c++) {
        int base = (i * g.c + c) * g.h * g.w;
        for (int oi = 0; oi < g.ho; oi++) {
          for (int oj = 0; oj < g.wo; oj++, k++) {
            double best = Double.NEGATIVE_INFINITY;
            int at = -1;
            for (int ki = 0; ki < g.kh; ki++) {
              int ii = oi * g.sh - g.ph + ki * g.dh;
              if (ii < 0 || ii >= g.h) {
                continue;
              }
              for (int kj = 0; kj < g.kw; kj++) {
                int jj = oj * g.sw - g.pw + kj * g.dw;
                if (jj < 0 || jj >= g.w) {
                  continue;
                }
                int idx = base + ii * g.w + jj;
                double v = a[idx];
                if (at < 0 || v > best || Double.isNaN(v)) {
                  best = v;
                  at = idx;
                  if (Double.isNaN(v)) {
                    break;
                  }
                }
              }
            }
            out[k] = best;
            argmax[k] = at;
          }
        }
      }
    }
    return fromHost(out, g.outShape(), x.dataType());
  }

  /** y[i] = src[index[i]]: the gradient routing's adjoint (shape {@code shape}, src any shape). */
  static INDArray gather(INDArray src, int[] index, long[] shape) {
    double[] a = host(src);
    double[] out = new double[index.length];
    for (int i = 0; i < index.length; i++) {
      out[i] = a[index[i]];
    }
    return fromHost(out, shape, src.dataType());
  }

  /** Zeros of {@code shape} with g[i] added at index[i]: routes max pooling's gradient to the maxima. */
  static INDArray scatterAdd(INDArray g, int[] index, long[] shape) {
    double[] a = host(g);
    long len = 1;
    for (long d : shape) {
      len *= d;
    }
    double[] out = new double[Math.toIntExact(len)];
    for (int i = 0; i < index.length; i++) {
      out[index[i]] += a[i];
    }
    return fromHost(out, shape, g.dataType());
  }

  // =================================================================== fused batch normalisation (branch nets-dcgan-speed)

  /** Whether {@link #batchNormForward} and {@link #batchNormBackward} run here (Java mode, dense float/double). */
  static boolean batchNormFused(INDArray x) {
    return Kernels.javaMode() && Kernels.dense(x) && x.rank() >= 2 && x.length() / x.size(1) >= 1;
  }

  /**
   * Training-mode batch normalisation of x [n, c, ...] per channel in one output array:
   * y = (x − μ)·inv·γ + β with inv = 1/√(σ² + ε), μ and σ² (biased) over every dimension but 1, computed in
   * double with two passes. γ, β (may be null: 1 and 0) are [c]. Fills mean[c], biasedVar[c] and inv[c].
   */
  static INDArray batchNormForward(INDArray x, INDArray gamma, INDArray beta, double eps, double[] mean,
      double[] biasedVar, double[] inv) {
    long[] shape = x.shape();
    int n = (int) shape[0];
    int ch = (int) shape[1];
    int p = (int) inner(shape);
    double m = (double) n * p;
    double[] ga = gamma == null ? null : HostArrays.read(gamma, null);
    double[] be = beta == null ? null : HostArrays.read(beta, null);
    boolean f = x.dataType() == DataType.FLOAT;
    float[] af = f ? Kernels.readF(x, 0) : null;
    double[] ad = f ? null : Kernels.readD(x, 0);
    Arrays.fill(mean, 0);
    Arrays.fill(biasedVar, 0);
    if (f) {
      // float32: both moments in one pass over x, about a shift K (the channel's first value), in double:
      // σ² = E[(x − K)²] − (E[x − K])², which loses nothing to cancellation while K is within a few σ of μ.
      double[] acc = new double[2];
      for (int c = 0; c < ch; c++) {
        double shift = af[c * p];
        for (int i = 0; i < n; i++) {
          shiftedMoments(af, (i * ch + c) * p, p, shift, acc);
        }
        double d = acc[0] / m;
        mean[c] = shift + d;
        biasedVar[c] = Math.max(0.0, acc[1] / m - d * d);
        acc[0] = 0;
        acc[1] = 0;
      }
    } else {
      // float64 (gradient checks): two passes, the mean first.
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          mean[c] += sum(ad, (i * ch + c) * p, p);
        }
      }
      for (int c = 0; c < ch; c++) {
        mean[c] /= m;
      }
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          biasedVar[c] += squares(ad, (i * ch + c) * p, p, mean[c]);
        }
      }
      for (int c = 0; c < ch; c++) {
        biasedVar[c] /= m;
      }
    }
    for (int c = 0; c < ch; c++) {
      inv[c] = 1.0 / Math.sqrt(biasedVar[c] + eps);
    }
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < ch; c++) {
        int o = (i * ch + c) * p;
        double sc = inv[c] * (ga == null ? 1.0 : ga[c]);
        double sh = be == null ? 0.0 : be[c];
        double mu = mean[c];
        if (f) {
          float scf = (float) sc;
          float shf = (float) sh;
          float muf = (float) mu;
          for (int k = 0; k < p; k++) {
            af[o + k] = (af[o + k] - muf) * scf + shf;
          }
        } else {
          for (int k = 0; k < p; k++) {
            ad[o + k] = (ad[o + k] - mu) * sc + sh;
          }
        }
      }
    }
    return f ? Kernels.writeF(af, shape) : Kernels.writeD(ad, shape);
  }

  /**
   * The gradients of {@link #batchNormForward} for an incoming g (x's shape), with the forward's mean and inv:
   * {dx (or null unless wantX), dγ = Σ g·x̂ [c], dβ = Σ g [c]}, x̂ = (x − μ)·inv, and
   * dx = γ·inv·(g − Σg/m − x̂·Σ(g·x̂)/m), one full-size array.
   */
  static INDArray[] batchNormBackward(INDArray g, INDArray x, double[] mean, double[] inv, INDArray gamma,
      boolean wantX) {
    long[] shape = x.shape();
    int n = (int) shape[0];
    int ch = (int) shape[1];
    int p = (int) inner(shape);
    double m = (double) n * p;
    double[] ga = gamma == null ? null : HostArrays.read(gamma, null);
    boolean f = x.dataType() == DataType.FLOAT;
    float[] gf = f ? Kernels.readF(g, 0) : null;
    float[] xf = f ? Kernels.readF(x, 1) : null;
    double[] gd = f ? null : Kernels.readD(g, 0);
    double[] xd = f ? null : Kernels.readD(x, 1);
    double[] sg = new double[ch];
    double[] sgx = new double[ch];
    double[] acc = new double[2];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < ch; c++) {
        int o = (i * ch + c) * p;
        if (f) {
          // Σg and Σg·(x − μ) in one pass over the block.
          acc[0] = 0;
          acc[1] = 0;
          sumAndDot(gf, xf, o, p, mean[c], acc);
          sg[c] += acc[0];
          sgx[c] += acc[1];
        } else {
          sg[c] += sum(gd, o, p);
          sgx[c] += dot(gd, xd, o, p, mean[c]);
        }
      }
    }
    double[] dGamma = new double[ch];
    for (int c = 0; c < ch; c++) {
      dGamma[c] = sgx[c] * inv[c];
    }
    INDArray dx = null;
    if (wantX) {
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < ch; c++) {
          int o = (i * ch + c) * p;
          double a = inv[c] * (ga == null ? 1.0 : ga[c]);
          // dx = a·(g − Σg/m − (x − μ)·inv²·Σg(x−μ)/m) = a·g + b·(x − μ) + d
          double b = -a * inv[c] * inv[c] * sgx[c] / m;
          double d = -a * sg[c] / m;
          double mu = mean[c];
          if (f) {
            float af = (float) a;
            float bf = (float) b;
            float df = (float) d;
            float muf = (float) mu;
            for (int k = 0; k < p; k++) {
              gf[o + k] = af * gf[o + k] + bf * (xf[o + k] - muf) + df;
            }
          } else {
            for (int k = 0; k < p; k++) {
              gd[o + k] = a * gd[o + k] + b * (xd[o + k] - mu) + d;
            }
          }
        }
      }
      dx = f ? Kernels.writeF(gf, shape) : Kernels.writeD(gd, shape);
    }
    return new INDArray[] {dx, fromHost(dGamma, new long[] {ch}, x.dataType()),
        fromHost(sg, new long[] {ch}, x.dataType())};
  }

  // =================================================================== kept im2col matrices (branch nets-dcgan-speed)

  /**
   * {@link #forward} that also returns its im2col matrix, {y, col}, for the weight gradient of the backward pass
   * ({@link #backwardWithCol}, {@link #weightGradWithCol}), which then skips its own im2col. The matrix comes
   * from a small per-thread pool; hand it back with {@link #releaseCol} once used. col is null (and y computed
   * by {@link #forward}) off the im2col + GEMM path.
   */
  static INDArray[] forwardKeepingCol(INDArray x, INDArray w, INDArray b, Geom g) {
    if (!KEEP_COL || !(gemmPath(g, x, w, b))) {
      return new INDArray[] {forward(x, w, b, g), null};
    }
    INDArray col = im2colInto(x, g, takeCol(x.dataType(), (long) g.c * g.kh * g.kw * g.np()));
    return new INDArray[] {gemmIntoImages(w, col, b, g), col};
  }

  /** {@link #backward} with the forward's im2col matrix of x (from {@link #forwardKeepingCol}); col is kept. */
  static INDArray[] backwardWithCol(INDArray col, INDArray w, INDArray gy, Geom g, boolean wantX, boolean wantW) {
    INDArray dx = wantX ? col2imOf(gy, w, g, null) : null;
    INDArray dw = wantW ? weightGradOf(gy, col, g) : null;
    return new INDArray[] {dx, dw};
  }

  /** {@link #weightGrad} with the forward's im2col matrix of x; col is kept. */
  static INDArray weightGradWithCol(INDArray col, INDArray gy, Geom g) {
    return weightGradOf(gy, col, g);
  }

  /** Whether forwards keep their im2col matrix (system property {@code rlgan.nets.keepIm2col}, default true). */
  private static final boolean KEEP_COL = !"false".equalsIgnoreCase(System.getProperty("rlgan.nets.keepIm2col"));

  /** At most this many kept im2col matrices wait for reuse per thread (a GAN step keeps two or three alive). */
  private static final int COL_POOL = 4;

  private static final ThreadLocal<java.util.ArrayDeque<INDArray>> COLS =
      ThreadLocal.withInitial(java.util.ArrayDeque::new);

  /** A native array of exactly n elements of the type, from the pool when one is free. */
  private static INDArray takeCol(DataType type, long n) {
    java.util.ArrayDeque<INDArray> pool = COLS.get();
    for (java.util.Iterator<INDArray> it = pool.iterator(); it.hasNext(); ) {
      INDArray a = it.next();
      if (a.dataType() == type && a.length() == n) {
        it.remove();
        return a;
      }
    }
    return Nd4j.createUninitialized(type, n);
  }

  /** Hands a matrix from {@link #forwardKeepingCol} back (nothing may use it afterwards). */
  static void releaseCol(INDArray col) {
    java.util.ArrayDeque<INDArray> pool = COLS.get();
    if (pool.size() == COL_POOL) {
      INDArray oldest = pool.pollLast();
      if (oldest.closeable()) {
        oldest.close();
      }
    }
    pool.addFirst(col);
  }
}
