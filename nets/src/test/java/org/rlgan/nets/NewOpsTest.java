package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.check.GradCheck;

/**
 * Finite-difference checks of what the kernels work added or turned into primitives: huber, max with kept
 * dimensions and negative dimension numbers, pick's and relu's second derivatives, linear with a [1, out]
 * bias; under both kernel implementations.
 */
@ExtendWith(KernelModes.class)
class NewOpsTest {
  private final SplittableRandom rng = new SplittableRandom(11);

  private INDArray rand(long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1.5, 1.5));
    }
    return a;
  }

  /** Values kept 0.1 away from ±k, where huber's second derivative jumps. */
  private INDArray randAwayFrom(double k, long... shape) {
    INDArray a = rand(shape);
    for (long i = 0; i < a.length(); i++) {
      double v = a.getDouble(i);
      if (Math.abs(Math.abs(v) - k) < 0.1) {
        a.putScalar(i, v + Math.copySign(0.2, v));
      }
    }
    return a;
  }

  private static void check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    GradCheck.Result r = GradCheck.standard().check(f, List.of(inputs));
    assertTrue(r.passed(), r.toString());
  }

  private Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> op, long... outShape) {
    INDArray w = rand(outShape);
    return xs -> Ops.sum(Ops.mul(op.apply(xs), Tensor.constant(w)));
  }

  /** Σ w ⊙ ∇ₓ Σ op(x)², whose gradient needs op's backward to be differentiable. */
  private Function<List<Tensor>, Tensor> secondOrder(Function<Tensor, Tensor> op, long... shape) {
    INDArray w = rand(shape);
    return xs -> {
      // GradCheck's finite-difference evaluations pass constants: differentiate with respect to a variable.
      Tensor x = xs.get(0).requiresGrad() ? xs.get(0) : Tensor.variable(xs.get(0).value());
      Tensor gx = Autograd.grad(Ops.sum(Ops.square(op.apply(x))), List.of(x), true).get(0);
      return Ops.sum(Ops.mul(gx, Tensor.constant(w)));
    };
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void huber(Kernels.Mode mode) {
    KernelModes.use(mode);
    check(weighted(x -> Ops.huber(x.get(0), 1.0), 3, 4), randAwayFrom(1.0, 3, 4));
    check(weighted(x -> Ops.huber(x.get(0), 0.5), 3, 4), randAwayFrom(0.5, 3, 4));
    check(secondOrder(x -> Ops.huber(x, 0.7), 2, 3), randAwayFrom(0.7, 2, 3));
    Tensor v = Tensor.of(new double[] {-3, -0.5, 0, 0.5, 3}, 5);
    assertArrayEquals(new double[] {2.5, 0.125, 0, 0.125, 2.5}, Ops.huber(v, 1.0).value().toDoubleVector(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Ops.huber(v, 0));
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void maxVariants(Kernels.Mode mode) {
    KernelModes.use(mode);
    check(weighted(x -> Ops.max(x.get(0), 1, true), 3, 1), rand(3, 4));
    check(weighted(x -> Ops.max(x.get(0), 0, false), 4), rand(3, 4));
    check(weighted(x -> Ops.max(x.get(0), -1, false), 2, 3), rand(2, 3, 4));
    check(secondOrder(x -> Ops.max(Ops.tanh(x), 1, false), 2, 3), rand(2, 3));
    assertThrows(IllegalArgumentException.class, () -> Ops.max(Tensor.of(new double[] {1, 2}, 2), 1, false));
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void pickReluClampAndLinearSecondOrder(Kernels.Mode mode) {
    KernelModes.use(mode);
    long[] index = {1, 0};
    check(secondOrder(x -> Ops.pick(Ops.tanh(x), index), 2, 3), rand(2, 3));
    check(secondOrder(x -> Ops.mul(Ops.relu(x), x), 2, 3), randAwayFrom(0, 2, 3));
    check(secondOrder(x -> Ops.mul(Ops.clamp(x, -0.5, 0.5), x), 2, 3), randAwayFrom(0.5, 2, 3));
    check(weighted(x -> Ops.linear(x.get(0), x.get(1), x.get(2)), 5, 2), rand(5, 3), rand(3, 2), rand(1, 2));
    check(xs -> {
      Tensor x = xs.get(0).requiresGrad() ? xs.get(0) : Tensor.variable(xs.get(0).value());
      Tensor gx = Autograd.grad(Ops.sum(Ops.square(Ops.linear(x, xs.get(1), xs.get(2)))), List.of(x), true).get(0);
      return Ops.sum(Ops.square(gx));
    }, rand(4, 3), rand(3, 2), rand(2));
    assertThrows(IllegalArgumentException.class, () -> Ops.pick(Tensor.of(new double[] {1, 2}, 1, 2), new long[] {2}));
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void float32ResultsKeepTheirType(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor x = Tensor.variable(Nd4j.rand(DataType.FLOAT, 3, 4));
    Tensor loss = Ops.mean(Ops.huber(Ops.pick(Ops.relu(x), new long[] {0, 1, 3}), 1.0));
    Autograd.backward(loss);
    assertEquals(DataType.FLOAT, loss.dataType());
    assertEquals(DataType.FLOAT, x.grad().dataType());
    assertArrayEquals(new long[] {3, 4}, x.grad().shape());
  }
}
