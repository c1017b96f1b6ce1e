package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.FusedChecks.assertClose;
import static org.rlgan.nets.FusedChecks.check;
import static org.rlgan.nets.FusedChecks.var;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused primitives {@link Ops#leakyRelu} and {@link Ops#linearRelu}: values (and gradients) against the
 * composites they replace, first and second derivatives by central differences, under both kernel modes.
 */
@ExtendWith(KernelModes.class)
class FusedOpsTest {
  private final SplittableRandom rng = new SplittableRandom(5);

  private INDArray rand(DataType type, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a.castTo(type);
  }

  /** Uniform in ±[0.1, 1]: away from leaky ReLU's kink. */
  private INDArray randAwayFromZero(long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      double v = rng.nextDouble(0.1, 1);
      a.putScalar(i, rng.nextBoolean() ? v : -v);
    }
    return a;
  }

  private Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> f, INDArray... probe) {
    List<Tensor> consts = java.util.Arrays.stream(probe).map(Tensor::constant).toList();
    INDArray wts = rand(DataType.DOUBLE, f.apply(consts).shape());
    return t -> Ops.sum(Ops.mul(f.apply(t), Tensor.constant(wts)));
  }

  // ------------------------------------------------------------------ leaky ReLU

  @Test
  void leakyReluMatchesTheCompositeAndHasSlopeAlphaAtZero() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        INDArray x = rand(type, 4, 3, 5);
        x.putScalar(0, 0.0);
        Tensor xv = Tensor.variable(x);
        Tensor y = Ops.leakyRelu(xv, 0.2);
        Tensor ref = Ops.sub(Ops.relu(Tensor.constant(x)), Ops.mulScalar(Ops.relu(Ops.neg(Tensor.constant(x))), 0.2));
        assertClose(ref.value(), y.value(), 0, mode + " " + type + " values");
        INDArray g = rand(type, 4, 3, 5);
        Autograd.backward(Ops.sum(Ops.mul(y, Tensor.constant(g))));
        for (long i = 0; i < x.length(); i++) {
          double expected = x.getDouble(i) > 0 ? g.getDouble(i) : 0.2 * g.getDouble(i);
          assertEquals(expected, xv.grad().getDouble(i), 1e-6, mode + " " + type + " gradient at " + i);
        }
      }
    }
  }

  @Test
  void leakyReluFirstAndSecondDerivatives() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      check(weighted(t -> Ops.leakyRelu(t.get(0), 0.2), randAwayFromZero(3, 5)), randAwayFromZero(3, 5));
      INDArray w = rand(DataType.DOUBLE, 3, 5);
      // Σ w ⊙ ∇ₓ(Σ leaky(x)²) = Σ w ⊙ 2·leaky(x)·leaky'(x): differentiates leakyPass, the backward primitive.
      check(t -> {
        Tensor x = var(t.get(0));
        Tensor gx = Autograd.grad(Ops.sum(Ops.square(Ops.leakyRelu(x, 0.3))), List.of(x), true).get(0);
        return Ops.sum(Ops.mul(gx, Tensor.constant(w)));
      }, randAwayFromZero(3, 5));
    }
  }

  // ------------------------------------------------------------------ squared error per sample (MSE)

  @Test
  void squaredErrorMatchesTheComposite() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        for (long[] shape : new long[][] {{4, 3, 5}, {3, 7}, {1, 1}}) {
          INDArray p = rand(type, shape);
          INDArray t = rand(type, shape);
          INDArray g = rand(type, shape[0]);
          String what = mode + " " + type + " " + java.util.Arrays.toString(shape);
          Tensor[] fused = {Tensor.variable(p), Tensor.variable(t)};
          Tensor y = Ops.squaredErrorPerSample(fused[0], fused[1]);
          Autograd.backward(Ops.sum(Ops.mul(y, Tensor.constant(g))));
          Tensor[] comp = {Tensor.variable(p), Tensor.variable(t)};
          Tensor ref = Ops.squaredErrorComposite(comp[0], comp[1]);
          Autograd.backward(Ops.sum(Ops.mul(ref, Tensor.constant(g))));
          double tol = type == DataType.FLOAT ? 1e-6 : 1e-14;
          assertClose(ref.value(), y.value(), tol, what + " values");
          assertClose(comp[0].grad(), fused[0].grad(), tol, what + " dp");
          assertClose(comp[1].grad(), fused[1].grad(), tol, what + " dt");
          Tensor onlyP = Tensor.variable(p);
          Autograd.backward(Ops.sum(Ops.mul(Ops.squaredErrorPerSample(onlyP, Tensor.constant(t)), Tensor.constant(g))));
          assertClose(comp[0].grad(), onlyP.grad(), tol, what + " dp with a constant target");
        }
      }
    }
  }

  @Test
  void squaredErrorFirstAndSecondDerivatives() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      INDArray p = rand(DataType.DOUBLE, 3, 2, 4);
      INDArray t = rand(DataType.DOUBLE, 3, 2, 4);
      check(weighted(u -> Ops.squaredErrorPerSample(u.get(0), u.get(1)), p, t), p, t);
      INDArray w = rand(DataType.DOUBLE, 3, 2, 4);
      check(u -> {
        Tensor x = var(u.get(0));
        Tensor gx = Autograd.grad(Ops.sum(Ops.square(Ops.squaredErrorPerSample(x, u.get(1)))), List.of(x), true)
            .get(0);
        return Ops.sum(Ops.mul(gx, Tensor.constant(w)));
      }, p, t);
    }
  }

  // ------------------------------------------------------------------ dense layer then ReLU

  /** relu(linear(x, W, b)) and its gradients, from separate primitives, for comparison with {@link Ops#linearRelu}. */
  private static Tensor[] separate(INDArray x, INDArray w, INDArray b, INDArray g) {
    Tensor[] v = {Tensor.variable(x), Tensor.variable(w), Tensor.variable(b)};
    Tensor y = Ops.relu(Ops.linear(v[0], v[1], v[2]));
    Autograd.backward(Ops.sum(Ops.mul(y, Tensor.constant(g))));
    return new Tensor[] {y, v[0], v[1], v[2]};
  }

  @Test
  void linearReluIsBitIdenticalToLinearThenRelu() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      for (int rows : new int[] {6, 1}) { // one row: the bias gradient has the output gradient's length
      for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
        INDArray x = rand(type, rows, 4);
        INDArray w = rand(type, 4, 5);
        INDArray b = rand(type, 5);
        INDArray g = rand(type, rows, 5);
        x.putScalar(0, 0.0);
        Tensor[] ref = separate(x, w, b, g);
        Tensor[] v = {Tensor.variable(x), Tensor.variable(w), Tensor.variable(b)};
        Tensor y = Ops.linearRelu(v[0], v[1], v[2]);
        Autograd.backward(Ops.sum(Ops.mul(y, Tensor.constant(g))));
        String what = mode + " " + type;
        assertEquals(ref[0].value(), y.value(), what + " values");
        assertTrue(y.value().minNumber().doubleValue() >= 0, what + " ReLU applied");
        if (rows > 1) {
          assertTrue(y.value().minNumber().doubleValue() == 0, what + " some units are off");
        }
        assertEquals(ref[1].grad(), v[0].grad(), what + " dx");
        assertEquals(ref[2].grad(), v[1].grad(), what + " dW");
        assertEquals(ref[3].grad(), v[2].grad(), what + " db");
        // the pool must not hand the bias gradient's memory out again: it survives the next allocations
        INDArray db = v[2].grad().dup();
        Tensor again = Ops.linearRelu(Tensor.constant(x), Tensor.constant(w), Tensor.constant(b));
        Ops.mulScalar(Tensor.constant(g), 3.0);
        assertEquals(db, v[2].grad(), what + " db after later allocations");
        assertEquals(y.value(), again.value(), what + " repeatable");
      }
      }
    }
  }

  @Test
  void linearReluFirstAndSecondDerivatives() {
    for (Kernels.Mode mode : Kernels.Mode.values()) {
      KernelModes.use(mode);
      INDArray w0 = rand(DataType.DOUBLE, 4, 3);
      INDArray b0 = rand(DataType.DOUBLE, 3);
      // x [5, 4] chosen so that no pre-activation sits within the finite-difference step of the kink
      INDArray x0 = rand(DataType.DOUBLE, 5, 4);
      INDArray pre = x0.mmul(w0).addRowVector(b0);
      for (long i = 0; i < pre.length(); i++) {
        if (Math.abs(pre.getDouble(i)) < 1e-3) {
          b0.putScalar(i % 3, b0.getDouble(i % 3) + 0.01);
        }
      }
      check(weighted(t -> Ops.linearRelu(t.get(0), t.get(1), t.get(2)), x0, w0, b0), x0, w0, b0);
      INDArray wts = rand(DataType.DOUBLE, 5, 4);
      // Σ wts ⊙ ∇ₓ(Σ linearRelu(x)²): differentiates the backward rule (its mask and both matmuls) once more.
      check(t -> {
        Tensor x = var(t.get(0));
        Tensor gx = Autograd.grad(Ops.sum(Ops.square(Ops.linearRelu(x, t.get(1), t.get(2)))), List.of(x), true).get(0);
        return Ops.sum(Ops.mul(gx, Tensor.constant(wts)));
      }, x0, w0, b0);
    }
  }
}
