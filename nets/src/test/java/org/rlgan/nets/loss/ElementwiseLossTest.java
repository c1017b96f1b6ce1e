package org.rlgan.nets.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;

/** Values of MSE, Huber and binary cross-entropy against the formulas, worked out here by hand. */
class ElementwiseLossTest {

  private static Tensor t(double[] data, long... shape) {
    return Tensor.of(data, shape);
  }

  private static double[] vector(Tensor x) {
    return x.value().toDoubleVector();
  }

  @Test
  void mseValuesForEveryReductionAndWeights() {
    // d = (1, 0, −2, 3); squares (1, 0, 4, 9); per-sample means (0.5, 6.5).
    Tensor pred = t(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor target = t(new double[] {0, 2, 5, 1}, 2, 2);
    assertEquals(3.5, new Mse(Reduction.MEAN).apply(pred, target).item(), 1e-15); // = mean of all 4 elements
    assertEquals(7.0, new Mse(Reduction.SUM).apply(pred, target).item(), 1e-15);
    assertArrayEquals(new double[] {0.5, 6.5}, vector(new Mse(Reduction.NONE).apply(pred, target)), 1e-15);
    Tensor w = t(new double[] {2, 0.5}, 2);
    assertArrayEquals(new double[] {1.0, 3.25}, vector(new Mse(Reduction.NONE).apply(pred, target, w)), 1e-15);
    assertEquals(4.25, new Mse(Reduction.SUM).apply(pred, target, w).item(), 1e-15);
    assertEquals(4.25 / 2, new Mse(Reduction.MEAN).apply(pred, target, w).item(), 1e-15); // divided by n
  }

  @Test
  void mseGradientIsTwoDifferenceOverCount() {
    Tensor pred = Tensor.variable(Nd4j.create(new double[] {1, 2, 3, 4}, 2, 2));
    Tensor target = Tensor.variable(Nd4j.create(new double[] {0, 2, 5, 1}, 2, 2));
    List<Tensor> g = Autograd.grad(new Mse().apply(pred, target), List.of(pred, target), false);
    assertArrayEquals(new double[] {0.5, 0, -1, 1.5}, g.get(0).value().reshape(4).toDoubleVector(), 1e-15);
    assertArrayEquals(new double[] {-0.5, 0, 1, -1.5}, g.get(1).value().reshape(4).toDoubleVector(), 1e-15);
  }

  /** PyTorch HuberLoss: ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond; its d-gradient is d clipped to [−δ, δ]. */
  @Test
  void huberOnBothSidesOfDelta() {
    double delta = 1.5;
    double[] d = {0.0, 0.5, -1.2, 1.5, -1.5, 2.0, -4.0, 10.0};
    double[] expected = new double[d.length];
    double[] slope = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      double a = Math.abs(d[i]);
      expected[i] = a <= delta ? 0.5 * d[i] * d[i] : delta * (a - 0.5 * delta);
      slope[i] = Math.max(-delta, Math.min(delta, d[i]));
    }
    assertEquals(0.125, expected[1], 0);    // the hand values: quadratic side
    assertEquals(1.875, expected[5], 0);    // linear side, 1.5 · (2 − 0.75)
    assertEquals(1.125, expected[3], 0);    // at δ both branches agree
    Tensor pred = Tensor.variable(Nd4j.create(d, new long[] {d.length}, DataType.DOUBLE));
    Tensor target = t(new double[d.length], d.length);
    Tensor none = new Huber(delta, Reduction.NONE).apply(pred, target);
    assertArrayEquals(expected, vector(none), 1e-14);
    Tensor sum = new Huber(delta, Reduction.SUM).apply(pred, target);
    assertArrayEquals(slope, Autograd.grad(sum, List.of(pred), false).get(0).value().toDoubleVector(), 1e-14);
  }

  @Test
  void huberWithDeltaOneIsSmoothL1() {
    double[] d = {-3, -1, -0.4, 0.2, 0.9, 2.5};
    double sum = 0;
    for (double x : d) {
      sum += Math.abs(x) < 1 ? 0.5 * x * x : Math.abs(x) - 0.5; // smooth_l1 with β = 1
    }
    Tensor loss = new Huber().apply(t(d, 3, 2), t(new double[6], 3, 2));
    assertEquals(sum / 6, loss.item(), 1e-15);
  }

  /** A squared 1e30 overflows float32; the clamped form never squares beyond δ. */
  @Test
  void huberStaysFiniteForHugeErrorsInFloat32() {
    Tensor pred = Tensor.of(new float[] {1e30f, -1e30f}, 2);
    Tensor target = Tensor.of(new float[] {0f, 0f}, 2);
    double v = new Huber(2.0, Reduction.SUM).apply(pred, target).item();
    assertEquals(2 * 2.0 * (1e30 - 1.0), v, 1e24);
  }

