package org.rlgan.scenarios.report;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The statistics of a report, following Agarwal et al. 2021, "Deep Reinforcement Learning at the Edge of the
 * Statistical Precipice" (NeurIPS), and its library rliable (rliable/metrics.py, rliable/library.py).
 *
 * <p>Scores are given as {@code double[task][run]}: one row per task, each with its runs (a configuration of a
 * sweep is one task; rows may have different lengths). Definitions, as rliable's:
 * <ul>
 *   <li>IQM: the interquartile mean of all scores pooled, {@code scipy.stats.trim_mean(scores, 0.25)}: sort, drop
 *       ⌊n/4⌋ from each end, average the rest.</li>
 *   <li>Confidence intervals: percentile bootstrap ({@code arch}'s {@code method='percentile'}, numpy's linear
 *       percentile) with <em>stratified</em> resampling: each task's runs are resampled with replacement within
 *       the task, so every replicate keeps the number of runs per task (with one task this is the ordinary
 *       bootstrap).</li>
 *   <li>Probability of improvement P(X &gt; Y): per task the Mann-Whitney U statistic over all run pairs divided
 *       by n·m (a tie counts ½), averaged over tasks.</li>
 *   <li>Performance profile: the fraction of runs whose score is strictly above τ.</li>
 * </ul>
 * The resampling generator is passed in (Commons Math's {@link Well19937c} from {@link #rng(long)}), so a report
 * with the same seed gives the same intervals.
 */
public final class Stats {

  private Stats() {}

  /** An estimate with its confidence interval. */
  public record Estimate(double value, double low, double high) {}

  /** The generator reports use for resampling. */
  public static RandomGenerator rng(long seed) {
    return new Well19937c(seed);
  }

  public static double mean(double[] x) {
    return x.length == 0 ? Double.NaN : new Mean().evaluate(x);
  }

  /** The sample standard deviation (n − 1 in the denominator); NaN below two values. */
  public static double std(double[] x) {
    return x.length < 2 ? Double.NaN : new StandardDeviation(true).evaluate(x);
  }

  /** The standard error of the mean, {@link #std(double[])} / √n; NaN below two values. */
  public static double standardError(double[] x) {
    return x.length < 2 ? Double.NaN : std(x) / Math.sqrt(x.length);
  }

  /** The interquartile mean: the mean of the values left after dropping ⌊n/4⌋ from each end of the sorted list. */
  public static double iqm(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    int cut = (int) Math.floor(0.25 * s.length);
    return new Mean().evaluate(s, cut, s.length - 2 * cut);
  }

  /** {@link #iqm(double[])} of every task's runs pooled. */
  public static double iqm(double[][] scores) {
    return iqm(pool(scores));
  }

  /** {@link #mean(double[])} of every task's runs pooled. */
  public static double mean(double[][] scores) {
    return mean(pool(scores));
  }

  /** The p-th percentile (0..100) with linear interpolation between order statistics (numpy's default, R-7). */
  public static double percentile(double[] x, double p) {
    return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(x, p);
  }

  /**
   * A statistic with its percentile-bootstrap interval from stratified resampling.
   *
   * @param level the interval's coverage, e.g. 0.95
   * @param reps bootstrap replicates
   */
  public static Estimate bootstrap(double[][] scores, ToDoubleFunction<double[][]> stat, double level, int reps,
      RandomGenerator rng) {
    double[] reps1 = new double[reps];
    for (int r = 0; r < reps; r++) {
      reps1[r] = stat.applyAsDouble(resample(scores, rng));
    }
    return interval(stat.applyAsDouble(scores), reps1, level);
  }

  /** The probability that a run of X scores above a run of Y, per task, averaged over tasks (rliable's). */
  public static double probabilityOfImprovement(double[][] x, double[][] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " tasks against " + y.length);
    }
    double sum = 0;
    for (int t = 0; t < x.length; t++) {
      double u = 0;
      for (double a : x[t]) {
        for (double b : y[t]) {
          u += a > b ? 1 : a == b ? 0.5 : 0;
        }
      }
      sum += u / ((double) x[t].length * y[t].length);
    }
    return sum / x.length;
  }

  /** P(X &gt; Y) with a bootstrap interval: X and Y resampled independently, each stratified by task. */
  public static Estimate probabilityOfImprovement(double[][] x, double[][] y, double level, int reps,
      RandomGenerator rng) {
    double[] values = new double[reps];
    for (int r = 0; r < reps; r++) {
      values[r] = probabilityOfImprovement(resample(x, rng), resample(y, rng));
    }
    return interval(probabilityOfImprovement(x, y), values, level);
  }

  /** The fraction of runs (all tasks pooled) scoring strictly above each τ. */
  public static double[] profile(double[][] scores, double[] taus) {
    double[] all = pool(scores);
    double[] out = new double[taus.length];
    for (int i = 0; i < taus.length; i++) {
      int above = 0;
      for (double v : all) {
        if (v > taus[i]) {
          above++;
        }
      }
      out[i] = (double) above / all.length;
    }
    return out;
  }

  /**
   * The performance profile with a pointwise bootstrap band.
   *
   * @return {@code [3][taus.length]}: the fractions, the lower and the upper ends of the band
   */
  public static double[][] profileBand(double[][] scores, double[] taus, double level, int reps,
      RandomGenerator rng) {
    double[][] draws = new double[taus.length][reps];
    for (int r = 0; r < reps; r++) {
      double[] p = profile(resample(scores, rng), taus);
      for (int i = 0; i < taus.length; i++) {
        draws[i][r] = p[i];
      }
    }
    double[] point = profile(scores, taus);
    double[][] out = new double[3][taus.length];
    for (int i = 0; i < taus.length; i++) {
      Estimate e = interval(point[i], draws[i], level);
      out[0][i] = e.value();
      out[1][i] = e.low();
      out[2][i] = e.high();
    }
    return out;
  }

  /** Every task's runs in one array, task by task. */
  public static double[] pool(double[][] scores) {
    return Arrays.stream(scores).flatMapToDouble(Arrays::stream).toArray();
  }

  /** One stratified bootstrap replicate: each task's runs drawn with replacement from that task alone. */
  static double[][] resample(double[][] scores, RandomGenerator rng) {
    double[][] out = new double[scores.length][];
    for (int t = 0; t < scores.length; t++) {
      double[] row = scores[t];
      out[t] = new double[row.length];
      for (int i = 0; i < row.length; i++) {
        out[t][i] = row[rng.nextInt(row.length)];
      }
    }
    return out;
  }

  private static Estimate interval(double point, double[] replicates, double level) {
    double tail = 100 * (1 - level) / 2;
    return new Estimate(point, percentile(replicates, tail), percentile(replicates, 100 - tail));
  }
}
