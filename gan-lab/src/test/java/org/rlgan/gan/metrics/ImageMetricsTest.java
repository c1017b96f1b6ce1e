package org.rlgan.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The image metrics on feature sets whose answers are known in closed form or by hand. */
class ImageMetricsTest {

  static double[][] gaussian(int n, double[] mean, SplittableRandom r) {
    double[][] x = new double[n][mean.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < mean.length; j++) {
        x[i][j] = mean[j] + r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void frechetDistanceOfASetWithItselfIsZero() {
    double[][] x = gaussian(400, new double[] {1, -2, 0.5, 3, 0, 0, 1, 2}, new SplittableRandom(1));
    assertEquals(0, ImageMetrics.frechetDistance(x, x), 1e-9);
  }

  @Test
  void frechetDistanceOfTwoGaussiansMatchesTheClosedForm() {
    // Non-commuting 2 x 2 covariances: tr (S1 S2)^½ = √(tr(S1 S2) + 2√det(S1 S2)), the square root of a 2 x 2
    // matrix with positive eigenvalues (their product is det, their square roots' sum squared is tr + 2√det).
    double[][] s1 = {{2.0, 0.6}, {0.6, 1.0}};
    double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
    double[] m1 = {0.0, 1.0};
    double[] m2 = {2.0, -1.0};
    double p00 = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0];
    double p11 = s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
    double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
    double trRoot = Math.sqrt(p00 + p11 + 2 * Math.sqrt(det));
    double expected = 4 + 4 + (2.0 + 1.0) + (0.5 + 1.5) - 2 * trRoot;
    double got = ImageMetrics.frechetDistance(new ImageMetrics.Gaussian(m1, s1), new ImageMetrics.Gaussian(m2, s2));
    assertEquals(expected, got, 1e-12);
    // Diagonal (commuting) covariances in 5 dimensions: ‖Δμ‖² + Σ(σ₁ − σ₂)².
    double[][] d1 = new double[5][5];
    double[][] d2 = new double[5][5];
    double sum = 0;
    for (int i = 0; i < 5; i++) {
      double a = 0.5 + i;
      double b = 2.0 / (1 + i);
      d1[i][i] = a * a;
      d2[i][i] = b * b;
      sum += (a - b) * (a - b);
    }
    assertEquals(sum + 1, ImageMetrics.frechetDistance(new ImageMetrics.Gaussian(new double[] {1, 0, 0, 0, 0}, d1),
        new ImageMetrics.Gaussian(new double[5], d2)), 1e-10);
  }

  @Test
  void frechetDistanceOfShiftedGaussianSamplesIsTheSquaredShift() {
    // N(0, I) against N(δ, I): the Fréchet distance is ‖δ‖² = 4; 20,000 samples leave a sampling error ~0.01.
    double[] delta = {1, -1, 1, -1};
    SplittableRandom r = new SplittableRandom(7);
    double fd = ImageMetrics.frechetDistance(gaussian(20_000, new double[4], r), gaussian(20_000, delta, r));
    assertEquals(4.0, fd, 0.06);
  }

  @Test
  void kidOfShiftedGaussiansMatchesTheExpectedMmd() {
    // X ~ N(0, I_d), Y ~ N(t·e₁, I_d), k(x, y) = (xᵀy/d + 1)³. With s the inner product of the two arguments,
    // E k = E s³/d³ + 3E s²/d² + 3E s/d + 1, and:
    //   X, X': E s = 0, E s² = d, E s³ = 0;
    //   X, Y:  E s = 0, E s² = d + t², E s³ = 0;
    //   Y, Y': E s = t², E s² = (1 + t²)² + d − 1, E s³ = (t³ + 3t)² + 3t²(d − 1).
    int d = 4;
    double t = 1.5;
    double kxx = 1 + 3.0 / d;
    double kxy = 1 + 3 * (d + t * t) / (d * d);
    double es = t * t;
    double es2 = Math.pow(1 + t * t, 2) + d - 1;
    double es3 = Math.pow(t * t * t + 3 * t, 2) + 3 * t * t * (d - 1);
    double kyy = es3 / (d * d * d) + 3 * es2 / (d * d) + 3 * es / d + 1;
    double mmd = kxx + kyy - 2 * kxy; // 3.922...
    SplittableRandom r = new SplittableRandom(11);
    double[][] x = gaussian(4000, new double[d], r);
    double[][] y = gaussian(4000, new double[] {t, 0, 0, 0}, r);
    ImageMetrics.MeanStd kid = ImageMetrics.kernelDistance(x, y, 20, 1000, new SplittableRandom(3));
    assertEquals(mmd, kid.mean(), 0.04 * mmd, "KID " + kid + " against the exact MMD² " + mmd);
    // Two samples of one distribution: the unbiased estimate is centred on 0.
    ImageMetrics.MeanStd same = ImageMetrics.kernelDistance(x, gaussian(4000, new double[d], r), 20, 1000,
        new SplittableRandom(3));
    assertEquals(0, same.mean(), 0.02, same.toString());
  }

  @Test
  void classifierScoreIsTheNumberOfEquallyUsedCertainClasses() {
    double[][] certain = new double[40][10];
    for (int i = 0; i < 40; i++) {
      certain[i][i % 10] = 1;
    }
    assertEquals(10, ImageMetrics.classifierScore(certain, 1).mean(), 1e-12);
    ImageMetrics.MeanStd split = ImageMetrics.classifierScore(certain, 4);
    assertEquals(10, split.mean(), 1e-12);
    assertEquals(0, split.std(), 1e-12);
    double[][] same = new double[30][];
    for (int i = 0; i < 30; i++) {
      same[i] = new double[] {0.2, 0.3, 0.5};
    }
    assertEquals(1, ImageMetrics.classifierScore(same, 3).mean(), 1e-12);
    // Half the samples (0.9, 0.1), half (0.1, 0.9): exp(KL((0.9, 0.1) ‖ (0.5, 0.5))).
    double[][] two = {{0.9, 0.1}, {0.1, 0.9}, {0.9, 0.1}, {0.1, 0.9}};
    double kl = 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5);
    assertEquals(Math.exp(kl), ImageMetrics.classifierScore(two, 1).mean(), 1e-12);
  }