  @Test
  void huberRejectsBadDelta() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Huber(bad, Reduction.MEAN));
      assertTrue(e.getMessage().contains("delta") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  /** Reference: −y·log σ(x) − (1 − y)·log(1 − σ(x)) = y·log1p(e^−x) + (1 − y)·log1p(eˣ). */
  private static double bce(double x, double y) {
    return y * Math.log1p(Math.exp(-x)) + (1 - y) * Math.log1p(Math.exp(x));
  }

  @Test
  void binaryCrossEntropyMatchesDefinitionIncludingLargeLogits() {
    double[] x = {-50, -2, 0, 0.5, 3, 50, 50, -50};
    double[] y = {0, 1, 0.5, 0.2, 1, 1, 0, 1};
    Tensor none = new BinaryCrossEntropyWithLogits(Reduction.NONE).apply(t(x, 8), t(y, 8));
    double[] got = vector(none);
    for (int i = 0; i < x.length; i++) {
      double want = bce(x[i], y[i]);
      assertTrue(Double.isFinite(got[i]));
      assertEquals(want, got[i], 1e-13 * Math.abs(want), "x=" + x[i] + ", y=" + y[i]);
    }
    // Exactness where a naive sum cancels: log1p(e^−50) ≈ 1.93e−22, not 0.
    assertEquals(Math.log1p(Math.exp(-50)), got[5], 1e-36);
    assertEquals(Math.log(2), got[2], 1e-16);
    assertEquals(50.0, got[6], 1e-13);
  }

  @Test
  void binaryCrossEntropyIsFiniteForHugeLogitsInFloat32() {
    Tensor x = Tensor.of(new float[] {1000f, -1000f, 1000f, -1000f}, 2, 2);
    Tensor y = Tensor.of(new float[] {0f, 1f, 1f, 0f}, 2, 2);
    double[] v = vector(new BinaryCrossEntropyWithLogits(Reduction.NONE).apply(x, y));
    assertArrayEquals(new double[] {1000, 0}, v, 1e-3);
  }

  /** ND4J's float32 log1p would lose the tail e^−x (0 at x = 24, 0.14% off at x = 11.5). */
  @Test
  void binaryCrossEntropyTailIsAccurateInFloat32() {
    float[] x = {11.5f, 16f, 24f, 40f};
    float[] ones = {1f, 1f, 1f, 1f};
    double[] got = vector(new BinaryCrossEntropyWithLogits(Reduction.NONE).apply(Tensor.of(x, 4), Tensor.of(ones, 4)));
    for (int i = 0; i < x.length; i++) {
      double want = Math.log1p(Math.exp(-x[i]));
      assertEquals(want, got[i], 1e-6 * want, "x=" + x[i]);
    }
  }

  /** d/dx = σ(x) − y, also at x = 0 exactly (Ops.softplus would give −y there). */
  @Test
  void binaryCrossEntropyGradientIsSigmoidMinusTarget() {
    double[] x = {0, 0, -1.3, 2.2};
    double[] y = {1, 0.3, 0, 1};
    Tensor logits = Tensor.variable(Nd4j.create(x, new long[] {4}, DataType.DOUBLE));
    Tensor loss = new BinaryCrossEntropyWithLogits(Reduction.SUM).apply(logits, t(y, 4));
    double[] g = Autograd.grad(loss, List.of(logits), false).get(0).value().toDoubleVector();
    for (int i = 0; i < x.length; i++) {
      assertEquals(1 / (1 + Math.exp(-x[i])) - y[i], g[i], 1e-15, "x=" + x[i]);
    }
  }

  @Test
  void binaryCrossEntropyRejectsTargetsOutsideTheUnitInterval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BinaryCrossEntropyWithLogits().apply(t(new double[] {0.1, 0.2}, 2), t(new double[] {1, -1}, 2)));
    assertTrue(e.getMessage().contains("BinaryCrossEntropyWithLogits") && e.getMessage().contains("-1.0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new BinaryCrossEntropyWithLogits().apply(t(new double[] {0.1, 0.2}, 2), t(new double[] {Double.NaN, 0}, 2)));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void float32AgreesWithFloat64() {
    double[] p = {0.3, -1.2, 2.5, 0.7, -0.4, 1.1};
    double[] y = {0.9, 0.1, 0.4, 0.6, 0.5, 0.2};
    float[] pf = new float[6];
    float[] yf = new float[6];
    for (int i = 0; i < 6; i++) {
      pf[i] = (float) p[i];
      yf[i] = (float) y[i];
    }
    for (Loss loss : List.<Loss>of(new Mse(), new Huber(0.5, Reduction.SUM), new BinaryCrossEntropyWithLogits())) {
      double d64 = loss.apply(t(p, 3, 2), t(y, 3, 2)).item();
      double d32 = loss.apply(Tensor.of(pf, 3, 2), Tensor.of(yf, 3, 2)).item();
      assertEquals(d64, d32, 1e-6 * Math.max(1, Math.abs(d64)), loss.toString());
    }
  }
}
