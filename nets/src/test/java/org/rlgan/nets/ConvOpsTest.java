package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.check.GradCheck;

/**
 * Convolution, transposed convolution, pooling and upsampling against direct loops written from the
 * definitions (slow and obviously correct), under both convolution implementations (im2col + GEMM, libnd4j's
 * ops) and both kernel modes; then central-difference gradient checks of first and second derivatives.
 */
@ExtendWith(KernelModes.class)
class ConvOpsTest {
  private final SplittableRandom rng = new SplittableRandom(11);
  private final ConvKernels.Impl implBefore = ConvKernels.setImpl(ConvKernels.Impl.GEMM);

  @AfterEach
  void restore() {
    ConvKernels.setImpl(implBefore);
  }

  private INDArray rand(DataType type, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a.castTo(type);
  }

  /** y[n, o, i, j] = b[o] + Σ x[n, g·C/G + c, i·s − p + ki·d, j·s − p + kj·d] w[o, c, ki, kj], zero outside. */
  static double[] referenceConv(INDArray x, INDArray w, INDArray b, Conv2dOptions o, long[] outShape) {
    long n = x.size(0);
    long cin = x.size(1);
    long h = x.size(2);
    long wd = x.size(3);
    long out = w.size(0);
    long cg = w.size(1);
    long og = out / o.groups();
    long ho = outShape[2];
    long wo = outShape[3];
    double[] y = new double[(int) (n * out * ho * wo)];
    int k = 0;
    for (long in = 0; in < n; in++) {
      for (long oc = 0; oc < out; oc++) {
        long grp = oc / og;
        for (long i = 0; i < ho; i++) {
          for (long j = 0; j < wo; j++, k++) {
            double s = b == null ? 0 : b.getDouble(oc);
            for (long c = 0; c < cg; c++) {
              for (long ki = 0; ki < w.size(2); ki++) {
                for (long kj = 0; kj < w.size(3); kj++) {
                  long ii = i * o.strideH() - o.padH() + ki * o.dilationH();
                  long jj = j * o.strideW() - o.padW() + kj * o.dilationW();
                  if (ii >= 0 && ii < h && jj >= 0 && jj < wd) {
                    s += x.getDouble(in, grp * cg + c, ii, jj) * w.getDouble(oc, c, ki, kj);
                  }
                }
              }
            }
            y[k] = s;
          }
        }
      }
    }
    assertEquals(cin, cg * o.groups());
    return y;
  }

