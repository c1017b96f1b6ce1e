package org.rlgan.nets;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major copies between ND4J arrays and Java {@code double[]}, for element-wise updates written once as
 * plain loops (the optimizers). On the CPU backend a dense float32/float64 array is copied with one bulk
 * transfer from or to ND4J's own memory; anything else (views, other backends) goes through ND4J's
 * {@code dup}/{@code assign}, which is correct everywhere and slower.
 */
public final class HostArrays {
  private static final boolean CPU = Nd4j.getEnvironment().isCPU();
  private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[1][0]);

  private HostArrays() {}

  /**
   * The elements of {@code a} in row-major order, as doubles.
   *
   * @param into reused when it has room for {@code a.length()} elements, else a new array is made
   * @return the array holding the values (its length may exceed {@code a.length()})
   */
  public static double[] read(INDArray a, double[] into) {
    int n = Math.toIntExact(a.length());
    double[] out = into != null && into.length >= n ? into : new double[n];
    if (CPU && Kernels.dense(a)) {
      if (a.dataType() == DataType.DOUBLE) {
        ((DoublePointer) a.data().addressPointer()).get(out, 0, n);
      } else {
        float[] f = floats(n);
        ((FloatPointer) a.data().addressPointer()).get(f, 0, n);
        for (int i = 0; i < n; i++) {
          out[i] = f[i];
        }
      }
    } else {
      double[] v = a.dup('c').data().asDouble();
      System.arraycopy(v, 0, out, 0, n);
    }
    return out;
  }

  /** Writes the first {@code a.length()} values into {@code a} in place (rounded to its data type). */
  public static void write(double[] values, INDArray a) {
    int n = Math.toIntExact(a.length());
    if (CPU && Kernels.dense(a)) {
      if (a.dataType() == DataType.DOUBLE) {
        ((DoublePointer) a.data().addressPointer()).put(values, 0, n);
      } else {
        float[] f = floats(n);
        for (int i = 0; i < n; i++) {
          f[i] = (float) values[i];
        }
        ((FloatPointer) a.data().addressPointer()).put(f, 0, n);
      }
    } else {
      double[] exact = values.length == n ? values : java.util.Arrays.copyOf(values, n);
      a.assign(Nd4j.create(exact, a.shape(), DataType.DOUBLE).castTo(a.dataType()));
    }
  }

  /**
   * Whether {@code a}'s elements are exactly its buffer's, in row-major order from offset 0: no gaps, any data
   * type (size-1 dimensions may have any stride). Such an array can be read or written with one bulk copy of its
   * buffer. A view qualifies when it covers its whole buffer that way: ND4J flags {@code reshape} of a
   * contiguous array as a view (e.g. {@code Nd4j.createFromArray(v).reshape(n, d)}, how data batches are made),
   * and such an array is as dense as its source.
   */
  public static boolean isRowMajorDense(INDArray a) {
    if (a.offset() != 0 || a.data().length() != a.length()) {
      return false;
    }
    long[] shape = a.shape();
    long[] stride = a.stride();
    if (stride.length != shape.length) {
      return false;
    }
    long expect = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && stride[d] != expect) {
        return false;
      }
      expect *= shape[d];
    }
    return true;
  }

  /**
   * Whether {@link #readFloats} and {@link #writeFloats} apply: a float32 array on the CPU backend whose elements
   * are its buffer's, in row-major order.
   */
  public static boolean isHostFloat(INDArray a) {
    return CPU && a.dataType() == DataType.FLOAT && Kernels.dense(a);
  }

  /**
   * The elements of a float32 array ({@link #isHostFloat}) in row-major order, one bulk copy.
   *
   * @param into reused when it has room for {@code a.length()} elements, else a new array is made
   */
  public static float[] readFloats(INDArray a, float[] into) {
    int n = Math.toIntExact(a.length());
    float[] out = into != null && into.length >= n ? into : new float[n];
    ((FloatPointer) a.data().addressPointer()).get(out, 0, n);
    return out;
  }

  /** Writes the first {@code a.length()} values into a float32 array ({@link #isHostFloat}) in place. */
  public static void writeFloats(float[] values, INDArray a) {
    ((FloatPointer) a.data().addressPointer()).put(values, 0, Math.toIntExact(a.length()));
  }

  private static float[] floats(int n) {
    float[][] holder = FLOATS.get();
    if (holder[0].length < n) {
      holder[0] = new float[n];
    }
    return holder[0];
  }
}
