package org.rlgan.nets.init;

/**
 * The Q factor of a thin QR decomposition by Householder reflections (Golub and Van Loan, "Matrix
 * Computations", 4th ed., Alg. 5.2.1), in plain Java so that the result is the same on every machine.
 * Costs about 4mk² flops for an m×k matrix (k ≤ m).
 */
final class HouseholderQr {
  private HouseholderQr() {}

  /**
   * The m×k matrix Q with orthonormal columns such that A = QR, R upper triangular with a non-negative
   * diagonal: the reflections' Q with each column j multiplied by sign(R_jj) (Mezzadri 2007, which makes Q
   * Haar-distributed when A is Gaussian; a zero R_jj counts as positive).
   *
   * @param a the matrix column by column: {@code a[j][i]} is A_ij; overwritten
   * @param m the number of rows, ≥ k
   * @return Q column by column, {@code q[j][i]} = Q_ij
   */
  static double[][] orthonormalColumns(double[][] a, int m) {
    int k = a.length;
    if (k > m) {
      throw new IllegalArgumentException("thin QR needs at least as many rows as columns, got " + m + "×" + k);
    }
    double[][] v = new double[k][];   // v[j] has length m − j: the reflector I − 2vvᵀ acting on rows j..m−1
    double[] rDiag = new double[k];
    for (int j = 0; j < k; j++) {
      double[] col = a[j];
      double norm = 0;
      for (int i = j; i < m; i++) {
        norm = Math.hypot(norm, col[i]);
      }
      double[] vj = new double[m - j];
      if (norm == 0) {
        v[j] = vj;                     // nothing to annihilate: the identity (v = 0)
        rDiag[j] = 0;
        continue;
      }
      // α = −sign(x₀)‖x‖ avoids cancellation in x₀ − α.
      double alpha = col[j] >= 0 ? -norm : norm;
      for (int i = j; i < m; i++) {
        vj[i - j] = col[i];
      }
      vj[0] -= alpha;
      double vNorm = 0;
      for (double x : vj) {
        vNorm = Math.hypot(vNorm, x);
      }
      for (int i = 0; i < vj.length; i++) {
        vj[i] /= vNorm;
      }
      v[j] = vj;
      rDiag[j] = alpha;
      // Apply the reflection to the remaining columns.
      for (int c = j + 1; c < k; c++) {
        reflect(vj, a[c], j);
      }
    }
    // Q = H₀H₁…H_{k−1} applied to the first k columns of the identity, innermost reflection first.
    double[][] q = new double[k][m];
    for (int c = 0; c < k; c++) {
      q[c][c] = 1.0;
      for (int j = Math.min(c, k - 1); j >= 0; j--) {
        reflect(v[j], q[c], j);
      }
      if (rDiag[c] < 0) {
        for (int i = 0; i < m; i++) {
          q[c][i] = -q[c][i];
        }
      }
    }
    return q;
  }

  /** x[offset..] ← (I − 2vvᵀ) x[offset..]. */
  private static void reflect(double[] v, double[] x, int offset) {
    double dot = 0;
    for (int i = 0; i < v.length; i++) {
      dot += v[i] * x[offset + i];
    }
    if (dot == 0) {
      return;
    }
    double s = 2 * dot;
    for (int i = 0; i < v.length; i++) {
      x[offset + i] -= s * v[i];
    }
  }
}
