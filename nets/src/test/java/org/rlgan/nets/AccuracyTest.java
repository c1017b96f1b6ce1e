package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Values where naive formulas lose everything: log1p of tiny arguments, softplus at 0 and far left. */
@ExtendWith(KernelModes.class)
class AccuracyTest {

  /** n copies of v: 4096 elements exceed the Java kernels' size limit for log1p, so ND4J's path runs. */
  private static Tensor filled(DataType t, int n, double v) {
    return Tensor.variable(Nd4j.valueArrayOf(new long[] {n}, v, t));
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void log1pOfTinyArguments(Kernels.Mode mode) {
    KernelModes.use(mode);
    for (int n : new int[] {4, 4096}) {
      assertEquals(1e-10, Ops.log1p(filled(DataType.FLOAT, n, 1e-10)).value().getDouble(n - 1), 1e-16, "float32 n=" + n);
      assertEquals(Math.log1p(1e-5), Ops.log1p(filled(DataType.FLOAT, n, 1e-5)).value().getDouble(0), 1e-12, "n=" + n);
      assertEquals(1e-22, Ops.log1p(filled(DataType.DOUBLE, n, 1e-22)).value().getDouble(0), 1e-36, "float64 n=" + n);
      assertEquals(Math.log1p(3.5), Ops.log1p(filled(DataType.DOUBLE, n, 3.5)).value().getDouble(0), 1e-15);
    }
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void softplusSlopeAtZeroAndTail(Kernels.Mode mode) {
    KernelModes.use(mode);
    Tensor zero = filled(DataType.DOUBLE, 3, 0.0);
    Tensor g = Autograd.grad(Ops.sum(Ops.softplus(zero)), List.of(zero), false).get(0);
    assertEquals(0.5, g.value().getDouble(1), 0, "d softplus/dx at 0 is sigmoid(0)");
    assertEquals(Math.log(2), Ops.softplus(zero).value().getDouble(0), 1e-16);
    double expected = Math.log1p(Math.exp(-24)); // 3.8e-11, lost entirely by log(1 + tiny) in float32
    assertEquals(expected, Ops.softplus(filled(DataType.FLOAT, 4096, -24)).value().getDouble(7), expected * 1e-6);
    assertEquals(50.0, Ops.softplus(filled(DataType.FLOAT, 2, 50)).value().getDouble(0), 1e-5);
  }
}
