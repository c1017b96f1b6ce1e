package org.rlgan.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlgan.gan.SplitMix64;
import org.rlgan.gan.data.GaussianMixture;
import org.nd4j.linalg.api.buffer.DataType;

/** Hand-made sample sets against PacGAN's MetricLogger rules, with the values worked out by hand. */
class ModeMetricsTest {
  final GaussianMixture ring = GaussianMixture.pacganRing();

  @Test
  void pacganMixturesAreTheirConfigs() {
    assertEquals(8, ring.modes());
    assertEquals(0.01, ring.std());
    assertArrayEquals(new double[] {1, 0}, ring.means()[0], 0);
    assertArrayEquals(new double[] {Math.cos(Math.PI / 4), Math.sin(Math.PI / 4)}, ring.means()[1], 1e-15);
    GaussianMixture grid = GaussianMixture.pacganGrid();
    assertEquals(25, grid.modes());
    assertEquals(0.05, grid.std());
    // itertools.product(range(-4, 5, 2), range(-4, 5, 2)): (−4, −4), (−4, −2), ..., (4, 4)
    assertArrayEquals(new double[] {-4, -4}, grid.means()[0], 0);
    assertArrayEquals(new double[] {-4, -2}, grid.means()[1], 0);
    assertArrayEquals(new double[] {4, 4}, grid.means()[24], 0);
    GaussianMixture v = GaussianMixture.veeganRing();
    assertArrayEquals(new double[] {2, 0}, v.means()[0], 0);
    assertEquals(0.02, v.std());
  }

  @Test
  void highQualityIsWithinThreeSigmaOfTheNearestMode() {
    double s = 0.01;
    double[][] x = {
        {1 + 2.99 * s, 0},        // mode 0, HQ
        {1, 2.5 * s},             // mode 0, HQ
        {1 - 3.01 * s, 0},        // nearest mode 0, but outside 3σ: not HQ
        {0, 1.0},                 // exactly mode 2, HQ
        {0, 0},                   // centre: nearest is mode 0 (ties go to the first), far: not HQ
    };
    ModeMetrics.Report r = ModeMetrics.evaluate(x, ring);
    assertArrayEquals(new int[] {2, 0, 1, 0, 0, 0, 0, 0}, r.hqPerMode());
    assertEquals(2, r.modesCovered());
    assertEquals(3.0 / 5, r.highQualityFraction(), 1e-15);
    // p̂ = (2/3, 0, 1/3, 0, ...): KL(p̂ ‖ U8) = 2/3 log(16/3) + 1/3 log(8/3)
    double kl = 2.0 / 3 * Math.log(16.0 / 3) + 1.0 / 3 * Math.log(8.0 / 3);
    assertEquals(kl, r.reverseKl(), 1e-12);
    assertEquals(Math.log(8) - kl, r.entropy(), 1e-12);
  }

  @Test
  void uniformCoverageHasZeroReverseKl() {
    List<double[]> x = new ArrayList<>();
    for (double[] m : ring.means()) {
      for (int i = 0; i < 3; i++) {
        x.add(m.clone());
      }
    }
    ModeMetrics.Report r = ModeMetrics.evaluate(x.toArray(new double[0][]), ring);
    assertEquals(8, r.modesCovered());
    assertEquals(1.0, r.highQualityFraction());
    assertEquals(0.0, r.reverseKl(), 1e-15);
    assertEquals(0.0, r.jsd(), 1e-15);
  }

  @Test
  void samplesFromTheMixtureItselfCoverEveryModeAtAbout99Percent() {
    // 3σ in 2-D: P(‖N(0, I₂)‖ < 3) = 1 − e^{−9/2} = 98.89 %.
    var rng = new SplitMix64(7);
    for (GaussianMixture m : List.of(ring, GaussianMixture.pacganGrid())) {
      var a = m.sample(ModeMetrics.PACGAN_SAMPLES, rng, DataType.DOUBLE);
      double[][] x = new double[ModeMetrics.PACGAN_SAMPLES][];
      for (int i = 0; i < x.length; i++) {
        x[i] = a.getRow(i).toDoubleVector();
      }
      ModeMetrics.Report r = ModeMetrics.evaluate(x, m);
      assertEquals(m.modes(), r.modesCovered(), m.name());
      assertEquals(1 - Math.exp(-4.5), r.highQualityFraction(), 0.006, m.name());
      assertTrue(r.reverseKl() < 0.02, m.name() + " " + r);
    }
  }

  @Test
  void collapsedGeneratorIsScoredAsOneMode() {
    double[][] x = new double[2500][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {-4, 2};
    }
    ModeMetrics.Report r = ModeMetrics.evaluate(x, GaussianMixture.pacganGrid());
    assertEquals(1, r.modesCovered());
    assertEquals(Math.log(25), r.reverseKl(), 1e-12);
    assertEquals(2500, r.hqPerMode()[3]);
  }
}
