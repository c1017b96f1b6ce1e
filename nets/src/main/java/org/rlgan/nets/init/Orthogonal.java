package org.rlgan.nets.init;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Orthogonal initialisation (Saxe et al. 2014, "Exact solutions to the nonlinear dynamics of learning in
 * deep linear neural networks"), as PyTorch's {@code orthogonal_}: the shape is viewed as a matrix of
 * rows = shape[0] and cols = the product of the other dimensions; a Gaussian matrix of that size (transposed
 * when wide) is factored A = QR, Q's columns are multiplied by sign(diag R) so that Q is uniformly (Haar)
 * distributed (Mezzadri 2007), and the result is gain·Q (transposed back when wide). Hence
 * WᵀW = gain²·I when rows ≥ cols and WWᵀ = gain²·I when rows ≤ cols.
 *
 * <p>For this library's dense weights [in, out] (y = x·W) that makes the map norm-preserving (times gain)
 * when in ≤ out, and W's columns orthonormal otherwise, like PyTorch's [out, in] transposed. The QR is a
 * plain-Java, unblocked Householder factorisation in float64 (about 4·max·min² flops; measured on a busy
 * 2-core machine: 0.05 s for 256×256, about 2 s for 1024×1024, 15–20 s for 2048×2048); the fans are not used.
 *
 * @param gain the scale factor, finite and &gt; 0 (see {@link Gain})
 */
public record Orthogonal(double gain) implements Initializer {

  public Orthogonal {
    InitSupport.checkGain("Orthogonal", gain);
  }

  /** Gain 1. */
  public Orthogonal() {
    this(1.0);
  }

  /**
   * @throws IllegalArgumentException for a shape of rank below 2 (as PyTorch)
   */
  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    int n = InitSupport.checkedLength("Orthogonal", shape, type, rng);
    if (shape.length < 2) {
      throw new IllegalArgumentException("Orthogonal: needs a shape of rank >= 2 (rows, then columns "
          + "flattened), got " + Arrays.toString(shape));
    }
    int rows = (int) shape[0];
    int cols = n / rows;
    boolean wide = rows < cols;
    // The Gaussian matrix, drawn row-major rows×cols, stored as the columns of the tall orientation.
    int m = Math.max(rows, cols);
    int k = Math.min(rows, cols);
    double[][] a = new double[k][m];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double z = rng.nextGaussian();
        if (wide) {
          a[r][c] = z;     // Aᵀ: row r of A is column r of the tall matrix
        } else {
          a[c][r] = z;
        }
      }
    }
    double[][] q = HouseholderQr.orthonormalColumns(a, m);
    double[] out = new double[n];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = gain * (wide ? q[r][c] : q[c][r]);
      }
    }
    return InitSupport.toArray(out, shape, type);
  }
}
