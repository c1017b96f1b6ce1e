package org.rlgan.gan.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An equal-weight mixture of isotropic Gaussians N(μ_k, σ²I), the synthetic benchmarks of mode collapse.
 *
 * <ul>
 *   <li>{@link #pacganRing()}: PacGAN (Lin et al. 2018, Sec. 5.1, and its code
 *       {@code synthetic_data_experiments/2DRing_GAN&PacGAN/config.py}): 8 means (cos 2πk/8, sin 2πk/8) on the
 *       circle of radius 1, σ = 0.01.
 *   <li>{@link #pacganGrid()}: PacGAN ({@code 2DGrid_GAN&PacGAN/config.py}): 25 means (i, j), i, j ∈
 *       {−4, −2, 0, 2, 4} (the order of {@code itertools.product}), σ = 0.05.
 *   <li>{@link #veeganRing()}: VEEGAN (Srivastava et al. 2017) and unrolled GAN (Metz et al. 2017): 8 means on the
 *       circle of radius 2, σ = 0.02.
 *   <li>{@link #ring(int, double, double)}, {@link #grid(int, double, double)}: any other variant (VEEGAN's grid
 *       is {@code grid(5, 2, σ)} with the σ of the protocol being reproduced).
 * </ul>
 *
 * @param name a short name for tables ("ring", "grid")
 * @param means the mode centres, [K][d]
 * @param std σ, the same for every mode and coordinate
 */
public record GaussianMixture(String name, double[][] means, double std) implements RealData {

  public GaussianMixture {
    if (means.length == 0) {
      throw new IllegalArgumentException("a mixture needs at least one mode");
    }
    if (!(std > 0)) {
      throw new IllegalArgumentException("std = " + std + " is invalid: it must be > 0");
    }
    int d = means[0].length;
    for (double[] m : means) {
      if (m.length != d) {
        throw new IllegalArgumentException("every mean must have " + d + " coordinates");
      }
    }
  }

  /** PacGAN's 2-D ring: 8 modes on the unit circle, σ = 0.01. */
  public static GaussianMixture pacganRing() {
    return ring(8, 1.0, 0.01).withName("ring");
  }

  /** PacGAN's 2-D grid: 25 modes at {−4, −2, 0, 2, 4}², σ = 0.05. */
  public static GaussianMixture pacganGrid() {
    return grid(5, 2.0, 0.05).withName("grid");
  }

  /** VEEGAN's (and unrolled GAN's) ring: 8 modes on the circle of radius 2, σ = 0.02. */
  public static GaussianMixture veeganRing() {
    return ring(8, 2.0, 0.02).withName("veegan_ring");
  }

  /** K modes at angles 2πk/K on a circle. */
  public static GaussianMixture ring(int modes, double radius, double std) {
    double[][] m = new double[modes][];
    for (int k = 0; k < modes; k++) {
      double a = k * Math.PI * 2 / modes;
      m[k] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
    }
    return new GaussianMixture("ring" + modes, m, std);
  }

  /** side² modes at spacing·(i − (side − 1)/2, j − (side − 1)/2), i outer, j inner. */
  public static GaussianMixture grid(int side, double spacing, double std) {
    List<double[]> m = new ArrayList<>();
    double c = (side - 1) / 2.0;
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        m.add(new double[] {spacing * (i - c), spacing * (j - c)});
      }
    }
    return new GaussianMixture("grid" + side * side, m.toArray(new double[0][]), std);
  }

  public GaussianMixture withName(String n) {
    return new GaussianMixture(n, means, std);
  }

  public int modes() {
    return means.length;
  }

  public int dim() {
    return means[0].length;
  }

  @Override
  public long[] shape() {
    return new long[] {dim()};
  }

  /** Per sample: a mode uniformly (one {@code nextInt}), then d Gaussians (computed in double, then rounded). */
  @Override
  public INDArray sample(int n, RandomGenerator rng, DataType type) {
    int d = dim();
    if (type == DataType.FLOAT) {
      float[] out = new float[n * d];
      for (int i = 0; i < n; i++) {
        double[] mu = means[rng.nextInt(means.length)];
        for (int j = 0; j < d; j++) {
          out[i * d + j] = (float) (mu[j] + std * rng.nextGaussian());
        }
      }
      return Nd4j.createFromArray(out).reshape(n, d);
    }
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      double[] mu = means[rng.nextInt(means.length)];
      for (int j = 0; j < d; j++) {
        out[i * d + j] = mu[j] + std * rng.nextGaussian();
      }
    }
    return Nd4j.createFromArray(out).reshape(n, d).castTo(type);
  }
}
