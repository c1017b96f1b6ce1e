package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Kernels.Binary;
import org.rlgan.nets.Kernels.Mode;
import org.rlgan.nets.Kernels.Unary;

/**
 * The Java kernels against the ND4J ones, primitive by primitive, in float32 and float64: same shapes, same
 * types, values equal (arithmetic), or within 1e-6 relative in float32 and 1e-12 in float64 (sums, GEMM,
 * transcendental functions, which round differently).
 */
@ExtendWith(KernelModes.class)
class KernelsTest {
  private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};
  private final SplittableRandom rng = new SplittableRandom(7);

  @BeforeEach
  void cpuOnly() {
    assumeTrue(Nd4j.getEnvironment().isCPU(), "the Java kernels run on ND4J's CPU backend only");
  }

  private INDArray rand(DataType type, long... shape) {
    long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    double[] v = new double[(int) n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-2, 2);
    }
    return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
  }

  private INDArray positive(DataType type, long... shape) {
    INDArray x = rand(type, shape);
    return Kernels.addScalar(Kernels.unary(Unary.ABS, x), 0.1);
  }

  /** Runs f under both modes and checks that the results agree. */
  private static INDArray agree(String what, double relTol, Supplier<INDArray> f) {
    return agree(what, relTol, 1e-30, f);
  }

  /**
   * {@link #agree(String, double, Supplier)} with an absolute floor: for sums whose terms cancel, where two
   * summation orders (OpenBLAS in Java mode; libnd4j's matmul, on oneDNN in the -onednn build) differ by a few
   * units in the last place of the terms, not of the result.
   */
  private static INDArray agree(String what, double relTol, double absTol, Supplier<INDArray> f) {
    Kernels.setMode(Mode.JAVA);
    INDArray j = f.get();
    Kernels.setMode(Mode.ND4J);
    INDArray n = f.get();
    Kernels.setMode(Mode.JAVA);
    assertArrayEquals(n.shape(), j.shape(), what + ": shape");
    assertEquals(n.dataType(), j.dataType(), what + ": type");
    double[] a = j.dup('c').data().asDouble();
    double[] b = n.dup('c').data().asDouble();
    for (int i = 0; i < a.length; i++) {
      double diff = Math.abs(a[i] - b[i]);
      boolean ok = diff <= relTol * Math.max(Math.abs(a[i]), Math.abs(b[i])) || diff < absTol
          || (Double.isNaN(a[i]) && Double.isNaN(b[i]));
      assertTrue(ok, what + ": element " + i + ": java " + a[i] + " vs nd4j " + b[i]);
    }
    return j;
  }

  private static double tol(DataType t) {
    return t == DataType.FLOAT ? 1e-6 : 1e-12;
  }

  @Test
  void binaryOpsBroadcastLikeNumPy() {
    long[][][] pairs = {
        {{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{3, 4}, {1, 4}}, {{3, 1}, {3, 4}}, {{3, 4}, {3, 1}}, {{4}, {3, 4}},
        {{2, 3, 4}, {3, 1}}, {{2, 1, 4}, {3, 1}}, {{}, {3, 4}}, {{3, 4}, {1}}, {{2, 3}, {}}, {{1, 1}, {2, 3}},
        {{5}, {5}}, {{2, 3, 4}, {2, 1, 4}}};
    for (DataType t : TYPES) {
      for (long[][] p : pairs) {
        INDArray a = rand(t, p[0]);
        INDArray b = positive(t, p[1]);
        long[] out = Ops.add(Tensor.constant(a), Tensor.constant(b)).shape();
        for (Binary op : Binary.values()) {
          agree(op + " " + Arrays.toString(p[0]) + " " + Arrays.toString(p[1]) + " " + t, 0,
              () -> Kernels.binary(op, a, b, out));
        }
      }
    }
  }

  @Test
  void sumToAndBroadcastToAreAdjoint() {
    long[][][] cases = {
        {{3, 4}, {4}}, {{3, 4}, {1, 4}}, {{3, 4}, {3, 1}}, {{3, 4}, {}}, {{3, 4}, {1, 1}}, {{2, 3, 4}, {3, 1}},
        {{2, 3, 4}, {2, 1, 4}}, {{2, 3, 4}, {4}}, {{2, 3, 4}, {}}, {{2, 3, 4}, {1, 3, 1}}, {{64, 2}, {2}}};
    for (DataType t : TYPES) {
      for (long[][] c : cases) {
        INDArray x = rand(t, c[0]);
        int[] dims = sumDims(c[0], c[1]);
        INDArray s = agree("sumTo " + Arrays.toString(c[0]) + "->" + Arrays.toString(c[1]) + " " + t, tol(t),
            () -> Kernels.sumTo(x, c[1], dims));
        agree("broadcastTo " + Arrays.toString(c[1]) + "->" + Arrays.toString(c[0]) + " " + t, 0,
            () -> Kernels.broadcastTo(s, c[0]));
      }
    }
  }

  private static int[] sumDims(long[] from, long[] to) {
    int lead = from.length - to.length;
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      if (i < lead || (to[i - lead] == 1 && from[i] != 1)) {
        dims.add(i);
      }
    }
    return dims.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void elementWiseFunctions() {
    for (DataType t : TYPES) {
      INDArray x = rand(t, 7, 9);
      INDArray p = positive(t, 7, 9);
      for (Unary op : Unary.values()) {
        INDArray in = op == Unary.LOG || op == Unary.SQRT || op == Unary.LOG1P ? p : x;
        agree(op + " " + t, tol(t) * 4, () -> Kernels.unary(op, in));
        // beyond the Java limit both modes use ND4J
        INDArray big = op == Unary.LOG || op == Unary.SQRT || op == Unary.LOG1P ? positive(t, 3000) : rand(t, 3000);
        agree(op + " large " + t, tol(t) * 4, () -> Kernels.unary(op, big));
      }
      agree("pow " + t, tol(t) * 4, () -> Kernels.pow(p, 2.5));
      agree("addScalar " + t, 0, () -> Kernels.addScalar(x, 0.7));
      agree("mulScalar " + t, 0, () -> Kernels.mulScalar(x, -1.3));
      agree("rsubScalar " + t, 0, () -> Kernels.rsubScalar(x, 1.0));
      agree("clamp " + t, 0, () -> Kernels.clamp(x, -0.3, 0.4));
      agree("huber 1 " + t, tol(t), () -> Kernels.huber(x, 1.0));
      agree("huber 0.5 " + t, tol(t), () -> Kernels.huber(x, 0.5));
      INDArray g = rand(t, 7, 9);
      agree("passInside relu " + t, 0, () -> Kernels.passInside(g, x, 0.0, Double.POSITIVE_INFINITY));
      agree("passInside clamp " + t, 0, () -> Kernels.passInside(g, x, -0.3, 0.4));
      agree("passInside open top " + t, 0, () -> Kernels.passInside(g, x, -0.3, Double.POSITIVE_INFINITY));
    }
  }

  /** relu's mask is [r > 0] exactly: −0, NaN and −∞ block, +∞ and the smallest positive normal pass. */
  @Test
  void reluMaskEdgeValues() {
    Kernels.setMode(Mode.JAVA);
    double[] r = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-30, -1e-30, 3.0,
        -3.0, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE};
    double[] g = new double[r.length];
    Arrays.fill(g, 2.5);
    for (DataType t : TYPES) {
      INDArray out = Kernels.passInside(Nd4j.create(g, new long[] {g.length}, DataType.DOUBLE).castTo(t),
          Nd4j.create(r, new long[] {r.length}, DataType.DOUBLE).castTo(t), 0.0, Double.POSITIVE_INFINITY);
      double[] o = out.data().asDouble();
      for (int i = 0; i < r.length; i++) {
        double ri = t == DataType.FLOAT ? (float) r[i] : r[i];
        assertEquals(ri > 0 ? 2.5 : 0.0, o[i], 0, t + " mask at r = " + r[i]);
      }
    }
  }

  @Test
  void linearAlgebra() {
    for (DataType t : TYPES) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          INDArray a = ta ? rand(t, 4, 3) : rand(t, 3, 4);
          INDArray b = tb ? rand(t, 5, 4) : rand(t, 4, 5);
          agree("matmul " + ta + " " + tb + " " + t, tol(t) * 10, tol(t), () -> Kernels.matmul(a, b, ta, tb));
        }
      }
      INDArray x = rand(t, 6, 4);
      INDArray w = rand(t, 4, 5);
      INDArray b1 = rand(t, 5);
      agree("linear b[5] " + t, tol(t) * 10, tol(t), () -> Kernels.linear(x, w, b1));
      INDArray b2 = rand(t, 1, 5);
      agree("linear b[1,5] " + t, tol(t) * 10, tol(t), () -> Kernels.linear(x, w, b2));
      INDArray big1 = rand(t, 64, 64);
      INDArray big2 = rand(t, 64, 64);
      agree("matmul 64 " + t, tol(t) * 10, tol(t) * 10, () -> Kernels.matmul(big1, big2, true, false));
    }
  }

  @Test
  void maxAndItsWeights() {
    for (DataType t : TYPES) {
      INDArray x = rand(t, 3, 4, 5);
      for (int dim = 0; dim < 3; dim++) {
        final int d = dim;
        agree("max keep " + dim + " " + t, 0, () -> Kernels.max(x, d, true));
        agree("max drop " + dim + " " + t, 0, () -> Kernels.max(x, d, false));
        agree("maxWeights " + dim + " " + t, 0, () -> Kernels.maxWeights(x, d));
      }
      INDArray ties = Nd4j.create(new double[] {1, 3, 3, 0, 2, 2, 2, 2}, new long[] {2, 4}, DataType.DOUBLE).castTo(t);
      INDArray w = agree("maxWeights ties " + t, 0, () -> Kernels.maxWeights(ties, 1));
      assertArrayEquals(new double[] {0, 0.5, 0.5, 0, 0.25, 0.25, 0.25, 0.25}, w.data().asDouble(), 1e-7);
      INDArray v = rand(t, 5);
      agree("max vector " + t, 0, () -> Kernels.max(v, 0, false));
    }
  }

  @Test
  void indexingAndCopies() {
    long[] index = {2, 0, 3, 3, 1};
    for (DataType t : TYPES) {
      INDArray x = rand(t, 5, 4);
      agree("pick " + t, 0, () -> Kernels.pick(x, index));
      INDArray g = rand(t, 5);
      agree("unpick " + t, 0, () -> Kernels.unpick(g, index, 4));
      agree("oneHot " + t, 0, () -> Kernels.oneHot(index, 4, t));
      agree("full " + t, 0, () -> Kernels.full(t, new long[] {2, 3}, 1.5));
      agree("full scalar " + t, 0, () -> Kernels.full(t, new long[0], 1.0));
      agree("dup " + t, 0, () -> Kernels.dup(x));
      agree("reshapeCopy " + t, 0, () -> Kernels.reshapeCopy(x, new long[] {2, -1}));
      INDArray target = rand(t, 5, 4);
      INDArray expected = target.add(x);
      Kernels.addInPlace(target, x);
      assertEquals(expected, target);
    }
  }

  /** Views, transposes (column-major) and row slices take the ND4J route in Java mode and agree. */
  @Test
  void nonContiguousInputsFallBack() {
    for (DataType t : TYPES) {
      INDArray base = rand(t, 4, 6);
      INDArray transposed = base.transpose();          // column-major, not a view
      INDArray row = base.getRow(1);                    // a view with an offset
      INDArray cols = base.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
      assertFalse(Kernels.dense(transposed));
      assertFalse(Kernels.dense(row));
      assertFalse(Kernels.dense(cols));
      INDArray other = rand(t, 6, 4);
      agree("add transposed " + t, 0, () -> Kernels.binary(Binary.ADD, transposed, other, new long[] {6, 4}));
      agree("relu row " + t, 0, () -> Kernels.unary(Unary.RELU, row));
      agree("sumTo cols " + t, tol(t), () -> Kernels.sumTo(cols, new long[] {2}, new int[] {0}));
      agree("matmul transposed " + t, tol(t) * 10, () -> Kernels.matmul(transposed, base, false, false));
      INDArray bias = rand(t, 4);
      agree("linear transposed " + t, tol(t) * 10, () -> Kernels.linear(base, transposed, bias));
      agree("dup row " + t, 0, () -> Kernels.dup(row));
    }
  }

  /**
   * A reshape of a whole contiguous array is flagged a view by ND4J but covers its buffer row-major: the Java
   * loops take it (data batches are made as {@code createFromArray(v).reshape(n, d)}), agree with ND4J, and its
   * memory, which the source array still owns, is never recycled.
   */
  @Test
  void wholeBufferReshapesAreDense() {
    for (DataType t : TYPES) {
      INDArray flat = rand(t, 24);
      INDArray x = flat.reshape(6, 4);
      assertTrue(x.isView(), "ND4J marks the reshape as a view");
      assertTrue(Kernels.dense(x));
      assertTrue(HostArrays.isRowMajorDense(x));
      assertFalse(Kernels.dense(flat.reshape('f', 6, 4)), "column-major reshape");
      INDArray w = rand(t, 4, 3);
      INDArray bias = rand(t, 3);
      agree("linear on a reshape " + t, tol(t) * 10, () -> Kernels.linear(x, w, bias));
      agree("relu on a reshape " + t, 0, () -> Kernels.unary(Unary.RELU, x));
      assertArrayEquals(flat.dup().data().asDouble(), HostArrays.read(x, null), 0);
      Kernels.setMode(Mode.JAVA);
      assertFalse(Kernels.recycle(x), "the buffer belongs to the source array");
    }
  }

  /** Arrays made by {@link Kernels#allocate} are ordinary ND4J arrays. */
  @Test
  void allocatedArraysAreOrdinary() throws Exception {
    Kernels.setMode(Mode.JAVA);
    for (DataType t : TYPES) {
      INDArray a = Kernels.allocate(t, new long[] {3, 4});
      INDArray b = Kernels.allocate(t, new long[] {3, 4});
      assertNotSame(a.data(), b.data());
      a.assign(1.5);
      b.assign(2.0);
      assertEquals(t, a.dataType());
      assertArrayEquals(new long[] {3, 4}, a.shape());
      assertArrayEquals(new long[] {4, 1}, a.stride());
      assertEquals('c', a.ordering());
      assertFalse(a.isView());
      assertTrue(a.closeable());
      assertEquals(Nd4j.valueArrayOf(new long[] {3, 4}, 3.5, t), a.add(b));
      assertEquals(18.0, a.sumNumber().doubleValue(), 0);
      INDArray round = Nd4j.fromByteArray(Nd4j.toByteArray(a));
      assertEquals(a, round);
      assertEquals(1.5, Kernels.allocate(t, new long[0]).assign(1.5).getDouble(0), 0);
      a.close();
      assertEquals(2.0, b.getDouble(5), 0);
    }
    WorkspaceConfiguration cfg = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(cfg, "kernels-test")) {
      assertTrue(ws.isScopeActive());
      assertTrue(Kernels.allocate(DataType.FLOAT, new long[] {2, 2}).isAttached(), "workspace allocation");
    }
  }

  @Test
  void recycledMemoryIsHandedOutAgain() {
    Kernels.setMode(Mode.JAVA);
    INDArray a = Kernels.full(DataType.FLOAT, new long[] {4, 8}, 3.0);
    long address = a.data().address();
    assertTrue(Kernels.recycle(a));
    INDArray b = Kernels.full(DataType.FLOAT, new long[] {32}, 1.0);
    assertEquals(address, b.data().address(), "same length and type: the recycled buffer");
    assertEquals(32.0, b.sumNumber().doubleValue(), 0);
    INDArray view = Kernels.full(DataType.FLOAT, new long[] {4, 8}, 1.0).getRow(1);
    assertFalse(Kernels.recycle(view), "views are never recycled");
    Kernels.setMode(Mode.ND4J);
    assertFalse(Kernels.recycle(Kernels.full(DataType.FLOAT, new long[] {4}, 1.0)), "ND4J mode recycles nothing");
  }

  /** A float32 MLP's loss and gradients agree between the two implementations. */
  @Test
  void float32NetworkGradientsAgree() {
    INDArray x = rand(DataType.FLOAT, 16, 4);
    INDArray[] p = {rand(DataType.FLOAT, 4, 32), rand(DataType.FLOAT, 32), rand(DataType.FLOAT, 32, 3),
        rand(DataType.FLOAT, 3)};
    long[] actions = new long[16];
    for (int i = 0; i < 16; i++) {
      actions[i] = i % 3;
    }
    INDArray target = rand(DataType.FLOAT, 16);
    List<double[]> results = new ArrayList<>();
    for (Mode m : Mode.values()) {
      Kernels.setMode(m);
      List<Tensor> params = new ArrayList<>();
      for (INDArray a : p) {
        params.add(Tensor.parameter("p", a.dup()));
      }
      Tensor h = Ops.tanh(Ops.relu(Ops.linear(Tensor.constant(x), params.get(0), params.get(1))));
      Tensor q = Ops.linear(h, params.get(2), params.get(3));
      Tensor loss = Ops.add(Ops.mean(Ops.huber(Ops.sub(Ops.pick(q, actions), Tensor.constant(target)), 1.0)),
          Ops.mean(Ops.max(Ops.softmax(q, 1), 1, false)));
      Autograd.backward(loss);
      List<Double> all = new ArrayList<>();
      all.add(loss.item());
      for (Tensor t : params) {
        for (double v : t.grad().dup().data().asDouble()) {
          all.add(v);
        }
      }
      results.add(all.stream().mapToDouble(Double::doubleValue).toArray());
    }
    double[] j = results.get(0);
    double[] n = results.get(1);
    for (int i = 0; i < j.length; i++) {
      assertEquals(n[i], j[i], 1e-5 * Math.max(1, Math.abs(n[i])), "element " + i);
    }
  }

  @Test
  void castToKeepsTheSameArrayWhenTheTypeMatches() {
    INDArray x = rand(DataType.FLOAT, 2, 2);
    assertSame(x, Kernels.castTo(x, DataType.FLOAT));
    assertEquals(DataType.DOUBLE, Kernels.castTo(x, DataType.DOUBLE).dataType());
  }
}
