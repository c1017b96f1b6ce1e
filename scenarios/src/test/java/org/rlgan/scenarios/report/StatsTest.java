package org.rlgan.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The report statistics against values computed by hand, and against the definitions of rliable (Agarwal et al.
 * 2021; rliable/metrics.py): IQM is {@code scipy.stats.trim_mean(x, 0.25)}, the probability of improvement is the
 * Mann-Whitney U over n·m averaged over tasks, profiles count scores strictly above τ, intervals are percentile
 * bootstrap intervals with resampling within each task.
 */
class StatsTest {

  @Test
  void meanAndSampleStd() {
    double[] x = {2, 4, 4, 4, 5, 5, 7, 9};
    assertEquals(5.0, Stats.mean(x), 0);
    // Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; sample variance 32 / 7
    assertEquals(Math.sqrt(32.0 / 7), Stats.std(x), 1e-15);
    assertTrue(Double.isNaN(Stats.std(new double[] {3})));
    // the standard error of the mean: sqrt(32 / 7) / sqrt(8) = sqrt(4 / 7)
    assertEquals(Math.sqrt(4.0 / 7), Stats.standardError(x), 1e-15);
    assertTrue(Double.isNaN(Stats.standardError(new double[] {3})));
  }

  @Test
  void iqmIsTrimMeanOfAQuarter() {
    // n = 8: drop ⌊2⌋ from each end, mean(3, 4, 5, 6) = 4.5 (scipy.stats.trim_mean(range(1, 9), 0.25) = 4.5)
    assertEquals(4.5, Stats.iqm(new double[] {8, 1, 7, 2, 6, 3, 5, 4}), 1e-15);
    // n = 5: drop ⌊1.25⌋ = 1 from each end, mean(2, 3, 4) = 3: the outlier 100 is gone
    assertEquals(3.0, Stats.iqm(new double[] {100, 1, 2, 3, 4}), 1e-15);
    // n = 3: nothing dropped, the IQM is the mean
    assertEquals(2.0, Stats.iqm(new double[] {1, 2, 3}), 1e-15);
    // tasks are pooled: {1, 2, 3, 4} ∪ {5, 6, 7, 8}
    assertEquals(4.5, Stats.iqm(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}), 1e-15);
  }

  @Test
  void percentileIsNumpysLinear() {
    // numpy.percentile([1, 2, 3, 4], 25) = 1.75; ([1, 2, 3, 4], 97.5) = 3.925
    assertEquals(1.75, Stats.percentile(new double[] {4, 1, 3, 2}, 25), 1e-12);
    assertEquals(3.925, Stats.percentile(new double[] {1, 2, 3, 4}, 97.5), 1e-12);
  }

  @Test
  void probabilityOfImprovementIsMannWhitneyOverPairs() {
    // X = {1, 2, 3}, Y = {2, 2}: pairs (1,2)(1,2) lose, (2,2)(2,2) tie, (3,2)(3,2) win: (0 + 0 + ½ + ½ + 1 + 1) / 6
    assertEquals(0.5, Stats.probabilityOfImprovement(new double[][] {{1, 2, 3}}, new double[][] {{2, 2}}), 1e-15);
    // X = {3, 4}, Y = {1, 2, 3}: 3 beats 1 and 2 and ties 3 (2.5), 4 beats all (3): 5.5 / 6
    assertEquals(5.5 / 6, Stats.probabilityOfImprovement(new double[][] {{3, 4}}, new double[][] {{1, 2, 3}}),
        1e-15);
    // P(X > Y) + P(Y > X) = 1
    double[][] a = {{0.3, 1.7, 2.2, 5}};
    double[][] b = {{1.7, 2, 4, 4.5, 9}};
    assertEquals(1.0, Stats.probabilityOfImprovement(a, b) + Stats.probabilityOfImprovement(b, a), 1e-15);
    // two tasks: averaged per task, not pooled (task 1: X always wins, task 2: X always loses)
    assertEquals(0.5, Stats.probabilityOfImprovement(new double[][] {{10, 11}, {0}}, new double[][] {{1}, {5, 6}}),
        1e-15);
  }

  @Test
  void profileCountsScoresStrictlyAbove() {
    double[][] s = {{1, 2, 3, 4}};
    assertArrayEquals(new double[] {1, 0.75, 0.5, 0.5, 0}, Stats.profile(s, new double[] {0, 1, 2, 2.5, 4}), 1e-15);
  }

  @Test
  void bootstrapOfIdenticalRunsHasNoWidth() {
    Stats.Estimate e = Stats.bootstrap(new double[][] {{7, 7, 7, 7}}, Stats::mean, 0.95, 1000, Stats.rng(1));
    assertEquals(new Stats.Estimate(7, 7, 7), e);
  }

  @Test
  void stratifiedBootstrapKeepsRunsPerTask() {
    // Task A is constant (5, 5, 5); task B is {0, 10}. Resampling within tasks keeps 3 runs of A and 2 of B, so the
    // pooled mean of a replicate is (15 + b1 + b2) / 5 with b1 + b2 in {0, 10, 20}: only 3, 5 or 7, with
    // probabilities ¼, ½, ¼. The 95% interval is therefore [3, 7], and no other value can appear.
    double[][] s = {{5, 5, 5}, {0, 10}};
    double[] seen = new double[20_000];
    var rng = Stats.rng(3);
    for (int i = 0; i < seen.length; i++) {
      seen[i] = Stats.mean(Stats.resample(s, rng));
      assertTrue(seen[i] == 3 || seen[i] == 5 || seen[i] == 7, "replicate mean " + seen[i]);
    }
    long fives = java.util.Arrays.stream(seen).filter(v -> v == 5).count();
    assertEquals(0.5, fives / (double) seen.length, 0.02);
    Stats.Estimate e = Stats.bootstrap(s, Stats::mean, 0.95, 20_000, Stats.rng(4));
    assertEquals(5.0, e.value(), 0);
    assertEquals(3.0, e.low(), 0);
    assertEquals(7.0, e.high(), 0);
  }

  @Test
  void bootstrapIntervalOfAMeanMatchesTheNormalOneForLargeSamples() {
    // n = 400 draws of N(10, 2²): the interval of the mean is close to mean ± 1.96 · s / √n.
    SplittableRandom r = new SplittableRandom(11);
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      // Box-Muller
      x[i] = 10 + 2 * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
    Stats.Estimate e = Stats.bootstrap(new double[][] {x}, Stats::mean, 0.95, 10_000, Stats.rng(5));
    double half = 1.96 * Stats.std(x) / Math.sqrt(x.length);
    assertEquals(Stats.mean(x) - half, e.low(), 0.1 * half);
    assertEquals(Stats.mean(x) + half, e.high(), 0.1 * half);
  }

  @Test
  void sameSeedSameInterval() {
    double[][] s = {{1, 5, 2, 8, 3}};
    assertEquals(Stats.bootstrap(s, Stats::iqm, 0.95, 2000, Stats.rng(9)),
        Stats.bootstrap(s, Stats::iqm, 0.95, 2000, Stats.rng(9)));
    Stats.Estimate p = Stats.probabilityOfImprovement(s, new double[][] {{0, 1, 2}}, 0.95, 2000, Stats.rng(2));
    assertTrue(p.low() <= p.value() && p.value() <= p.high(), p.toString());
  }
}
