package org.rlgan.nets.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/** Values of softmax cross-entropy and KL divergence, computed here with explicit exp/log arithmetic. */
class DistributionLossTest {
  private static final double[][] Z = {{1, 2, 3}, {1, -1, 0.5}};
  private static final long[] LABELS = {2, 0};

  private static Tensor logits() {
    return Tensor.of(new double[] {1, 2, 3, 1, -1, 0.5}, 2, 3);
  }

  private static double logSumExp(double[] z) {
    double s = 0;
    for (double v : z) {
      s += Math.exp(v);
    }
    return Math.log(s);
  }

  @Test
  void crossEntropyOnTwoByThree() {
    // −log softmax(z)_y = log Σ e^z − z_y.
    double l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;   // ≈ 0.40761
    double l1 = Math.log(Math.exp(1) + Math.exp(-1) + Math.exp(0.5)) - 1; // ≈ 0.58012
    assertEquals(0.4076059644, l0, 1e-10);
    Tensor labels = Tensor.of(new double[] {2, 0}, 2);
    assertArrayEquals(new double[] {l0, l1},
        new SoftmaxCrossEntropy(Reduction.NONE).apply(logits(), labels).value().toDoubleVector(), 1e-15);
    assertEquals((l0 + l1) / 2, new SoftmaxCrossEntropy().apply(logits(), LABELS).item(), 1e-15);
    assertEquals(l0 + l1, new SoftmaxCrossEntropy(Reduction.SUM).apply(logits(), LABELS).item(), 1e-15);
    Tensor w = Tensor.of(new double[] {3, 0.5}, 2);
    assertEquals((3 * l0 + 0.5 * l1) / 2, new SoftmaxCrossEntropy().apply(logits(), LABELS, w).item(), 1e-15);
    // The same as one-hot probability targets and as INT64 labels.
    Tensor oneHot = Tensor.of(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
    assertEquals(l0 + l1, new SoftmaxCrossEntropy(Reduction.SUM).apply(logits(), oneHot).item(), 1e-15);
    Tensor int64 = Tensor.constant(Nd4j.createFromArray(LABELS));
    assertEquals(l0 + l1, new SoftmaxCrossEntropy(Reduction.SUM).apply(logits(), int64).item(), 1e-15);
  }

  /** PyTorch label_smoothing ε: target (1 − ε)·onehot + ε/C. */
  @Test
  void labelSmoothing() {
    double eps = 0.1;
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double lse = logSumExp(Z[i]);
      for (int c = 0; c < 3; c++) {
        double q = (c == LABELS[i] ? 1 - eps : 0) + eps / 3;
        expected -= q * (Z[i][c] - lse);
      }
    }
    assertEquals(expected, new SoftmaxCrossEntropy(eps, Reduction.SUM).apply(logits(), LABELS).item(), 1e-14);
    Tensor oneHot = Tensor.of(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
    assertEquals(expected, new SoftmaxCrossEntropy(eps, Reduction.SUM).apply(logits(), oneHot).item(), 1e-14);
  }

  @Test
  void crossEntropyGradientIsSoftmaxMinusOneHot() {
    Tensor z = Tensor.variable(logits().value());
    double[] g = Autograd.grad(new SoftmaxCrossEntropy(Reduction.SUM).apply(z, LABELS), List.of(z), false)
        .get(0).value().reshape(6).toDoubleVector();
    for (int i = 0; i < 2; i++) {
      double lse = logSumExp(Z[i]);
      for (int c = 0; c < 3; c++) {
        assertEquals(Math.exp(Z[i][c] - lse) - (c == LABELS[i] ? 1 : 0), g[3 * i + c], 1e-15);
      }
    }
  }

  @Test
  void crossEntropyIsStableForLargeLogits() {
    Tensor z = Tensor.of(new float[] {1000f, 0f, -1000f}, 1, 3);
    assertEquals(0.0, new SoftmaxCrossEntropy().apply(z, new long[] {0}).item(), 1e-6);
    assertEquals(1000.0, new SoftmaxCrossEntropy().apply(z, new long[] {1}).item(), 1e-3);
    assertEquals(2000.0, new SoftmaxCrossEntropy().apply(z, new long[] {2}).item(), 1e-3);
  }

  @Test
  void crossEntropyRejectsBadLabels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(logits(), new long[] {0, 3}));
    assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("row 1")
        && e.getMessage().contains("[0, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(logits(), Tensor.of(new double[] {-1, 0}, 2)));
    assertTrue(e.getMessage().contains("label -1") && e.getMessage().contains("row 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(logits(), Tensor.of(new double[] {1, 1.5}, 2)));
    assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("row 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(logits(), new long[] {0, 1, 2}));
    assertTrue(e.getMessage().contains("need 2 labels, got 3"), e.getMessage());
  }

  @Test
  void crossEntropyRejectsBadShapesNamingBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(logits(), Tensor.of(new double[] {0, 1, 2}, 3)));
    assertTrue(e.getMessage().contains("SoftmaxCrossEntropy") && e.getMessage().contains("[2, 3]")
        && e.getMessage().contains("[3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(logits(), Tensor.of(new double[8], 2, 4)));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SoftmaxCrossEntropy().apply(Tensor.of(new double[] {1, 2}, 2), new long[] {0, 1}));
    assertTrue(e.getMessage().contains("[n, C]") && e.getMessage().contains("[2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(1.5, Reduction.MEAN));
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(-0.1, Reduction.MEAN));
  }

  @Test
  void klDivergenceByHand() {
    double[][] p = {{0.2, 0.3, 0.5}, {0, 0.4, 0.6}};
    double[][] q = {{0.25, 0.25, 0.5}, {0.1, 0.3, 0.6}};
    double[] expected = new double[2];
    double[] pFlat = new double[6];
    double[] logQ = new double[6];
    for (int i = 0; i < 2; i++) {
      for (int c = 0; c < 3; c++) {
        if (p[i][c] > 0) { // 0·log 0 = 0
          expected[i] += p[i][c] * Math.log(p[i][c] / q[i][c]);
        }
        pFlat[3 * i + c] = p[i][c];
        logQ[3 * i + c] = Math.log(q[i][c]);
      }
    }
    Tensor none = new KlDivergence(Reduction.NONE).apply(Tensor.of(logQ, 2, 3), Tensor.of(pFlat, 2, 3));
    assertArrayEquals(expected, none.value().toDoubleVector(), 1e-15);
    assertEquals((expected[0] + expected[1]) / 2,
        new KlDivergence().apply(Tensor.of(logQ, 2, 3), Tensor.of(pFlat, 2, 3)).item(), 1e-15); // batchmean
    // Gradients finite despite the zero probability.
    Tensor lq = Tensor.variable(Nd4j.create(logQ, 2, 3));
    Tensor pt = Tensor.variable(Nd4j.create(pFlat, 2, 3));
    List<Tensor> g = Autograd.grad(new KlDivergence().apply(lq, pt), List.of(lq, pt), false);
    assertFalse(g.get(0).value().isNaN().any() || g.get(1).value().isInfinite().any());
    assertFalse(g.get(1).value().isNaN().any() || g.get(1).value().isInfinite().any());
    assertEquals(-pFlat[1] / 2, g.get(0).value().getDouble(0, 1), 1e-15); // ∂/∂log q = −p / n
  }

  /** D_KL(p ‖ softmax z) = CE(z, p) − H(p), and D_KL(p ‖ p) = 0. */
  @Test
  void klDivergenceIsCrossEntropyMinusEntropy() {
    INDArray p = Nd4j.create(new double[] {0.1, 0.6, 0.3, 0.5, 0.25, 0.25}, 2, 3);
    double entropy = 0;
    for (int i = 0; i < 6; i++) {
      entropy -= p.getDouble(i) * Math.log(p.getDouble(i));
    }
    Tensor z = logits();
    double ce = new SoftmaxCrossEntropy(Reduction.SUM).apply(z, Tensor.constant(p)).item();
    double kl = new KlDivergence(Reduction.SUM).apply(Ops.logSoftmax(z, 1), Tensor.constant(p)).item();
    assertEquals(ce - entropy, kl, 1e-14);
    Tensor logP = Tensor.constant(Nd4j.math().log(p.dup()));
    assertEquals(0.0, new KlDivergence(Reduction.SUM).apply(logP, Tensor.constant(p)).item(), 1e-15);
  }

  @Test
  void klDivergenceRejectsNegativeProbabilitiesAndRankOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KlDivergence().apply(Tensor.of(new double[] {-1, -1}, 1, 2), Tensor.of(new double[] {1.2, -0.2}, 1, 2)));
    assertTrue(e.getMessage().contains("KlDivergence") && e.getMessage().contains("-0.2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new KlDivergence().apply(Tensor.of(new double[] {-1, -1}, 2), Tensor.of(new double[] {0.5, 0.5}, 2)));
    assertTrue(e.getMessage().contains("[n, C, ...]"), e.getMessage());
  }
}
