package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.optim.Fixtures.param;
import static org.rlgan.nets.optim.Fixtures.vec;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;

/** Global-norm clipping with torch.nn.utils.clip_grad_norm_ semantics: scale = maxNorm/(N + 1e-6), capped at 1. */
class GradClipTest {

  @Test
  void clipsToTheGlobalNorm() {
    Tensor a = param("a", 0.0, 0.0);
    Tensor b = param("b", 0.0);
    Tensor none = param("none", 0.0);
    a.setGrad(vec(3.0, 4.0));
    b.setGrad(vec(12.0));
    // N = √(9 + 16 + 144) = 13; scale = 6.5/(13 + 1e-6)
    double norm = GradClip.clipByGlobalNorm(List.of(a, b, none), 6.5);
    assertEquals(13.0, norm, 1e-12);
    double scale = 6.5 / (13.0 + 1e-6);
    assertArrayEquals(new double[] {3 * scale, 4 * scale}, a.grad().toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {12 * scale}, b.grad().toDoubleVector(), 1e-12);
    assertNull(none.grad());
    // afterwards the norm is just below maxNorm (the 1e-6)
    double after = Math.sqrt(Math.pow(a.grad().getDouble(0), 2) + Math.pow(a.grad().getDouble(1), 2)
        + Math.pow(b.grad().getDouble(0), 2));
    assertTrue(after < 6.5 && after > 6.5 - 1e-6, "norm after clipping " + after);
  }

  @Test
  void belowTheThresholdNothingChanges() {
    Tensor a = param("a", 0.0, 0.0);
    a.setGrad(vec(3.0, 4.0));
    assertEquals(5.0, GradClip.clipByGlobalNorm(List.of(a), 5.0 + 2e-6), 1e-12);
    assertArrayEquals(new double[] {3.0, 4.0}, a.grad().toDoubleVector(), 0.0);
    // at exactly maxNorm = N the 1e-6 makes the scale just below 1: PyTorch scales (by 5/(5 + 1e-6))
    GradClip.clipByGlobalNorm(List.of(a), 5.0);
    assertEquals(3.0 * 5.0 / (5.0 + 1e-6), a.grad().getDouble(0), 1e-15);
  }

  @Test
  void float32GradientsAndNoGradients() {
    Tensor a = Tensor.parameter("a", Nd4j.zeros(DataType.FLOAT, 2));
    a.setGrad(Nd4j.create(new float[] {30f, 40f}, new long[] {2}, DataType.FLOAT));
    assertEquals(50.0, GradClip.clipByGlobalNorm(List.of(a), 1.0), 1e-4);
    assertEquals(DataType.FLOAT, a.grad().dataType());
    assertEquals(0.6, a.grad().getDouble(0), 1e-6);
    assertEquals(0.0, GradClip.clipByGlobalNorm(List.of(param("z", 1.0)), 1.0));
  }

  @Test
  void nonFiniteNormLeavesGradientsAlone() {
    Tensor a = param("a", 0.0, 0.0);
    a.setGrad(vec(Double.NaN, 1.0));
    assertTrue(Double.isNaN(GradClip.clipByGlobalNorm(List.of(a), 1.0)));
    assertEquals(1.0, a.grad().getDouble(1));
  }

  @Test
  void maxNormMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradClip.clipByGlobalNorm(List.of(), 0.0));
    assertTrue(e.getMessage().contains("maxNorm") && e.getMessage().contains("0.0"), e.getMessage());
  }
}
