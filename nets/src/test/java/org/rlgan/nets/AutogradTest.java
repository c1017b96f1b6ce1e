package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.check.GradCheck;

/** Finite-difference checks of every operation, first and second order. */
class AutogradTest {
  private final SplittableRandom rng = new SplittableRandom(42);

  private INDArray rand(long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1.5, 1.5));
    }
    return a;
  }

  /** Values kept away from 0, where |x|, relu and friends have kinks that break finite differences. */
  private INDArray randAwayFromZero(long... shape) {
    INDArray a = rand(shape);
    for (long i = 0; i < a.length(); i++) {
      double v = a.getDouble(i);
      a.putScalar(i, v + Math.copySign(0.1, v));
    }
    return a;
  }

  private INDArray randPositive(long... shape) {
    INDArray a = rand(shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, Math.abs(a.getDouble(i)) + 0.2);
    }
    return a;
  }

  private static void check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    GradCheck.Result r = GradCheck.standard().check(f, List.of(inputs));
    assertTrue(r.passed(), r.toString());
    assertTrue(r.checked() > 0);
  }

  /** A weighted sum makes every output element matter with a different weight. */
  private Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> op, long... outShape) {
    INDArray w = rand(outShape);
    return xs -> Ops.sum(Ops.mul(op.apply(xs), Tensor.constant(w)));
  }

  @Test
  void binaryOpsWithBroadcasting() {
    check(weighted(x -> Ops.add(x.get(0), x.get(1)), 3, 4), rand(3, 4), rand(1, 4));
    check(weighted(x -> Ops.sub(x.get(0), x.get(1)), 3, 4), rand(3, 1), rand(4));
    check(weighted(x -> Ops.mul(x.get(0), x.get(1)), 3, 4), rand(3, 4), rand(3, 4));
    check(weighted(x -> Ops.div(x.get(0), x.get(1)), 3, 4), rand(3, 4), randPositive(1, 4));
  }

  @Test
  void scalarAndUnaryOps() {
    check(weighted(x -> Ops.addScalar(x.get(0), 0.7), 2, 3), rand(2, 3));
    check(weighted(x -> Ops.mulScalar(x.get(0), -1.3), 2, 3), rand(2, 3));
    check(weighted(x -> Ops.pow(x.get(0), 2.5), 2, 3), randPositive(2, 3));
    check(weighted(x -> Ops.neg(x.get(0)), 2, 3), rand(2, 3));
    check(weighted(x -> Ops.exp(x.get(0)), 2, 3), rand(2, 3));
    check(weighted(x -> Ops.log(x.get(0)), 2, 3), randPositive(2, 3));
    check(weighted(x -> Ops.log1p(x.get(0)), 2, 3), randPositive(2, 3));
    check(weighted(x -> Ops.sqrt(x.get(0)), 2, 3), randPositive(2, 3));
    check(weighted(x -> Ops.abs(x.get(0)), 2, 3), randAwayFromZero(2, 3));
    check(weighted(x -> Ops.square(x.get(0)), 2, 3), rand(2, 3));
    check(weighted(x -> Ops.erf(x.get(0)), 2, 3), rand(2, 3));
    check(weighted(x -> Ops.clamp(x.get(0), -1.0, 1.0), 2, 3), randAwayFromZero(2, 3).muli(0.8));
  }

  @Test
  void activations() {
    check(weighted(x -> Ops.relu(x.get(0)), 3, 5), randAwayFromZero(3, 5));
    check(weighted(x -> Ops.leakyRelu(x.get(0), 0.2), 3, 5), randAwayFromZero(3, 5));
    check(weighted(x -> Ops.elu(x.get(0), 1.3), 3, 5), randAwayFromZero(3, 5));
    check(weighted(x -> Ops.tanh(x.get(0)), 3, 5), rand(3, 5));
    check(weighted(x -> Ops.sigmoid(x.get(0)), 3, 5), rand(3, 5));
    check(weighted(x -> Ops.softplus(x.get(0)), 3, 5), rand(3, 5).muli(4));
    check(weighted(x -> Ops.gelu(x.get(0)), 3, 5), rand(3, 5).muli(2));
    check(weighted(x -> Ops.softmax(x.get(0), 1), 3, 5), rand(3, 5));
    check(weighted(x -> Ops.logSoftmax(x.get(0), 1), 3, 5), rand(3, 5));
    check(weighted(x -> Ops.logSoftmax(x.get(0), 0), 3, 5), rand(3, 5));
  }

  @Test
  void linearAlgebraAndShapes() {
    check(weighted(x -> Ops.matmul(x.get(0), x.get(1)), 3, 2), rand(3, 4), rand(4, 2));
    check(weighted(x -> Ops.matmul(x.get(0), x.get(1), true, false), 3, 2), rand(4, 3), rand(4, 2));
    check(weighted(x -> Ops.matmul(x.get(0), x.get(1), false, true), 3, 2), rand(3, 4), rand(2, 4));
    check(weighted(x -> Ops.matmul(x.get(0), x.get(1), true, true), 3, 2), rand(4, 3), rand(2, 4));
    check(weighted(x -> Ops.linear(x.get(0), x.get(1), x.get(2)), 5, 2), rand(5, 3), rand(3, 2), rand(2));
    check(weighted(x -> Ops.transpose(x.get(0)), 4, 3), rand(3, 4));
    check(weighted(x -> Ops.reshape(x.get(0), 2, 6), 2, 6), rand(3, 4));
    check(weighted(x -> Ops.concat(1, x.get(0), x.get(1)), 3, 5), rand(3, 2), rand(3, 3));
    check(weighted(x -> Ops.narrow(x.get(0), 1, 1, 2), 3, 2), rand(3, 4));
    check(weighted(x -> Ops.broadcastTo(x.get(0), 3, 4), 3, 4), rand(1, 4));
  }

  @Test
  void reductionsAndIndexing() {
    check(x -> Ops.sum(x.get(0)), rand(3, 4));
    check(x -> Ops.mean(x.get(0)), rand(3, 4));
    check(weighted(x -> Ops.sum(x.get(0), false, 0), 4), rand(3, 4));
    check(weighted(x -> Ops.mean(x.get(0), true, 1), 3, 1), rand(3, 4));
    check(weighted(x -> Ops.max(x.get(0), 1, false), 3), rand(3, 4));
    check(weighted(x -> Ops.logSumExp(x.get(0), 1, false), 3), rand(3, 4));
    check(weighted(x -> Ops.pick(x.get(0), new long[] {2, 0, 3}), 3), rand(3, 4));
  }

  @Test
  void whereSelectsByMask() {
    INDArray mask = Nd4j.create(new double[] {1, 0, 1, 0, 0, 1}, 2, 3);
    check(weighted(x -> Ops.where(mask, x.get(0), x.get(1)), 2, 3), rand(2, 3), rand(2, 3));
    Tensor r = Ops.where(mask, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new double[] {-1, -2, -3, -4, -5, -6}, 2, 3));
    assertArrayEquals(new double[] {1, -2, 3, -4, -5, 6}, r.value().dup().data().asDouble(), 0);
  }

  @Test
  void maxSplitsGradientAmongTies() {
    Tensor x = Tensor.variable(Nd4j.create(new double[] {1, 3, 3, 0}, 1, 4));
    Tensor m = Ops.sum(Ops.max(x, 1, false));
    assertEquals(3.0, m.item(), 0);
    Autograd.backward(m);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, x.grad().toDoubleVector(), 0);
  }

  /** Second derivatives: d/dx of the gradient of each smooth op, by finite differences of the gradient. */
  @Test
  void secondDerivativesOfSmoothOps() {
    List<Function<Tensor, Tensor>> ops = List.of(Ops::tanh, Ops::sigmoid, Ops::exp, Ops::softplus, Ops::gelu,
        Ops::erf, x -> Ops.elu(x, 0.7), x -> Ops.logSoftmax(x, 1), x -> Ops.pow(Ops.addScalar(Ops.square(x), 1), 1.5),
        x -> Ops.matmul(x, Ops.transpose(x)));
    for (Function<Tensor, Tensor> op : ops) {
      INDArray w = rand(2, 3);
      // f(x) = Σ w ⊙ ∇ₓ(Σ op(x)²): needs the backward pass of op to be differentiable.
      Function<List<Tensor>, Tensor> f = xs -> {
        Tensor x = xs.get(0).requiresGrad() ? xs.get(0) : Tensor.variable(xs.get(0).value());
        Tensor y = op.apply(x);
        Tensor gx = Autograd.grad(Ops.sum(Ops.square(y)), List.of(x), true).get(0);
        return Ops.sum(Ops.mul(gx, Tensor.constant(w)));
      };
      check(f, rand(2, 3));
    }
  }

  /**
   * The WGAN-GP penalty (Gulrajani et al. 2017) of a small MLP critic, E[(‖∇ₓD(x̂)‖₂ − 1)²], differentiated
   * with respect to the critic's parameters: a gradient of a gradient, checked by finite differences.
   */
  @Test
  void gradientPenaltyDoubleBackward() {
    INDArray xhat = rand(5, 3);
    for (Function<Tensor, Tensor> act : List.<Function<Tensor, Tensor>>of(Ops::tanh, Ops::softplus,
        x -> Ops.leakyRelu(x, 0.2))) {
      Function<List<Tensor>, Tensor> penalty = p -> {
        Tensor x = Tensor.variable(xhat);
        Tensor h = act.apply(Ops.linear(x, p.get(0), p.get(1)));
        Tensor d = Ops.linear(h, p.get(2), p.get(3));
        Tensor gx = Autograd.grad(Ops.sum(d), List.of(x), true).get(0);
        Tensor norm = Ops.sqrt(Ops.addScalar(Ops.sum(Ops.square(gx), false, 1), 1e-12));
        return Ops.mean(Ops.square(Ops.addScalar(norm, -1.0)));
      };
      check(penalty, rand(3, 4), rand(4), rand(4, 1), rand(1));
    }
  }

  @Test
  void backwardAccumulatesIntoLeavesAndNoGradRecordsNothing() {
    Tensor w = Tensor.parameter("w", Nd4j.create(new double[] {1, 2, 3}, 3));
    Tensor loss = Ops.sum(Ops.square(w)); // d/dw = 2w
    Autograd.backward(loss);
    Autograd.backward(loss);
    assertArrayEquals(new double[] {4, 8, 12}, w.grad().toDoubleVector(), 0);
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      Tensor y = Ops.sum(Ops.square(w));
      assertFalse(y.requiresGrad());
      assertTrue(y.isLeaf());
      assertThrows(IllegalArgumentException.class, () -> Autograd.backward(y));
    }
    assertTrue(Autograd.isRecording());
  }

  @Test
  void gradOfUnusedInputIsZeroAndLeafGradsUntouched() {
    Tensor a = Tensor.variable(Nd4j.create(new double[] {1, 2}, 2));
    Tensor b = Tensor.variable(Nd4j.create(new double[] {3, 4}, 2));
    List<Tensor> g = Autograd.grad(Ops.sum(Ops.mul(a, a)), List.of(a, b), false);
    assertArrayEquals(new double[] {2, 4}, g.get(0).value().toDoubleVector(), 0);
    assertArrayEquals(new double[] {0, 0}, g.get(1).value().toDoubleVector(), 0);
    assertNull(a.grad());
  }

  @Test
  void misuseIsReportedClearly() {
    Tensor a = Tensor.variable(Nd4j.create(DataType.DOUBLE, 2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ops.matmul(a, Tensor.variable(Nd4j.create(DataType.DOUBLE, 2, 3))));
    assertTrue(e.getMessage().contains("inner dimensions"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Autograd.backward(Ops.mul(a, a)));
    assertTrue(e.getMessage().contains("one-element"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Ops.add(a, Tensor.constant(Nd4j.create(DataType.FLOAT, 2, 3))));
    assertTrue(e.getMessage().contains("data types differ"), e.getMessage());
  }

  /** A deep chain must not overflow the stack in the backward pass. */
  @Test
  void deepGraphs() {
    Tensor x = Tensor.variable(Nd4j.create(new double[] {0.5}, 1));
    Tensor y = x;
    for (int i = 0; i < 20_000; i++) {
      y = Ops.mulScalar(y, 1.0);
    }
    Autograd.backward(Ops.sum(y));
    assertEquals(1.0, x.grad().getDouble(0), 0);
  }
}
