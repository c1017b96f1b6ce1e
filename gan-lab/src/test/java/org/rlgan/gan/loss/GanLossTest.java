package org.rlgan.gan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;

/** Every GAN loss against its formula, written out by hand in double precision on hand-made logits. */
class GanLossTest {
  // Hand-made outputs: a confident, an unsure and a wrong discriminator output on each side, incl. large |t|.
  static final double[] R = {2.0, 0.0, -1.5, 30.0};
  static final double[] F = {-3.0, 0.5, 1.0, -40.0};

  static Tensor t(double[] v) {
    return Tensor.constant(Nd4j.createFromArray(v).reshape(v.length, 1));
  }

  static double sig(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double mean(double[] v, java.util.function.DoubleUnaryOperator f) {
    double s = 0;
    for (double x : v) {
      s += f.applyAsDouble(x);
    }
    return s / v.length;
  }

  /** log σ(x), stable (for x = −40 the naive form is fine too; 30 needs no care either). */
  static double logSig(double x) {
    return -Math.log1p(Math.exp(-x));
  }

  @Test
  void minimaxIsGoodfellowEquationOne() {
    GanLoss l = new GanLoss.Minimax();
    // L_D = −E log D(x) − E log(1 − D(G(z))), D = σ(logit)
    double d = -mean(R, x -> logSig(x)) - mean(F, x -> Math.log1p(-sig(x)));
    // L_G = E log(1 − D(G(z)))
    double g = mean(F, x -> Math.log1p(-sig(x)));
    assertEquals(d, l.discriminator(t(R), t(F)).item(), 1e-12);
    assertEquals(g, l.generator(t(F)).item(), 1e-12);
  }

  @Test
  void nonSaturatingGeneratorMaximisesLogD() {
    GanLoss l = new GanLoss.NonSaturating();
    double d = -mean(R, x -> logSig(x)) - mean(F, x -> Math.log1p(-sig(x)));
    double g = -mean(F, x -> logSig(x));
    assertEquals(d, l.discriminator(t(R), t(F)).item(), 1e-12);
    assertEquals(g, l.generator(t(F)).item(), 1e-12);
    // At F = −40 the minimax generator's gradient vanishes (σ(−40) ≈ 4e-18) but the non-saturating one's is −1/n.
    Tensor f = Tensor.variable(Nd4j.createFromArray(new double[] {-40.0}).reshape(1, 1));
    double gMinimax = org.rlgan.nets.Autograd.grad(new GanLoss.Minimax().generator(f), List.of(f), false).get(0).item();
    double gNs = org.rlgan.nets.Autograd.grad(l.generator(f), List.of(f), false).get(0).item();
    assertTrue(Math.abs(gMinimax) < 1e-15, "minimax saturates: " + gMinimax);
    assertEquals(-1.0, gNs, 1e-12);
  }

  @Test
  void leastSquaresIsMaoEquationTwo() {
    GanLoss l = new GanLoss.LeastSquares(-1, 1, 0); // the paper's a = −1, b = 1, c = 0 coding
    double d = 0.5 * mean(R, x -> (x - 1) * (x - 1)) + 0.5 * mean(F, x -> (x + 1) * (x + 1));
    double g = 0.5 * mean(F, x -> x * x);
    assertEquals(d, l.discriminator(t(R), t(F)).item(), 1e-9);
    assertEquals(g, l.generator(t(F)).item(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new GanLoss.LeastSquares(1, 1, 1));
  }

  @Test
  void wassersteinAndHinge() {
    double w = mean(F, x -> x) - mean(R, x -> x);
    assertEquals(w, new GanLoss.Wasserstein().discriminator(t(R), t(F)).item(), 1e-12);
    assertEquals(-mean(F, x -> x), new GanLoss.Wasserstein().generator(t(F)).item(), 1e-12);
    double h = mean(R, x -> Math.max(0, 1 - x)) + mean(F, x -> Math.max(0, 1 + x));
    assertEquals(h, new GanLoss.Hinge().discriminator(t(R), t(F)).item(), 1e-12);
    assertEquals(-mean(F, x -> x), new GanLoss.Hinge().generator(t(F)).item(), 1e-12);
  }

  @Test
  void smoothLossesPassFiniteDifferences() {
    // Points away from the hinge's kinks (|1 ± t| > 0).
    var r = Nd4j.createFromArray(new double[] {0.3, -0.7, 1.9}).reshape(3, 1);
    var f = Nd4j.createFromArray(new double[] {-0.4, 0.8, -2.2}).reshape(3, 1);
    for (GanLoss l : List.of(new GanLoss.Minimax(), new GanLoss.NonSaturating(), new GanLoss.LeastSquares(),
        new GanLoss.Wasserstein(), new GanLoss.Hinge())) {
      var res = GradCheck.standard().check(in -> l.discriminator(in.get(0), in.get(1)), List.of(r, f));
      assertTrue(res.passed(), l.name() + " L_D: " + res);
      var resG = GradCheck.standard().check(in -> l.generator(in.get(0)), List.of(f));
      assertTrue(resG.passed(), l.name() + " L_G: " + resG);
    }
  }

  @Test
  void namesRoundTripAndUnknownNamesAreRejected() {
    for (String n : List.of("minimax", "non_saturating", "least_squares", "wasserstein", "hinge")) {
      assertEquals(n, GanLoss.byName(n).name());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> GanLoss.byName("wgan"));
    assertTrue(e.getMessage().contains("'wgan'") && e.getMessage().contains("wasserstein"), e.getMessage());
  }
}
