package org.rlgan.gan.pictures;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.gan.SplitMix64;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;

/**
 * Latent-space interpolations (book 9.5): each row of a picture walks from one fixed noise vector z₀ to another z₁
 * in {@code steps} equal steps of t ∈ [0, 1], and the generator draws every point. Because z ~ N(0, I) puts almost
 * all its mass near the sphere of radius √d, the path is spherical linear interpolation (slerp, Shoemake 1985; White
 * 2016, "Sampling Generative Networks"): slerp(z₀, z₁; t) = sin((1 − t)Ω)/sin Ω · z₀ + sin(tΩ)/sin Ω · z₁ with
 * cos Ω = z₀·z₁/(‖z₀‖‖z₁‖), which stays at typical norms where a straight line would pass through the unlikely
 * centre; it falls back to the straight line when sin Ω is below 1e-9.
 *
 * <p>Only z moves: row r of a conditional GAN asks for class r mod K throughout, an InfoGAN row keeps categorical
 * code r mod K with the continuous codes at 0. The endpoints come from a {@link SplitMix64} seeded with {@code seed}
 * (z₀ of every row first, then z₁), so the same seed gives the same picture at every evaluation; the trainer's own
 * random stream is not touched.
 */
public final class LatentInterpolation {
  private LatentInterpolation() {}

  /** slerp(a, b; t) as described in the class comment; a new array. */
  public static double[] slerp(double[] a, double[] b, double t) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("slerp of vectors of lengths " + a.length + " and " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    double cos = Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
    double omega = Math.acos(cos);
    double so = Math.sin(omega);
    double wa;
    double wb;
    if (!(so > 1e-9)) {
      wa = 1 - t;
      wb = t;
    } else {
      wa = Math.sin((1 - t) * omega) / so;
      wb = Math.sin(t * omega) / so;
    }
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = wa * a[i] + wb * b[i];
    }
    return out;
  }

  /**
   * The generator inputs [rows · steps, generatorInputDim] of the picture, row-major (row r, step j at index
   * r · steps + j), for {@link GanTrainer#generate}.
   */
  public static INDArray inputs(GanTrainer trainer, int rows, int steps, long seed) {
    if (rows < 1 || steps < 2) {
      throw new IllegalArgumentException("LatentInterpolation needs rows >= 1 and steps >= 2, got " + rows + ", "
          + steps);
    }
    GanConfig c = trainer.config();
    int d = c.noiseDim();
    SplitMix64 r = new SplitMix64(seed);
    double[][] from = new double[rows][d];
    double[][] to = new double[rows][d];
    for (double[][] ends : new double[][][] {from, to}) {
      for (double[] z : ends) {
        for (int j = 0; j < d; j++) {
          z[j] = r.nextGaussian();
        }
      }
    }
    int n = rows * steps;
    float[] z = new float[n * d];
    long[] labels = c.conditionClasses() > 0 ? new long[n] : null;
    long[] codes = c.infoCategorical() > 0 ? new long[n] : null;
    INDArray continuous = c.infoContinuous() > 0 ? Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n,
        c.infoContinuous()) : null;
    for (int row = 0; row < rows; row++) {
      for (int s = 0; s < steps; s++) {
        int i = row * steps + s;
        double[] p = slerp(from[row], to[row], (double) s / (steps - 1));
        for (int j = 0; j < d; j++) {
          z[i * d + j] = (float) p[j];
        }
        if (labels != null) {
          labels[i] = row % c.conditionClasses();
        }
        if (codes != null) {
          codes[i] = row % c.infoCategorical();
        }
      }
    }
    return trainer.generatorInput(Nd4j.createFromArray(z).reshape(n, d), labels, codes, continuous);
  }

  /** The generated images [rows · steps, ...] of the picture (the EMA generator when there is one). */
  public static INDArray images(GanTrainer trainer, int rows, int steps, long seed) {
    return trainer.generate(inputs(trainer, rows, steps, seed));
  }

  /**
   * Writes the picture as a PNG: one interpolation per row, {@code steps} columns, a tanh generator's [−1, 1] as
   * black to white (other channel counts coloured by {@link ImageGrid#channelsToRgb}), pixels enlarged
   * {@code scale} times.
   */
  public static void write(GanTrainer trainer, int rows, int steps, long seed, int scale, Path png)
      throws IOException {
    ImageGrid.writeAnyChannels(images(trainer, rows, steps, seed), steps, -1, 1, scale, png);
  }
}
