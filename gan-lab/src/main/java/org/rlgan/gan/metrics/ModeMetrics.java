package org.rlgan.gan.metrics;

import java.util.Arrays;
import org.rlgan.gan.data.GaussianMixture;

/**
 * Mode coverage of generated samples against a Gaussian mixture, computed as PacGAN's code does
 * ({@code MetricLogger} in {@code synthetic_data_experiments/PacGAN/pacgan/extensions.py}, Lin et al. 2018):
 *
 * <ol>
 *   <li>each sample goes to the mode with the smallest standardised distance
 *       ‖(x − μ_k)/σ_k‖ (first mode on ties);
 *   <li>it is high quality when that distance is below {@code threshold} (3: "within three standard
 *       deviations");
 *   <li>a mode is covered when it is the nearest mode of at least one high-quality sample;
 *   <li>the high-quality fraction is (number of high-quality samples) / (number of samples);
 *   <li>the reverse KL divergence (PacGAN Table 1) is KL(p̂ ‖ uniform) = Σ_k p̂_k log(K p̂_k), p̂ the
 *       histogram of high-quality samples over modes (0 log 0 = 0); the code's entropy H(p̂) and JSD(p̂, uniform)
 *       are reported as well (KL = log K − H).
 * </ol>
 *
 * PacGAN evaluates 2,500 generated samples ({@code num_log_figure_sample}, {@link #PACGAN_SAMPLES}).
 */
public final class ModeMetrics {
  /** The number of generated samples PacGAN's evaluation uses. */
  public static final int PACGAN_SAMPLES = 2500;
  /** High quality: within 3 standard deviations. */
  public static final double PACGAN_THRESHOLD = 3.0;

  private ModeMetrics() {}

  /**
   * The report for one set of samples.
   *
   * @param hqPerMode high-quality samples per mode, in the mixture's mode order
   * @param modesCovered modes with at least one high-quality sample
   * @param highQualityFraction in [0, 1]
   * @param reverseKl KL(p̂ ‖ uniform) in nats; NaN when no sample is high quality
   * @param entropy H(p̂) in nats; NaN when no sample is high quality
   * @param jsd Jensen–Shannon divergence between p̂ and uniform, nats; NaN when no sample is high quality
   * @param samples the number of samples evaluated
   */
  public record Report(int[] hqPerMode, int modesCovered, double highQualityFraction, double reverseKl,
      double entropy, double jsd, int samples) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "modes %d, high quality %.1f%%, reverse KL %.3f, per mode %s",
          modesCovered, 100 * highQualityFraction, reverseKl, Arrays.toString(hqPerMode));
    }
  }

  /** {@link #evaluate(double[][], GaussianMixture, double)} with the 3σ threshold. */
  public static Report evaluate(double[][] samples, GaussianMixture mixture) {
    return evaluate(samples, mixture, PACGAN_THRESHOLD);
  }

  /**
   * @param samples [n][d] generated points
   * @param threshold the high-quality radius in standard deviations
   */
  public static Report evaluate(double[][] samples, GaussianMixture mixture, double threshold) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples to evaluate");
    }
    double[][] means = mixture.means();
    int k = means.length;
    int[] counts = new int[k];
    int hq = 0;
    for (double[] x : samples) {
      if (x.length != mixture.dim()) {
        throw new IllegalArgumentException("a sample has " + x.length + " coordinates, the mixture " + mixture.dim());
      }
      double best = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int c = 0; c < x.length; c++) {
          double d = (x[c] - means[j][c]) / mixture.std();
          s += d * d;
        }
        double dist = Math.sqrt(s);
        if (dist < best) { // strict: the first mode wins ties, as the reference loop
          best = dist;
          arg = j;
        }
      }
      if (best < threshold) {
        counts[arg]++;
        hq++;
      }
    }
    int covered = 0;
    for (int c : counts) {
      if (c > 0) {
        covered++;
      }
    }
    double kl = Double.NaN;
    double h = Double.NaN;
    double jsd = Double.NaN;
    if (hq > 0) {
      kl = 0;
      h = 0;
      jsd = 0;
      double q = 1.0 / k;
      for (int c : counts) {
        double p = (double) c / hq;
        double m = 0.5 * (p + q);
        if (p > 0) {
          kl += p * Math.log(p / q);
          h -= p * Math.log(p);
          jsd += 0.5 * p * Math.log(p / m);
        }
        jsd += 0.5 * q * Math.log(q / m);
      }
    }
    return new Report(counts, covered, (double) hq / samples.length, kl, h, jsd, samples.length);
  }
}
