package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.check.GradCheck;

/**
 * Finite-difference checks of the sequence operations (gatherRows, permute, bmm, lstm, gru, rnnTanh), with and
 * without masks, second derivatives through the fused LSTM, and the fused LSTM against its composite form;
 * under both kernel implementations (in ND4J mode lstm is the composite).
 */
@ExtendWith(KernelModes.class)
class SequenceOpsTest {
  private final SplittableRandom rng = new SplittableRandom(23);

  private INDArray rand(long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a;
  }

  /** A [n, T] mask with padded tails of different lengths, one row fully real and one with a gap. */
  static INDArray mask(int n, int steps) {
    INDArray m = Nd4j.ones(DataType.DOUBLE, n, steps);
    for (int b = 1; b < n; b++) {
      for (int t = steps - b; t < steps; t++) {
        m.putScalar(b, t, 0.0);
      }
    }
    if (n > 2 && steps > 2) {
      m.putScalar(n - 1, 1, 0.0);           // a gap inside a row: the state is carried over it
    }
    return m;
  }

  private static void check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    GradCheck.Result r = GradCheck.standard().check(f, List.of(inputs));
    assertTrue(r.passed(), r.toString());
  }

  private Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> op, long... outShape) {
    INDArray w = rand(outShape);
    return xs -> Ops.sum(Ops.mul(op.apply(xs), Tensor.constant(w)));
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void gatherPermuteBmm(Kernels.Mode mode) {
    KernelModes.use(mode);
    long[] idx = {2, 0, 2, 3, 1};
    check(weighted(x -> Ops.gatherRows(x.get(0), idx), 5, 3), rand(4, 3));
    assertThrows(IllegalArgumentException.class, () -> Ops.gatherRows(Tensor.constant(rand(4, 3)), new long[] {4}));
    check(weighted(x -> Ops.permute(x.get(0), 2, 0, 1), 4, 2, 3), rand(2, 3, 4));
    check(weighted(x -> Ops.permute(x.get(0), 0, 2, 1, 3), 2, 4, 3, 2), rand(2, 3, 4, 2));
    INDArray p = Ops.permute(Tensor.constant(rand(2, 3, 4)), 1, 2, 0).value();
    assertArrayEquals(new long[] {3, 4, 2}, p.shape());
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        INDArray a = ta ? rand(3, 4, 2) : rand(3, 2, 4);
        INDArray b = tb ? rand(3, 5, 4) : rand(3, 4, 5);
        check(weighted(x -> Ops.bmm(x.get(0), x.get(1), ta, tb), 3, 2, 5), a, b);
        // against one matmul per batch element
        INDArray c = Ops.bmm(Tensor.constant(a), Tensor.constant(b), ta, tb).value();
        for (int i = 0; i < 3; i++) {
          INDArray ref = Ops.matmul(Tensor.constant(a.slice(i).dup()), Tensor.constant(b.slice(i).dup()), ta, tb).value();
          assertTrue(ref.equalsWithEps(c.slice(i), 1e-12), "bmm batch " + i);
        }
      }
    }
  }

  private INDArray[] lstmInputs(int n, int steps, int in, int hid) {
    return new INDArray[] {rand(n, steps, in), rand(n, hid), rand(n, hid), rand(in, 4 * hid), rand(hid, 4 * hid),
        rand(4 * hid), rand(4 * hid)};
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void lstmGradients(Kernels.Mode mode) {
    KernelModes.use(mode);
    for (INDArray m : new INDArray[] {null, mask(3, 4)}) {
      INDArray[] in = lstmInputs(3, 4, 2, 3);
      check(weighted(x -> Ops.lstm(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), x.get(6), m), 3, 4, 6),
          in);
    }
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void gruAndRnnGradients(Kernels.Mode mode) {
    KernelModes.use(mode);
    for (INDArray m : new INDArray[] {null, mask(3, 4)}) {
      check(weighted(x -> Ops.gru(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), m), 3, 4, 3),
          rand(3, 4, 2), rand(3, 3), rand(2, 9), rand(3, 9), rand(9), rand(9));
      check(weighted(x -> Ops.rnnTanh(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), m), 3, 4, 3),
          rand(3, 4, 2), rand(3, 3), rand(2, 3), rand(3, 3), rand(3), rand(3));
    }
  }

  @Test
  void float32LstmReusesItsSavedArraysSafely() {
    // The float32 kernel hands its saved arrays back to per-thread caches after its backward pass: two forwards
    // alive at once must not share them, and a second backward of the same graph goes through the composite.
    KernelModes.use(Kernels.Mode.JAVA);
    INDArray m = mask(4, 5);
    INDArray[] in = lstmInputs(4, 5, 3, 4);
    Tensor[] t = new Tensor[in.length];
    Tensor[] f32 = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      t[i] = Tensor.variable(in[i]);
      f32[i] = Tensor.variable(in[i].castTo(DataType.FLOAT));
    }
    INDArray w = rand(4, 5, 8);
    Tensor comp = Ops.lstmComposite(t[0], t[1], t[2], t[3], t[4], t[5], t[6], m);
    List<Tensor> gc = Autograd.grad(Ops.sum(Ops.mul(comp, Tensor.constant(w))), List.of(t), false);
    Tensor cw = Tensor.constant(w.castTo(DataType.FLOAT));
    Tensor l1 = Ops.sum(Ops.mul(Ops.lstm(f32[0], f32[1], f32[2], f32[3], f32[4], f32[5], f32[6], m), cw));
    Tensor l2 = Ops.sum(Ops.mul(Ops.lstm(f32[0], f32[1], f32[2], f32[3], f32[4], f32[5], f32[6], m), cw));
    Tensor l3 = Ops.sum(Ops.mul(Ops.lstm(f32[0], f32[1], f32[2], f32[3], f32[4], f32[5], f32[6], null), cw));
    Tensor[] order = {l2, l1, l1, l2};
    for (int k = 0; k < order.length; k++) {
      List<Tensor> g = Autograd.grad(order[k], List.of(f32), false);
      for (int i = 0; i < t.length; i++) {
        assertTrue(g.get(i).value().castTo(DataType.DOUBLE).equalsWithEps(gc.get(i).value(), 1e-4),
            "float32 gradient " + i + " of backward pass " + k + ": " + g.get(i).value() + " vs " + gc.get(i).value());
      }
    }
    // the unmasked one, run after the caches were filled, against its own composite
    Tensor c3 = Ops.lstmComposite(t[0], t[1], t[2], t[3], t[4], t[5], t[6], null);
    List<Tensor> g3c = Autograd.grad(Ops.sum(Ops.mul(c3, Tensor.constant(w))), List.of(t), false);
    List<Tensor> g3 = Autograd.grad(l3, List.of(f32), false);
    for (int i = 0; i < t.length; i++) {
      assertTrue(g3.get(i).value().castTo(DataType.DOUBLE).equalsWithEps(g3c.get(i).value(), 1e-4),
          "unmasked float32 gradient " + i);
    }
  }

  @Test
  void fusedLstmMatchesCompositeAndHasSecondDerivatives() {
    KernelModes.use(Kernels.Mode.JAVA);
    INDArray m = mask(4, 5);
    INDArray[] in = lstmInputs(4, 5, 3, 4);
    Tensor[] t = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      t[i] = Tensor.variable(in[i]);
    }
    Tensor fused = Ops.lstm(t[0], t[1], t[2], t[3], t[4], t[5], t[6], m);
    Tensor comp = Ops.lstmComposite(t[0], t[1], t[2], t[3], t[4], t[5], t[6], m);
    assertTrue(fused.value().equalsWithEps(comp.value(), 1e-12), "forward");
    INDArray w = rand(4, 5, 8);
    List<Tensor> gf = Autograd.grad(Ops.sum(Ops.mul(fused, Tensor.constant(w))), List.of(t), false);
    List<Tensor> gc = Autograd.grad(Ops.sum(Ops.mul(comp, Tensor.constant(w))), List.of(t), false);
    for (int i = 0; i < t.length; i++) {
      assertTrue(gf.get(i).value().equalsWithEps(gc.get(i).value(), 1e-12), "gradient " + i);
    }
    // float32 too: the fused path runs its GEMMs in float
    Tensor[] f32 = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      f32[i] = Tensor.variable(in[i].castTo(DataType.FLOAT));
    }
    Tensor y32 = Ops.lstm(f32[0], f32[1], f32[2], f32[3], f32[4], f32[5], f32[6], m);
    INDArray a = y32.value();
    assertEquals(DataType.FLOAT, a.dataType());
    assertTrue(a.castTo(DataType.DOUBLE).equalsWithEps(comp.value(), 1e-5), "float32 forward");
    // float32 takes the vectorised gate arithmetic: its gradients against the float64 composite's
    List<Tensor> g32 = Autograd.grad(Ops.sum(Ops.mul(y32, Tensor.constant(w.castTo(DataType.FLOAT)))), List.of(f32),
        false);
    for (int i = 0; i < t.length; i++) {
      assertTrue(g32.get(i).value().castTo(DataType.DOUBLE).equalsWithEps(gc.get(i).value(), 1e-4),
          "float32 gradient " + i);
    }

    // d/dW of Σ v ⊙ ∂L/∂x: needs the recorded backward of the fused op.
    INDArray v = rand(4, 5, 3);
    check(xs -> {
      Tensor x = xs.get(0).requiresGrad() ? xs.get(0) : Tensor.variable(xs.get(0).value());
      Tensor y = Ops.lstm(x, xs.get(1), xs.get(2), xs.get(3), xs.get(4), xs.get(5), xs.get(6), m);
      Tensor gx = Autograd.grad(Ops.sum(Ops.square(y)), List.of(x), true).get(0);
      return Ops.sum(Ops.mul(gx, Tensor.constant(v)));
    }, in);
  }

  @Test
  void fusedGruMatchesCompositeAndHasSecondDerivatives() {
    KernelModes.use(Kernels.Mode.JAVA);
    INDArray m = mask(4, 5);
    INDArray[] in = {rand(4, 5, 3), rand(4, 4), rand(3, 12), rand(4, 12), rand(12), rand(12)};
    Tensor[] t = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      t[i] = Tensor.variable(in[i]);
    }
    Tensor fused = Ops.gru(t[0], t[1], t[2], t[3], t[4], t[5], m);
    Tensor comp = Ops.gruComposite(t[0], t[1], t[2], t[3], t[4], t[5], m);
    assertTrue(fused.value().equalsWithEps(comp.value(), 1e-12), "forward");
    INDArray w = rand(4, 5, 4);
    List<Tensor> gf = Autograd.grad(Ops.sum(Ops.mul(fused, Tensor.constant(w))), List.of(t), false);
    List<Tensor> gc = Autograd.grad(Ops.sum(Ops.mul(comp, Tensor.constant(w))), List.of(t), false);
    for (int i = 0; i < t.length; i++) {
      assertTrue(gf.get(i).value().equalsWithEps(gc.get(i).value(), 1e-12), "gradient " + i);
    }
    INDArray v = rand(4, 5, 3);
    check(xs -> {
      Tensor x = xs.get(0).requiresGrad() ? xs.get(0) : Tensor.variable(xs.get(0).value());
      Tensor y = Ops.gru(x, xs.get(1), xs.get(2), xs.get(3), xs.get(4), xs.get(5), m);
      Tensor gx = Autograd.grad(Ops.sum(Ops.square(y)), List.of(x), true).get(0);
      return Ops.sum(Ops.mul(gx, Tensor.constant(v)));
    }, in);
  }

  @Test
  void vectorisedGateFunctionsAreAccurate() {
    int len = 4001;
    double[] x = new double[len];
    double[] zero = new double[len];
    double[] one = new double[len];
    java.util.Arrays.fill(one, 1.0);
    for (int i = 0; i < len; i++) {
      x[i] = -40 + 0.02 * i;
    }
    double[] s = new double[len];
    double[] th = new double[len];
    LstmKernel.sigmoid(x, zero, one, s, len, false);
    LstmKernel.tanh(x, th, len, false);
    for (int i = 0; i < len; i++) {
      double ref = 1 / (1 + Math.exp(-x[i]));
      assertEquals(ref, s[i], Math.abs(x[i]) < 25 ? 1e-13 * ref : 1e-13, "sigmoid(" + x[i] + ")");
      assertEquals(Math.tanh(x[i]), th[i], 2e-13, "tanh(" + x[i] + ")");
    }
  }

  @Test
  void fastTanhIsAccurate() {
    double worst = 0;
    for (double v = -30; v <= 30; v += 1e-3 * Math.PI) {
      for (double x : new double[] {v, v * 1e-4, v * 1e-9}) {
        double ref = Math.tanh(x);
        double err = ref == 0 ? Math.abs(LstmKernel.tanh(x)) : Math.abs(LstmKernel.tanh(x) - ref) / Math.abs(ref);
        worst = Math.max(worst, err);
      }
    }
    assertTrue(worst < 1e-13, "worst relative error " + worst);
    assertEquals(1.0, LstmKernel.tanh(400), 0.0);
    assertEquals(-1.0, LstmKernel.tanh(-400), 0.0);
  }
}
