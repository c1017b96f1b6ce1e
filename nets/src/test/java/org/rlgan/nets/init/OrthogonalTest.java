package org.rlgan.nets.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Orthogonality, gain, the Haar sign correction and the QR itself. */
class OrthogonalTest {

  /** W as rows × (product of the other dimensions), row-major. */
  private static double[][] matrix(INDArray w) {
    int rows = (int) w.size(0);
    int cols = (int) (w.length() / rows);
    double[] flat = w.castTo(DataType.DOUBLE).data().asDouble();
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, m[r], 0, cols);
    }
    return m;
  }

  /** The largest |(WᵀW or WWᵀ, whichever is the smaller) − g²I| entry. */
  private static double orthogonalityError(double[][] w, double gain) {
    int rows = w.length;
    int cols = w[0].length;
    boolean wide = rows < cols;
    int k = Math.min(rows, cols);
    double worst = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double dot = 0;
        for (int i = 0; i < (wide ? cols : rows); i++) {
          dot += wide ? w[a][i] * w[b][i] : w[i][a] * w[i][b];
        }
        worst = Math.max(worst, Math.abs(dot - (a == b ? gain * gain : 0)));
      }
    }
    return worst;
  }

  @Test
  void orthonormalForSquareTallWideAndHigherRankShapes() {
    long[][] shapes = {{64, 64}, {100, 30}, {30, 100}, {16, 3, 3, 3}, {27, 4, 2}, {1, 5}, {5, 1}};
    for (long[] shape : shapes) {
      for (double gain : new double[] {1.0, 2.0}) {
        INDArray w = new Orthogonal(gain).init(shape, 1, 1, DataType.DOUBLE, new SplittableRandom(11));
        assertArrayEquals(shape, w.shape());
        double err = orthogonalityError(matrix(w), gain);
        assertTrue(err < 1e-10, java.util.Arrays.toString(shape) + " gain " + gain + ": error " + err);
      }
    }
    INDArray f = new Orthogonal().init(new long[] {50, 20}, 1, 1, DataType.FLOAT, new SplittableRandom(2));
    assertEquals(DataType.FLOAT, f.dataType());
    assertTrue(orthogonalityError(matrix(f), 1.0) < 1e-6);
  }

  @Test
  void sameSeedSameBitsDifferentSeedDifferentValues() {
    Orthogonal o = new Orthogonal(1.5);
    INDArray a = o.init(new long[] {12, 7}, 1, 1, DataType.DOUBLE, new SplittableRandom(4));
    assertEquals(a, o.init(new long[] {12, 7}, 1, 1, DataType.DOUBLE, new SplittableRandom(4)));
    assertFalse(a.equals(o.init(new long[] {12, 7}, 1, 1, DataType.DOUBLE, new SplittableRandom(5))));
  }

  /**
   * With the sign correction Q is Haar-distributed, so W₀₀ is positive half the time; without it a
   * Householder Q has W₀₀ = −|A₀₀|/‖A₀‖ &lt; 0 always.
   */
  @Test
  void signCorrectionMakesTheDistributionSymmetric() {
    SplittableRandom rng = new SplittableRandom(8);
    int positive = 0;
    int draws = 400;
    double sumSquares = 0;
    for (int i = 0; i < draws; i++) {
      INDArray w = new Orthogonal().init(new long[] {4, 4}, 1, 1, DataType.DOUBLE, rng);
      positive += w.getDouble(0, 0) > 0 ? 1 : 0;
      sumSquares += w.getDouble(0, 0) * w.getDouble(0, 0);
    }
    assertTrue(positive > 150 && positive < 250, positive + " of " + draws);   // binomial sd 10
    assertEquals(0.25, sumSquares / draws, 0.05);                            // E[Q₀₀²] = 1/n for Haar
  }

  /** A = QR with R = QᵀA upper triangular and a positive diagonal. */
  @Test
  void householderGivesTheQrFactorWithPositiveDiagonal() {
    SplittableRandom rng = new SplittableRandom(3);
    int m = 7;
    int k = 4;
    double[][] a = new double[k][m];
    for (double[] col : a) {
      for (int i = 0; i < m; i++) {
        col[i] = rng.nextGaussian();
      }
    }
    double[][] copy = new double[k][];
    for (int j = 0; j < k; j++) {
      copy[j] = a[j].clone();
    }
    double[][] q = HouseholderQr.orthonormalColumns(copy, m);
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int t = 0; t < m; t++) {
          r[i][j] += q[i][t] * a[j][t];
        }
      }
    }
    for (int i = 0; i < k; i++) {
      assertTrue(r[i][i] > 0, "R diagonal " + i + ": " + r[i][i]);
      for (int j = 0; j < i; j++) {
        assertEquals(0.0, r[i][j], 1e-12, "R below the diagonal at " + i + "," + j);
      }
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        double qr = 0;
        for (int t = 0; t < k; t++) {
          qr += q[t][i] * r[t][j];
        }
        assertEquals(a[j][i], qr, 1e-12);
      }
    }
  }

  /** A rank-deficient input still gives orthonormal columns (a zero column's reflection is the identity). */
  @Test
  void rankDeficientInput() {
    double[][] a = {{1, 2, 3}, {0, 0, 0}};
    double[][] q = HouseholderQr.orthonormalColumns(a, 3);
    for (int x = 0; x < 2; x++) {
      for (int y = 0; y < 2; y++) {
        double dot = 0;
        for (int i = 0; i < 3; i++) {
          dot += q[x][i] * q[y][i];
        }
        assertEquals(x == y ? 1 : 0, dot, 1e-15);
      }
    }
  }

  @Test
  void rankOneShapesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Orthogonal().init(new long[] {5}, 1, 1, DataType.DOUBLE, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("rank >= 2") && e.getMessage().contains("[5]"), e.getMessage());
  }
}