  @Test
  void precisionAndRecallOnHandMadeSets() {
    // Real points 0, 1, 2, 3 on a line, k = 1: every real ball has radius 1. Generated -1, 0.5, 3.9, 10: radii
    // 1.5, 1.5, 3.4, 6.1. Precision: 0.5 (to 0), 3.9 (to 3) and -1 (on 0's boundary) are inside, 10 is not: 3/4.
    // Recall: 0 (1 from -1), 1 (0.5 from 0.5), 2 (1.5 from 0.5, on the boundary), 3 (0.9 from 3.9): 4/4.
    double[][] real = {{0}, {1}, {2}, {3}};
    double[][] gen = {{-1}, {0.5}, {3.9}, {10}};
    ImageMetrics.PrecisionRecall pr = ImageMetrics.precisionRecall(real, gen, 1);
    assertEquals(0.75, pr.precision(), 1e-15);
    assertEquals(1.0, pr.recall(), 1e-15);
    // k = 2: real radii 2, 1, 1, 2 (0's second neighbour is 2); generated radii 4.9, 3.4, 4.9, 9.5 (-1: 0.5 then 3.9).
    // 10 is 7 from 3 (radius 2): outside; precision 3/4; recall 1.
    pr = ImageMetrics.precisionRecall(real, gen, 2);
    assertEquals(0.75, pr.precision(), 1e-15);
    assertEquals(1.0, pr.recall(), 1e-15);
    double[][] far = {{100}, {101}, {102}, {103}};
    assertEquals(new ImageMetrics.PrecisionRecall(0, 0), ImageMetrics.precisionRecall(real, far, 1));
    assertEquals(new ImageMetrics.PrecisionRecall(1, 1), ImageMetrics.precisionRecall(real, real, 3));
  }

  @Test
  void aCollapsedGeneratorHasPrecisionButNoRecall() {
    // Generated samples all near one real cluster out of four: high precision, recall about 1/4.
    SplittableRandom r = new SplittableRandom(5);
    double[][] real = new double[800][];
    for (int i = 0; i < 800; i++) {
      real[i] = new double[] {10 * (i % 4) + 0.3 * r.nextGaussian(), 0.3 * r.nextGaussian()};
    }
    double[][] gen = new double[800][];
    for (int i = 0; i < 800; i++) {
      gen[i] = new double[] {0.3 * r.nextGaussian(), 0.3 * r.nextGaussian()};
    }
    ImageMetrics.PrecisionRecall pr = ImageMetrics.precisionRecall(real, gen, 3);
    assertTrue(pr.precision() > 0.95, pr.toString());
    assertEquals(0.25, pr.recall(), 0.03, pr.toString());
  }

  @Test
  void badArgumentsAreNamed() {
    double[][] x = {{0, 1}, {1, 0}, {2, 2}};
    var ex = assertThrows(IllegalArgumentException.class, () -> ImageMetrics.precisionRecall(x, x, 3));
    assertTrue(ex.getMessage().contains("k = 3"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> ImageMetrics.frechetDistance(x, new double[][] {{1, 2, 3}, {3, 2, 1}}));
    assertTrue(ex.getMessage().contains("widths differ"), ex.getMessage());
  }
}
