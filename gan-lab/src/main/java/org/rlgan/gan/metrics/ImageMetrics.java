package org.rlgan.gan.metrics;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Sample-based measures of a generator, computed on feature vectors (rows) of real and generated images: the
 * Fréchet distance (FID's formula, Heusel et al. 2017), the kernel inception distance (KID, Bińkowski et al. 2018),
 * the classifier score (the Inception score of Salimans et al. 2016 on any classifier's probabilities), and
 * precision and recall by k-nearest-neighbour manifolds (Kynkäänniemi et al. 2019).
 *
 * <p>The features are whatever network one picks; {@link MnistClassifier} gives those of a small MNIST classifier
 * trained by the workbench. Numbers computed on it are <b>not</b> comparable with published FID/KID/IS values, which
 * use Inception-v3 features of ImageNet; they compare runs of this workbench with each other. All arithmetic is in
 * double precision and deterministic (the eigendecompositions are Commons Math's, in Java).
 */
public final class ImageMetrics {
  private ImageMetrics() {}

  /**
   * A Gaussian fitted to features: the mean and the unbiased covariance (divisor n − 1, NumPy's {@code np.cov}, as
   * pytorch-fid and TTUR's FID code use).
   *
   * @param mean [d]
   * @param covariance [d][d], symmetric
   */
  public record Gaussian(double[] mean, double[][] covariance) {
    /** Fits the mean and covariance of n ≥ 2 rows of width d. */
    public static Gaussian fit(double[][] features) {
      int n = features.length;
      if (n < 2) {
        throw new IllegalArgumentException("a covariance needs at least 2 feature rows, got " + n);
      }
      int d = width(features);
      double[] mu = new double[d];
      for (double[] row : features) {
        for (int j = 0; j < d; j++) {
          mu[j] += row[j];
        }
      }
      for (int j = 0; j < d; j++) {
        mu[j] /= n;
      }
      double[][] c = new double[d][d];
      double[] x = new double[d];
      for (double[] row : features) {
        for (int j = 0; j < d; j++) {
          x[j] = row[j] - mu[j];
        }
        for (int a = 0; a < d; a++) {
          double xa = x[a];
          double[] ca = c[a];
          for (int b = a; b < d; b++) {
            ca[b] += xa * x[b];
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          c[a][b] /= n - 1;
          c[b][a] = c[a][b];
        }
      }
      return new Gaussian(mu, c);
    }
  }

  /**
   * The Fréchet (2-Wasserstein) distance between two Gaussians (Dowson and Landau 1982):
   * ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½. The trace term equals tr (Σ₁Σ₂)^½ of FID's formula and is
   * computed through two symmetric eigendecompositions (Σ₁ = VΛVᵀ, Σ₁^½ = VΛ^½Vᵀ; then the eigenvalues of the
   * symmetric Σ₁^½Σ₂Σ₁^½), negative round-off eigenvalues clipped to 0; the result is clipped at 0.
   */
  public static double frechetDistance(Gaussian a, Gaussian b) {
    int d = a.mean().length;
    if (b.mean().length != d) {
      throw new IllegalArgumentException("Fréchet distance: feature widths differ, " + d + " and " + b.mean().length);
    }
    double diff = 0;
    for (int j = 0; j < d; j++) {
      double t = a.mean()[j] - b.mean()[j];
      diff += t * t;
    }
    RealMatrix s1 = new Array2DRowRealMatrix(a.covariance(), true);
    RealMatrix s2 = new Array2DRowRealMatrix(b.covariance(), true);
    RealMatrix root1 = symmetricSqrt(s1);
    RealMatrix m = root1.multiply(s2).multiply(root1);
    double traceRoot = 0;
    for (double ev : symmetricEigenvalues(m)) {
      traceRoot += Math.sqrt(Math.max(ev, 0));
    }
    return Math.max(0, diff + s1.getTrace() + s2.getTrace() - 2 * traceRoot);
  }

  /** FID's formula on two feature sets: {@link #frechetDistance} of the Gaussians {@link Gaussian#fit} to each. */
  public static double frechetDistance(double[][] real, double[][] generated) {
    return frechetDistance(Gaussian.fit(real), Gaussian.fit(generated));
  }

  /** A mean and a standard deviation over repetitions (subsets or splits). */
  public record MeanStd(double mean, double std) {}

  /**
   * The kernel inception distance (Bińkowski et al. 2018, Sec. 4): the unbiased estimate of MMD² with the cubic
   * polynomial kernel k(x, y) = (xᵀy/d + 1)³,
   * (1/(m(m−1)))Σ_{i≠j}k(xᵢ, xⱼ) + (1/(m(m−1)))Σ_{i≠j}k(yᵢ, yⱼ) − (2/m²)Σ_{i,j}k(xᵢ, yⱼ),
   * averaged over {@code subsets} pairs of subsets of m = min(subsetSize, n_real, n_generated) rows drawn without
   * replacement (their code's defaults: 100 subsets of 1,000). Returns the mean and the standard deviation
   * (divisor = subsets) over subsets.
   */
  public static MeanStd kernelDistance(double[][] real, double[][] generated, int subsets, int subsetSize,
      RandomGenerator rng) {
    if (subsets < 1 || subsetSize < 2) {
      throw new IllegalArgumentException("KID needs subsets >= 1 and subsetSize >= 2, got " + subsets + ", " + subsetSize);
    }
    int d = width(real);
    if (width(generated) != d) {
      throw new IllegalArgumentException("KID: feature widths differ, " + d + " and " + width(generated));
    }
    int m = Math.min(subsetSize, Math.min(real.length, generated.length));
    if (m < 2) {
      throw new IllegalArgumentException("KID needs at least 2 rows in each set, got " + real.length + " and "
          + generated.length);
    }
    double[] values = new double[subsets];
    for (int s = 0; s < subsets; s++) {
      double[][] x = subset(real, m, rng);
      double[][] y = subset(generated, m, rng);
      double kxx = 0;
      double kyy = 0;
      double kxy = 0;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          if (i != j) {
            kxx += cubicKernel(x[i], x[j], d);
            kyy += cubicKernel(y[i], y[j], d);
          }
          kxy += cubicKernel(x[i], y[j], d);
        }
      }
      values[s] = kxx / ((double) m * (m - 1)) + kyy / ((double) m * (m - 1)) - 2 * kxy / ((double) m * m);
    }
    return meanStd(values);
  }

  /**
   * The classifier score, the Inception score's formula (Salimans et al. 2016) on a classifier's class probabilities
   * p(y|x) [n][K]: exp(E_x KL(p(y|x) ‖ p(y))) with p(y) the mean over the split, computed on {@code splits}
   * consecutive equal parts (the last takes the remainder) and returned as mean and standard deviation (divisor =
   * splits) over them, as the original code. It lies in [1, K]: 1 when every sample gets the same distribution,
   * K when each sample is certain of one class and the classes are equally frequent. 0·log 0 = 0.
   */
  public static MeanStd classifierScore(double[][] probabilities, int splits) {
    int n = probabilities.length;
    if (splits < 1 || splits > n) {
      throw new IllegalArgumentException("classifier score: splits = " + splits + " must be in [1, n = " + n + "]");
    }
    int k = width(probabilities);
    double[] scores = new double[splits];
    for (int s = 0; s < splits; s++) {
      int from = s * (n / splits);
      int to = s == splits - 1 ? n : from + n / splits;
      double[] py = new double[k];
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          py[c] += probabilities[i][c];
        }
      }
      for (int c = 0; c < k; c++) {
        py[c] /= to - from;
      }
      double kl = 0;
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          double p = probabilities[i][c];
          if (p > 0) {
            kl += p * (Math.log(p) - Math.log(py[c]));
          }
        }
      }
      scores[s] = Math.exp(kl / (to - from));
    }
    return meanStd(scores);
  }

  /**
   * Improved precision and recall (Kynkäänniemi et al. 2019, Sec. 2): each set's manifold is the union of balls
   * around its points, each ball's radius the distance to the point's k-th nearest neighbour in its own set (the
   * point itself not counted; their k = 3). Precision is the fraction of generated points inside the real manifold,
   * recall the fraction of real points inside the generated manifold (a point on a ball's boundary is inside).
   * Euclidean distances, computed exactly in double precision.
   *
   * @param precision the fraction of generated samples that lie on the real manifold (quality)
   * @param recall the fraction of real samples that lie on the generated manifold (coverage)
   */
  public record PrecisionRecall(double precision, double recall) {}

  /** {@link PrecisionRecall} of generated features against real ones with k nearest neighbours. */
  public static PrecisionRecall precisionRecall(double[][] real, double[][] generated, int k) {
    if (k < 1 || k >= real.length || k >= generated.length) {
      throw new IllegalArgumentException("precision/recall: k = " + k + " must be >= 1 and below both set sizes ("
          + real.length + ", " + generated.length + ")");
    }
    if (width(real) != width(generated)) {
      throw new IllegalArgumentException("precision/recall: feature widths differ, " + width(real) + " and "
          + width(generated));
    }
    double[] realRadii = kthNeighbourSquaredDistances(real, k);
    double[] genRadii = kthNeighbourSquaredDistances(generated, k);
    return new PrecisionRecall(fractionInside(generated, real, realRadii), fractionInside(real, generated, genRadii));
  }

  /** For each row, the squared distance to its k-th nearest other row. */
  static double[] kthNeighbourSquaredDistances(double[][] x, int k) {
    int n = x.length;
    double[] out = new double[n];
    double[] best = new double[k]; // the k smallest squared distances so far, ascending
    for (int i = 0; i < n; i++) {
      Arrays.fill(best, Double.POSITIVE_INFINITY);
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double dd = squaredDistance(x[i], x[j]);
        if (dd < best[k - 1]) {
          int p = k - 1;
          while (p > 0 && best[p - 1] > dd) {
            best[p] = best[p - 1];
            p--;
          }
          best[p] = dd;
        }
      }
      out[i] = best[k - 1];
    }
    return out;
  }

  /** The fraction of {@code points} within radius √radii[j] of some {@code centres[j]}. */
  private static double fractionInside(double[][] points, double[][] centres, double[] squaredRadii) {
    int inside = 0;
    for (double[] p : points) {
      for (int j = 0; j < centres.length; j++) {
        if (squaredDistance(p, centres[j]) <= squaredRadii[j]) {
          inside++;
          break;
        }
      }
    }
    return (double) inside / points.length;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }

  private static double cubicKernel(double[] a, double[] b, int d) {
    double dot = 0;
    for (int j = 0; j < d; j++) {
      dot += a[j] * b[j];
    }
    double u = dot / d + 1;
    return u * u * u;
  }

  /** m rows drawn without replacement (a partial Fisher–Yates shuffle of the indices). */
  private static double[][] subset(double[][] x, int m, RandomGenerator rng) {
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    double[][] out = new double[m][];
    for (int i = 0; i < m; i++) {
      int j = i + rng.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out[i] = x[idx[i]];
    }
    return out;
  }

  private static MeanStd meanStd(double[] v) {
    double mean = Arrays.stream(v).sum() / v.length;
    double var = 0;
    for (double x : v) {
      var += (x - mean) * (x - mean);
    }
    return new MeanStd(mean, Math.sqrt(var / v.length));
  }

  private static RealMatrix symmetricSqrt(RealMatrix s) {
    EigenDecomposition e = new EigenDecomposition(symmetrised(s));
    double[] ev = e.getRealEigenvalues();
    RealMatrix v = e.getV();
    int d = ev.length;
    RealMatrix scaled = v.copy();
    for (int j = 0; j < d; j++) {
      double r = Math.sqrt(Math.max(ev[j], 0));
      for (int i = 0; i < d; i++) {
        scaled.setEntry(i, j, v.getEntry(i, j) * r);
      }
    }
    return scaled.multiply(v.transpose());
  }

  private static double[] symmetricEigenvalues(RealMatrix m) {
    return new EigenDecomposition(symmetrised(m)).getRealEigenvalues();
  }

  /** (M + Mᵀ)/2: removes round-off asymmetry, so Commons Math takes its symmetric (real) path. */
  private static RealMatrix symmetrised(RealMatrix m) {
    return m.add(m.transpose()).scalarMultiply(0.5);
  }

  private static int width(double[][] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("no feature rows");
    }
    int d = x[0].length;
    for (double[] row : x) {
      if (row.length != d) {
        throw new IllegalArgumentException("feature rows of different widths: " + d + " and " + row.length);
      }
    }
    return d;
  }
}
