package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostArraysTest {

  @Test
  void denseArraysRoundTripInRowMajorOrder() {
    for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray a = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE).castTo(t);
      double[] reuse = new double[10];
      double[] v = HostArrays.read(a, reuse);
      assertSame(reuse, v);
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, java.util.Arrays.copyOf(v, 6), 0);
      for (int i = 0; i < 6; i++) {
        v[i] = -v[i] * 0.5;
      }
      HostArrays.write(v, a);
      assertEquals(t, a.dataType());
      assertEquals(-2.0, a.getDouble(1, 0), 0);
      assertEquals(-1.5, a.getDouble(0, 2), 0);
      assertEquals(-0.5, a.getDouble(0, 0), 0);
    }
  }

  @Test
  void viewsAreReadLogicallyAndWrittenThroughToTheirParent() {
    INDArray parent = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
    INDArray transposed = parent.transpose();               // [3, 2] view, column-major strides
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, HostArrays.read(transposed, null), 0);
    INDArray row = parent.getRow(1);                        // offset view
    assertArrayEquals(new double[] {4, 5, 6}, HostArrays.read(row, null), 0);
    HostArrays.write(new double[] {7, 8, 9}, row);
    assertArrayEquals(new double[] {1, 2, 3, 7, 8, 9}, parent.dup().data().asDouble(), 0);
  }
}
