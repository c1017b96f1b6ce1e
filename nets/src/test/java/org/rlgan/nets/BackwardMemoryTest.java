package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An unrecorded backward pass frees (or recycles) its intermediate gradients as it goes: what it hands out
 * (leaf gradients, requested gradients) and what the caller passed in must stay intact, also when later
 * computations reuse the freed memory, and gradients that one array carried to two places must not alias.
 */
@ExtendWith(KernelModes.class)
class BackwardMemoryTest {

  private static Tensor param(double... v) {
    return Tensor.parameter("p", Nd4j.create(v, new long[] {v.length}, DataType.FLOAT));
  }

  /** Churns through many graphs of the same sizes, so freed buffers are handed out again. */
  private static void churn() {
    for (int i = 0; i < 50; i++) {
      Tensor a = Tensor.variable(Nd4j.rand(DataType.FLOAT, 3).subi(0.5));
      Tensor b = Tensor.variable(Nd4j.rand(DataType.FLOAT, 3).subi(0.5));
      Autograd.backward(Ops.sum(Ops.mul(Ops.add(Ops.relu(a), b), Ops.tanh(Ops.addScalar(a, 1)))));
    }
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void gradientPassedThroughToTwoLeavesIsNotShared(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor x = param(1, 2, 3);
    Tensor y = param(4, 5, 6);
    Autograd.backward(Ops.sum(Ops.add(x, y)));
    assertNotSame(x.grad(), y.grad());
    x.grad().addi(10);
    churn();
    assertArrayEquals(new float[] {11, 11, 11}, x.grad().toFloatVector());
    assertArrayEquals(new float[] {1, 1, 1}, y.grad().toFloatVector());
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void sameInputTwiceAndAccumulation(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor x = param(1, 2, 3);
    Tensor z = Ops.addScalar(x, 1.0);
    Tensor loss = Ops.sum(Ops.add(Ops.add(z, z), Ops.mul(x, x)));   // d/dx = 2 + 2x
    Autograd.backward(loss);
    churn();
    assertArrayEquals(new float[] {4, 6, 8}, x.grad().toFloatVector());
    Autograd.backward(loss);
    churn();
    assertArrayEquals(new float[] {8, 12, 16}, x.grad().toFloatVector());
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void callersOutputGradientsAndReturnedGradientsSurvive(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor x = Tensor.variable(Nd4j.create(new float[] {1, -2, 3}, new long[] {3}, DataType.FLOAT));
    Tensor h = Ops.mulScalar(x, 3.0);
    Tensor y = Ops.relu(h);
    INDArray seed = Nd4j.create(new float[] {1, 1, 2}, new long[] {3}, DataType.FLOAT);
    List<Tensor> g = Autograd.grad(List.of(y), List.of(Tensor.constant(seed)), List.of(x, h, y), false);
    churn();
    assertArrayEquals(new float[] {1, 1, 2}, seed.toFloatVector(), "the caller's output gradient");
    assertSame(seed, g.get(2).value(), "the gradient of an output with respect to itself is its seed");
    assertArrayEquals(new float[] {1, 0, 2}, g.get(1).value().toFloatVector());
    assertArrayEquals(new float[] {3, 0, 6}, g.get(0).value().toFloatVector());
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void forwardValuesAreNeverFreed(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor w = Tensor.parameter("w", Nd4j.rand(DataType.FLOAT, 4, 3).subi(0.5));
    Tensor b = Tensor.parameter("b", Nd4j.rand(DataType.FLOAT, 3));
    Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 5, 4));
    Tensor h = Ops.relu(Ops.linear(x, w, b));
    Tensor q = Ops.max(h, 1, false);
    float[] hBefore = h.value().dup().data().asFloat();
    float[] qBefore = q.value().toFloatVector();
    Autograd.backward(Ops.mean(q));
    float[] wGrad = w.grad().dup().data().asFloat();
    float[] bGrad = b.grad().dup().data().asFloat();
    churn();
    assertArrayEquals(hBefore, h.value().dup().data().asFloat());
    assertArrayEquals(qBefore, q.value().toFloatVector());
    assertArrayEquals(wGrad, w.grad().dup().data().asFloat());
    assertArrayEquals(bGrad, b.grad().dup().data().asFloat());
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void recordedPassesKeepEverything(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor x = Tensor.variable(Nd4j.create(new double[] {0.3, -0.7}, new long[] {2}, DataType.DOUBLE));
    Tensor y = Ops.sum(Ops.mul(Ops.tanh(x), Ops.tanh(x)));
    Tensor gx = Autograd.grad(y, List.of(x), true).get(0);
    Tensor second = Autograd.grad(Ops.sum(gx), List.of(x), false).get(0);
    churn();
    for (int i = 0; i < 2; i++) {
      double v = x.value().getDouble(i);
      double t = Math.tanh(v);
      double s = 1 - t * t;
      assertEquals(2 * t * s, gx.value().getDouble(i), 1e-12);
      assertEquals(2 * s * s - 4 * t * t * s, second.value().getDouble(i), 1e-12);
    }
  }
}
