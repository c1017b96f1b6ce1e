package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.check.GradCheck;

/** The checks the fused-primitive tests share: a gradient check, variables for it, element-wise closeness. */
final class FusedChecks {

  private FusedChecks() {}

  static void check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    GradCheck.Result r = GradCheck.standard().check(f, List.of(inputs));
    assertTrue(r.passed(), r.toString());
  }

  static Tensor var(Tensor t) {
    // GradCheck passes constants when it evaluates the function numerically: differentiate variables anyway.
    return t.requiresGrad() ? t : Tensor.variable(t.value());
  }

  static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
    double[] e = expected.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    assertEquals(e.length, a.length, what);
    for (int i = 0; i < e.length; i++) {
      assertTrue(Math.abs(e[i] - a[i]) <= tol * Math.max(1, Math.abs(e[i])),
          what + ": element " + i + " expected " + e[i] + " got " + a[i]);
    }
  }
}