  /** The transposed convolution by its definition: every input pixel scatters w-weighted copies to the output. */
  static double[] referenceConvTranspose(INDArray x, INDArray w, INDArray b, Conv2dOptions o, long[] outShape) {
    long n = x.size(0);
    long cin = x.size(1);
    long cog = w.size(1);
    long cig = cin / o.groups();
    long cout = outShape[1];
    long ho = outShape[2];
    long wo = outShape[3];
    double[] y = new double[(int) (n * cout * ho * wo)];
    for (long in = 0; in < n; in++) {
      for (long oc = 0; oc < cout; oc++) {
        for (long p = 0; p < ho * wo; p++) {
          y[(int) (((in * cout + oc) * ho * wo) + p)] = b == null ? 0 : b.getDouble(oc);
        }
      }
      for (long ic = 0; ic < cin; ic++) {
        long grp = ic / cig;
        for (long i = 0; i < x.size(2); i++) {
          for (long j = 0; j < x.size(3); j++) {
            double v = x.getDouble(in, ic, i, j);
            for (long c = 0; c < cog; c++) {
              long oc = grp * cog + c;
              for (long ki = 0; ki < w.size(2); ki++) {
                for (long kj = 0; kj < w.size(3); kj++) {
                  long ii = i * o.strideH() - o.padH() + ki * o.dilationH();
                  long jj = j * o.strideW() - o.padW() + kj * o.dilationW();
                  if (ii >= 0 && ii < ho && jj >= 0 && jj < wo) {
                    y[(int) (((in * cout + oc) * ho + ii) * wo + jj)] += v * w.getDouble(ic, c, ki, kj);
                  }
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  private static void assertClose(double[] expected, INDArray actual, double tol, String what) {
    double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    assertEquals(expected.length, a.length, what);
    for (int i = 0; i < a.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      assertTrue(Math.abs(expected[i] - a[i]) <= tol * scale, what + ": element " + i + " expected " + expected[i]
          + " got " + a[i]);
    }
  }

  private record Case(long n, long c, long h, long w, long o, int kh, int kw, Conv2dOptions opts) {}

  private static final List<Case> CASES = List.of(
      new Case(2, 3, 7, 6, 4, 3, 3, Conv2dOptions.DEFAULT),
      new Case(2, 3, 7, 6, 4, 3, 2, Conv2dOptions.of(2, 1)),
      new Case(1, 2, 9, 8, 3, 3, 3, new Conv2dOptions(2, 1, 2, 1, 2, 1, 1)),
      new Case(2, 4, 6, 5, 6, 3, 3, new Conv2dOptions(1, 2, 1, 0, 1, 2, 2)),
      new Case(2, 4, 5, 5, 4, 2, 2, Conv2dOptions.of(1, 1).withGroups(4)),
      new Case(3, 1, 8, 8, 5, 4, 4, Conv2dOptions.of(2, 1)),
      // 8·3·3 = 72 im2col rows: the default rule hands this one to oneDNN on an -onednn build (float32).
      new Case(2, 8, 6, 5, 5, 3, 3, Conv2dOptions.of(1, 1)));

  private void forEachImplementation(Runnable check) {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      for (boolean nd4j : new boolean[] {false, true}) {
        if (mode == Kernels.Mode.ND4J && !nd4j) {
          continue; // ND4J kernel mode always uses libnd4j's ops
        }
        ConvKernels.setImpl(nd4j ? ConvKernels.Impl.ND4J : ConvKernels.Impl.GEMM);
        check.run();
      }
    }
  }

  @Test
  void convolutionMatchesTheDefinition() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (Case k : CASES) {
        INDArray x = rand(type, k.n, k.c, k.h, k.w);
        INDArray w = rand(type, k.o, k.c / k.opts.groups(), k.kh, k.kw);
        INDArray b = rand(type, k.o);
        forEachImplementation(() -> {
          String what = k + " " + type + " " + Kernels.mode() + " conv=" + ConvKernels.impl();
          Tensor y = ConvOps.conv2d(Tensor.constant(x), Tensor.constant(w), Tensor.constant(b), k.opts);
          assertEquals(type, y.dataType());
          assertArrayEquals(new long[] {k.n, k.o, k.opts.outputHeight(k.h, k.kh), k.opts.outputWidth(k.w, k.kw)},
              y.shape(), what);
          assertClose(referenceConv(x, w, b, k.opts, y.shape()), y.value(), type == DataType.FLOAT ? 1e-5 : 1e-12, what);
          Tensor noBias = ConvOps.conv2d(Tensor.constant(x), Tensor.constant(w), null, k.opts);
          assertClose(referenceConv(x, w, null, k.opts, y.shape()), noBias.value(),
              type == DataType.FLOAT ? 1e-5 : 1e-12, what);
        });
      }
    }
  }

  @Test
  void transposedConvolutionMatchesTheDefinition() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (Case k : CASES) {
        // x has the convolution's output channels; w [Cin, Cout/groups, kh, kw].
        INDArray x = rand(type, k.n, k.o, 3, 4);
        INDArray w = rand(type, k.o, k.c / k.opts.groups(), k.kh, k.kw);
        INDArray b = rand(type, k.c);
        int opH = k.opts.strideH() > 1 ? 1 : 0;
        forEachImplementation(() -> {
          String what = k + " " + type + " " + Kernels.mode() + " conv=" + ConvKernels.impl();
          Tensor y = ConvOps.convTranspose2d(Tensor.constant(x), Tensor.constant(w), Tensor.constant(b), k.opts, opH, 0);
          long h = (3 - 1) * k.opts.strideH() - 2L * k.opts.padH() + (long) k.opts.dilationH() * (k.kh - 1) + opH + 1;
          long wd = (4 - 1) * k.opts.strideW() - 2L * k.opts.padW() + (long) k.opts.dilationW() * (k.kw - 1) + 1;
          assertArrayEquals(new long[] {k.n, k.c, h, wd}, y.shape(), what);
          assertClose(referenceConvTranspose(x, w, b, k.opts, y.shape()), y.value(),
              type == DataType.FLOAT ? 1e-5 : 1e-12, what);
        });
      }
    }
  }

  /**
   * The input gradient alone (weights constant, as in a generator's step through the discriminator): libnd4j's
   * path then runs deconv2d instead of conv2d_bp, except where windows miss rows of the input (conv2d_bp again).
   */
  @Test
  void inputGradientAloneMatchesTheDefinition() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (Case k : CASES) {
        INDArray x = rand(type, k.n, k.c, k.h, k.w);
        INDArray w = rand(type, k.o, k.c / k.opts.groups(), k.kh, k.kw);
        long[] out = {k.n, k.o, k.opts.outputHeight(k.h, k.kh), k.opts.outputWidth(k.w, k.kw)};
        INDArray wts = rand(type, out);
        forEachImplementation(() -> {
          String what = k + " " + type + " " + Kernels.mode() + " conv=" + ConvKernels.impl();
          Tensor xv = Tensor.variable(x);
          Tensor l = Ops.sum(Ops.mul(ConvOps.conv2d(xv, Tensor.constant(w), null, k.opts), Tensor.constant(wts)));
          Tensor dx = Autograd.grad(l, List.of(xv), false).get(0);
          assertClose(referenceConvTranspose(wts, w, null, k.opts, x.shape()), dx.value(),
              type == DataType.FLOAT ? 1e-5 : 1e-12, what);
        });
      }
    }
  }

  @Test
  void poolingAndUpsamplingMatchTheDefinition() {
    INDArray x = rand(DataType.DOUBLE, 2, 3, 5, 6);
    // Max pool 3x3, stride 2, padding 1: by hand from the definition.
    Tensor y = ConvOps.maxPool2d(Tensor.constant(x), 3, 3, Conv2dOptions.of(2, 1));
    assertArrayEquals(new long[] {2, 3, 3, 3}, y.shape());
    Tensor a = ConvOps.avgPool2d(Tensor.constant(x), 2, 3, new Conv2dOptions(1, 2, 1, 1, 1, 1, 1));
    assertArrayEquals(new long[] {2, 3, 6, 3}, a.shape());
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int ki = 0; ki < 3; ki++) {
              for (int kj = 0; kj < 3; kj++) {
                int ii = 2 * i - 1 + ki;
                int jj = 2 * j - 1 + kj;
                if (ii >= 0 && ii < 5 && jj >= 0 && jj < 6) {
                  m = Math.max(m, x.getDouble(n, c, ii, jj));
                }
              }
            }
            assertEquals(m, y.value().getDouble(n, c, i, j), 0);
          }
        }
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int ki = 0; ki < 2; ki++) {
              for (int kj = 0; kj < 3; kj++) {
                int ii = i - 1 + ki;
                int jj = 2 * j - 1 + kj;
                if (ii >= 0 && ii < 5 && jj >= 0 && jj < 6) {
                  s += x.getDouble(n, c, ii, jj);
                }
              }
            }
            assertEquals(s / 6, a.value().getDouble(n, c, i, j), 1e-12);
          }
        }
      }
    }
    Tensor u = ConvOps.upsampleNearest2d(Tensor.constant(x), 2, 3);
    assertArrayEquals(new long[] {2, 3, 10, 18}, u.shape());
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 18; j++) {
        assertEquals(x.getDouble(1, 2, i / 2, j / 3), u.value().getDouble(1, 2, i, j), 0);
      }
    }
    Tensor gap = ConvOps.globalAvgPool2d(Tensor.constant(x));
    assertEquals(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(2))
        .meanNumber().doubleValue(), gap.value().getDouble(1, 2), 1e-12);
  }

  private static void check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    GradCheck.Result r = GradCheck.standard().check(f, List.of(inputs));
    assertTrue(r.passed(), r.toString());
  }

  /** Σ weights ⊙ f: every output element weighted differently. */
  private Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> f, INDArray... probe) {
    List<Tensor> consts = java.util.Arrays.stream(probe).map(Tensor::constant).toList();
    INDArray wts = rand(DataType.DOUBLE, f.apply(consts).shape());
    return t -> Ops.sum(Ops.mul(f.apply(t), Tensor.constant(wts)));
  }

  @Test
  void convolutionGradients() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      // libnd4j's path (ND4J mode) is checked against the definitions above; two cases suffice for its gradients.
      for (Case k : mode == Kernels.Mode.JAVA ? CASES : List.of(CASES.get(1), CASES.get(3))) {
        INDArray x = rand(DataType.DOUBLE, k.n, k.c, k.h, k.w);
        INDArray w = rand(DataType.DOUBLE, k.o, k.c / k.opts.groups(), k.kh, k.kw);
        INDArray b = rand(DataType.DOUBLE, k.o);
        check(weighted(t -> ConvOps.conv2d(t.get(0), t.get(1), t.get(2), k.opts), x, w, b), x, w, b);

        INDArray xt = rand(DataType.DOUBLE, k.n, k.o, 3, 2);
        INDArray bt = rand(DataType.DOUBLE, k.c);
        int opW = k.opts.strideW() > 1 ? 1 : 0;
        check(weighted(t -> ConvOps.convTranspose2d(t.get(0), t.get(1), t.get(2), k.opts, 0, opW), xt, w, bt),
            xt, w, bt);
      }
    }
  }

  /** The gradient of ‖∂L/∂x‖² with respect to the weights and x: second derivatives of conv and convᵀ. */
  @Test
  void convolutionSecondDerivatives() {
    Case k = CASES.get(3);
    INDArray x = rand(DataType.DOUBLE, k.n, k.c, k.h, k.w);
    INDArray w = rand(DataType.DOUBLE, k.o, k.c / k.opts.groups(), k.kh, k.kw);
    long[] out = {k.n, k.o, k.opts.outputHeight(k.h, k.kh), k.opts.outputWidth(k.w, k.kw)};
    INDArray wts = rand(DataType.DOUBLE, out);
    Function<List<Tensor>, Tensor> penalty = t -> {
      // GradCheck passes constants when it evaluates the function numerically: differentiate variables anyway.
      Tensor xv = t.get(0).requiresGrad() ? t.get(0) : Tensor.variable(t.get(0).value());
      Tensor wv = t.get(1).requiresGrad() ? t.get(1) : Tensor.variable(t.get(1).value());
      Tensor y = Ops.tanh(ConvOps.conv2d(xv, wv, null, k.opts));
      Tensor l = Ops.sum(Ops.mul(y, Tensor.constant(wts)));
      List<Tensor> g = Autograd.grad(l, List.of(xv, wv), true);
      return Ops.add(Ops.sum(Ops.square(g.get(0))), Ops.sum(Ops.square(g.get(1))));
    };
    check(penalty, x, w);

    INDArray xt = rand(DataType.DOUBLE, 2, 3, 3, 3);
    INDArray wt = rand(DataType.DOUBLE, 3, 2, 3, 3);
    Conv2dOptions o = Conv2dOptions.of(2, 1);
    check(t -> {
      Tensor xv = t.get(0).requiresGrad() ? t.get(0) : Tensor.variable(t.get(0).value());
      Tensor y = Ops.tanh(ConvOps.convTranspose2d(xv, t.get(1), null, o, 1, 1));
      Tensor gx = Autograd.grad(Ops.sum(Ops.square(y)), List.of(xv), true).get(0);
      return Ops.sum(Ops.square(gx));
    }, xt, wt);
  }

  @Test
  void poolingUpsamplingAndChannelGradients() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      INDArray x = rand(DataType.DOUBLE, 2, 3, 5, 6);
      check(weighted(t -> ConvOps.maxPool2d(t.get(0), 3, 2, new Conv2dOptions(2, 1, 1, 1, 1, 1, 1)), x), x);
      check(weighted(t -> ConvOps.maxPool2d(t.get(0), 2, 2, Conv2dOptions.of(1, 0).withDilation(2, 1)), x), x);
      check(weighted(t -> ConvOps.avgPool2d(t.get(0), 3, 3, Conv2dOptions.of(2, 1)), x), x);
      check(weighted(t -> ConvOps.upsampleNearest2d(t.get(0), 2, 3), x), x);
      check(weighted(t -> ConvOps.globalAvgPool2d(t.get(0)), x), x);
      INDArray s = rand(DataType.DOUBLE, 3);
      INDArray sh = rand(DataType.DOUBLE, 3);
      check(weighted(t -> ConvOps.channelAffine(t.get(0), t.get(1), t.get(2)), x, s, sh), x, s, sh);
      check(weighted(t -> ConvOps.channelAffine(t.get(0), null, t.get(1)), x, sh), x, sh);
      check(weighted(t -> ConvOps.channelAffine(t.get(0), t.get(1), null), x, s), x, s);
      check(weighted(t -> ConvOps.channelBroadcast(Ops.tanh(ConvOps.channelSum(Ops.square(t.get(0)))), 2, 3, 5, 6), x), x);
    }
  }

  /**
   * The im2col matrix kept from the forward pass for the weight gradient: the same gradients as libnd4j's ops,
   * also when one graph is differentiated twice (the second pass recomputes it) and for the weight alone.
   */
  @Test
  void keptIm2colGivesTheSameGradientsTwice() {
    Case k = CASES.get(5);
    INDArray x = rand(DataType.DOUBLE, k.n, k.c, k.h, k.w);
    INDArray w = rand(DataType.DOUBLE, k.o, k.c, k.kh, k.kw);
    long[] out = {k.n, k.o, k.opts.outputHeight(k.h, k.kh), k.opts.outputWidth(k.w, k.kw)};
    INDArray wts = rand(DataType.DOUBLE, out);
    for (boolean wantX : new boolean[] {true, false}) {
      List<List<Tensor>> grads = new java.util.ArrayList<>();
      for (boolean nd4j : new boolean[] {true, false}) {
        ConvKernels.setImpl(nd4j ? ConvKernels.Impl.ND4J : ConvKernels.Impl.GEMM);
        Tensor xv = wantX ? Tensor.variable(x) : Tensor.constant(x);
        Tensor wv = Tensor.variable(w);
        Tensor l = Ops.sum(Ops.mul(ConvOps.conv2d(xv, wv, null, k.opts), Tensor.constant(wts)));
        List<Tensor> targets = wantX ? List.of(xv, wv) : List.of(wv);
        grads.add(Autograd.grad(List.of(l), List.of(Tensor.constant(Nd4j.ones(DataType.DOUBLE))), targets, false));
        if (!nd4j) {
          grads.add(Autograd.grad(List.of(l), List.of(Tensor.constant(Nd4j.ones(DataType.DOUBLE))), targets, false));
        }
      }
      for (int i = 1; i < grads.size(); i++) {
        for (int j = 0; j < grads.get(0).size(); j++) {
          assertClose(grads.get(0).get(j).value().dup('c').data().asDouble(), grads.get(i).get(j).value(), 1e-10,
              "pass " + i + " gradient " + j);
        }
      }
    }
  }

  /**
   * The default choice gives exactly (bit for bit) the forward and both gradients of the implementation its rule
   * names: libnd4j's ops for a float32 layer of at least {@link ConvKernels#ONEDNN_MIN_ROWS} im2col rows when this
   * nd4j-native build has oneDNN, im2col + GEMM for everything else (small layers, float64, builds without oneDNN).
   */
  @Test
  void autoTakesTheImplementationItsRuleNames() {
    KernelModes.use(Kernels.Mode.JAVA);
    Conv2dOptions o = Conv2dOptions.of(2, 1);
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      for (int c : new int[] {2, 8}) { // 2·4·4 = 32 rows (below the threshold), 8·4·4 = 128 (above)
        INDArray x = rand(type, 2, c, 8, 8);
        INDArray w = rand(type, 6, c, 4, 4);
        INDArray wts = rand(type, 2, 6, 4, 4);
        INDArray xt = rand(type, 2, 6, 4, 4); // the transposed convolution maps [2, 6, 4, 4] back to [2, c, 8, 8]
        INDArray wtsT = rand(type, 2, c, 8, 8);
        boolean nd4j = ConvKernels.ONEDNN && type == DataType.FLOAT && c * 16 >= ConvKernels.ONEDNN_MIN_ROWS;
        java.util.Map<ConvKernels.Impl, List<INDArray>> results = new java.util.EnumMap<>(ConvKernels.Impl.class);
        for (ConvKernels.Impl impl : ConvKernels.Impl.values()) {
          ConvKernels.setImpl(impl);
          Tensor xv = Tensor.variable(x);
          Tensor wv = Tensor.variable(w);
          Tensor l = Ops.sum(Ops.mul(ConvOps.conv2d(xv, wv, null, o), Tensor.constant(wts)));
          Tensor xtv = Tensor.variable(xt);
          Tensor wtv = Tensor.variable(w);
          Tensor lt = Ops.sum(Ops.mul(ConvOps.convTranspose2d(xtv, wtv, null, o, 0, 0), Tensor.constant(wtsT)));
          List<Tensor> g = Autograd.grad(Ops.add(l, lt), List.of(xv, wv, xtv, wtv), false);
          results.put(impl, List.of(l.value(), g.get(0).value(), g.get(1).value(), lt.value(), g.get(2).value(),
              g.get(3).value()));
        }
        List<INDArray> expected = results.get(nd4j ? ConvKernels.Impl.ND4J : ConvKernels.Impl.GEMM);
        for (int i = 0; i < expected.size(); i++) {
          String what = type + " c=" + c + " oneDNN=" + ConvKernels.ONEDNN + " result " + i + " (expected the "
              + (nd4j ? "libnd4j" : "im2col + GEMM") + " value)";
          assertArrayEquals(expected.get(i).dup('c').data().asDouble(),
              results.get(ConvKernels.Impl.AUTO).get(i).dup('c').data().asDouble(), what);
        }
      }
    }
  }

  @Test
  void badShapesAreRejectedNamingTheShapes() {
    Tensor x = Tensor.constant(rand(DataType.FLOAT, 1, 3, 5, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvOps.conv2d(x, Tensor.constant(rand(DataType.FLOAT, 4, 2, 3, 3)), null, Conv2dOptions.DEFAULT));
    assertTrue(e.getMessage().contains("[4, 2, 3, 3]") && e.getMessage().contains("[1, 3, 5, 5]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConvOps.conv2d(x, Tensor.constant(rand(DataType.FLOAT, 4, 3, 7, 7)), null, Conv2dOptions.DEFAULT));
    assertTrue(e.getMessage().contains("smaller"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Conv2dOptions(0, 1, 0, 0, 1, 1, 1));
    assertTrue(e.getMessage().contains("strideH") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConvOps.maxPool2d(x, 2, 2, Conv2dOptions.of(1, 2)));
    assertTrue(e.getMessage().contains("half"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConvOps.convTranspose2d(x,
        Tensor.constant(rand(DataType.FLOAT, 3, 2, 3, 3)), null, Conv2dOptions.of(2, 0), 2, 0));
    assertTrue(e.getMessage().contains("output padding"), e.getMessage());
  }
}
