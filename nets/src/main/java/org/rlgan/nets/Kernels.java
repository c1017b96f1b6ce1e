package org.rlgan.nets;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The numerical primitives under {@link Ops}, one method each, in one place. Every method returns a new
 * array and leaves its inputs alone; the differentiation (backward rules) stays in {@link Ops}.
 *
 * <p>Two implementations sit behind each method:
 * <ul>
 *   <li>{@link Mode#JAVA}: plain Java loops over heap copies of the operands (one bulk copy in per operand,
 *       one out into the freshly allocated result) and CBLAS GEMM called directly on ND4J's own memory. On
 *       the CPU backend every ND4J operation costs 5–40 µs of fixed overhead (op construction, JNI, shape
 *       checks) whatever the size, which dominates the small tensors of RL and 2-D GAN training; a Java loop
 *       over 4,096 floats takes about a microsecond. Only the result array is allocated through ND4J, in
 *       a cheaper way than {@code Nd4j.createUninitialized} ({@link #allocate}), and an unrecorded backward
 *       pass hands the memory of dead gradients back for reuse ({@link #recycle}).</li>
 *   <li>{@link Mode#ND4J}: ND4J operations, as before. Used on every other backend (CUDA), and, in Java
 *       mode, for what the loops do not cover: data types other than float32/float64, arrays that are views
 *       or not row-major contiguous with zero offset, and sizes beyond an int.</li>
 * </ul>
 *
 * <p>The mode is chosen once from the system property {@value #PROPERTY} ({@code java}, {@code nd4j}, or
 * {@code auto}, the default: Java on the CPU backend, ND4J elsewhere); tests switch it with
 * {@link #setMode(Mode)} to keep both implementations checked.
 *
 * <p>Float32 element-wise arithmetic is done in float (bit-identical to ND4J for +, −, ×, ÷); transcendental
 * functions and sums are computed in double and rounded once, so they may differ from ND4J's float kernels in
 * the last bit. GEMM goes to the same OpenBLAS library that ND4J itself calls, with the thread count ND4J set.
 */
final class Kernels {
  /** The system property that picks the implementation: {@code java}, {@code nd4j} or {@code auto}. */
  static final String PROPERTY = "rlgan.nets.kernels";

  /** Which implementation the primitives use. */
  enum Mode { JAVA, ND4J }

  /** Heap scratch arrays larger than this many elements are not kept between calls. */
  private static final int SCRATCH_KEEP = 1 << 20;

  private static boolean java = resolveMode() == Mode.JAVA;

  private Kernels() {}

  private static Mode resolveMode() {
    String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    boolean cpu = Nd4j.getEnvironment().isCPU();
    switch (v) {
      case "auto":
      case "":
        return cpu ? Mode.JAVA : Mode.ND4J;
      case "nd4j":
        return Mode.ND4J;
      case "java":
        if (!cpu) {
          throw new IllegalStateException("-D" + PROPERTY + "=java needs ND4J's CPU backend (nd4j-native), but "
              + "the backend is " + Nd4j.getBackend().getClass().getSimpleName() + "; use " + PROPERTY
              + "=auto or nd4j");
        }
        return Mode.JAVA;
      default:
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is not one of java, nd4j, auto");
    }
  }

  static Mode mode() {
    return java ? Mode.JAVA : Mode.ND4J;
  }

  /** Whether the Java implementations are in use (as {@code mode() == Mode.JAVA}, for hot paths). */
  static boolean javaMode() {
    return java;
  }

  /** Switches the implementation (tests run the same checks under both); returns the previous mode. */
  static Mode setMode(Mode m) {
    Mode previous = mode();
    if (m == Mode.JAVA && !Nd4j.getEnvironment().isCPU()) {
      throw new IllegalStateException("Java kernels need ND4J's CPU backend");
    }
    java = m == Mode.JAVA;
    return previous;
  }

  // =================================================================== memory access (Java mode)

  /**
   * Whether the Java loops can work on x's memory directly: float32 or float64, the whole of its buffer (a view
   * only when it covers all of it, as a reshape does) from offset zero, row-major contiguous (size-1 dimensions
   * excepted), at most {@link Integer#MAX_VALUE} elements.
   */
  static boolean dense(INDArray x) {
    DataType t = x.dataType();
    return (t == DataType.FLOAT || t == DataType.DOUBLE) && !x.isEmpty() && x.length() <= Integer.MAX_VALUE
        && x.data().pointer().position() == 0 && HostArrays.isRowMajorDense(x);
  }


  private static boolean dense(INDArray a, INDArray b) {
    return a.dataType() == b.dataType() && dense(a) && dense(b);
  }

  private static final class Scratch {
    final float[][] f = new float[4][];
    final double[][] d = new double[4][];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A per-thread heap array of at least n floats for slot 0–3 (contents undefined). */
  static float[] scratchF(int slot, int n) {
    if (n > SCRATCH_KEEP) {
      return new float[n];
    }
    float[][] s = SCRATCH.get().f;
    float[] a = s[slot];
    if (a == null || a.length < n) {
      a = new float[Math.max(n, 64)];
      s[slot] = a;
    }
    return a;
  }

  static double[] scratchD(int slot, int n) {
    if (n > SCRATCH_KEEP) {
      return new double[n];
    }
    double[][] s = SCRATCH.get().d;
    double[] a = s[slot];
    if (a == null || a.length < n) {
      a = new double[Math.max(n, 64)];
      s[slot] = a;
    }
    return a;
  }

  static FloatPointer fp(INDArray x) {
    return (FloatPointer) x.data().pointer();
  }

  static DoublePointer dp(INDArray x) {
    return (DoublePointer) x.data().pointer();
  }

  /**
   * A view of a dense float32 array's native memory (row-major, from element 0; see {@link #dense}) as a buffer of
   * its length, for scalar kernels that read or write it in place instead of through a heap copy. Valid while x is.
   */
  static java.nio.FloatBuffer bufferF(INDArray x) {
    long n = x.length();
    return new FloatPointer(fp(x)).capacity(n).limit(n).asBuffer();
  }

  /** x's elements, row-major, in scratch slot {@code slot}. */
  static float[] readF(INDArray x, int slot) {
    int n = (int) x.length();
    float[] a = scratchF(slot, n);
    fp(x).get(a, 0, n);
    return a;
  }

  static double[] readD(INDArray x, int slot) {
    int n = (int) x.length();
    double[] a = scratchD(slot, n);
    dp(x).get(a, 0, n);
    return a;
  }

  /** A new row-major array of the given shape holding v[0, n). */
  static INDArray writeF(float[] v, long[] shape) {
    INDArray y = allocate(DataType.FLOAT, shape);
    int n = (int) y.length();
    if (n > 0) {
      fp(y).put(v, 0, n);
    }
    return y;
  }

  static INDArray writeD(double[] v, long[] shape) {
    INDArray y = allocate(DataType.DOUBLE, shape);
    int n = (int) y.length();
    if (n > 0) {
      dp(y).put(v, 0, n);
    }
    return y;
  }

  static boolean isFloat(INDArray x) {
    return x.dataType() == DataType.FLOAT;
  }

  private static int size(long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    if (n > Integer.MAX_VALUE) {
      return -1;
    }
    return (int) n;
  }

  // =================================================================== allocation

  /**
   * A new uninitialised row-major array (Java mode). {@code Nd4j.createUninitialized} builds a fresh native
   * shape-information buffer for every array on the CPU backend (JNI, a JavaCPP allocation with its own
   * deallocator and weak reference): two thirds of its cost, and half of the native objects the garbage
   * collector then has to process. Shape information is immutable, and ND4J shares it between arrays itself
   * (its provider caches one form of it), so arrays made here share one per type and shape: the CPU
   * backend's {@code NDArray(DataBuffer, LongBuffer, long[])} constructor takes it with the data buffer.
   * Falls back to {@code createUninitialized} inside an ND4J workspace (which owns the allocation there),
   * for empty arrays, and once the cache is full.
   */
  static INDArray allocate(DataType type, long[] shape) {
    if (Alloc.CTOR != null && Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
      Pair<DataBuffer, long[]> info = Alloc.shapeInfo(type, shape);
      if (info != null) {
        long n = 1;
        for (long d : shape) {
          n *= d;
        }
        DataBuffer data = POOL.get().take(type, n);
        if (data == null) {
          data = Nd4j.createBuffer(type, n, false);
        }
        try {
          return (INDArray) Alloc.CTOR.invokeExact(data, info.getFirst(), info.getSecond());
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IllegalStateException("creating an array of shape " + Arrays.toString(shape) + " failed", t);
        }
      }
    }
    return Nd4j.createUninitialized(type, shape);
  }

  /**
   * Takes over the memory of an array that nothing can read any more, for {@link #allocate} to hand out again
   * (Java mode only; the caller guarantees that no other reference to the array, or view of it, is used
   * afterwards). Returns false, leaving the array alone, when it is not a plain dense array, belongs to a
   * workspace, or the calling thread's pool is full. The pool is per thread and small: at most
   * {@value Pool#PER_SIZE} buffers of a size and {@value Pool#MAX_BYTES} bytes in all.
   */
  static boolean recycle(INDArray a) {
    if (!java || Alloc.CTOR == null || a.isView() || !dense(a) || !a.closeable() || a.isAttached()
        || a.length() > Pool.MAX_LENGTH) {
      return false;
    }
    return POOL.get().offer(a.data(), a.dataType(), a.length());
  }

  private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

  /**
   * Free data buffers by type and length: a short list searched linearly (a training loop uses a few sizes). When a
   * buffer does not fit (too many bytes or sizes), buffers of the size least recently handed out or taken back are
   * closed to make room, so a process that moves on to other shapes (the next trial of a sweep) does not keep the
   * old ones.
   */
  private static final class Pool {
    static final int PER_SIZE = 16;
    static final long MAX_BYTES = 128L << 20;
    static final long MAX_LENGTH = 1L << 20;
    private static final int KINDS = 32;
    private final DataType[] types = new DataType[KINDS];
    private final long[] lengths = new long[KINDS];
    private final DataBuffer[][] buffers = new DataBuffer[KINDS][PER_SIZE];
    private final int[] counts = new int[KINDS];
    private final long[] used = new long[KINDS];
    private long clock;
    private int kinds;
    private long bytes;

    private int find(DataType type, long length) {
      for (int k = 0; k < kinds; k++) {
        if (lengths[k] == length && types[k] == type) {
          return k;
        }
      }
      return -1;
    }

    DataBuffer take(DataType type, long length) {
      if (kinds == 0) {
        return null;
      }
      int k = find(type, length);
      if (k < 0 || counts[k] == 0) {
        return null;
      }
      used[k] = ++clock;
      DataBuffer d = buffers[k][--counts[k]];
      buffers[k][counts[k]] = null;
      bytes -= length * type.width();
      return d;
    }

    boolean offer(DataBuffer d, DataType type, long length) {
      long b = length * type.width();
      if (b > MAX_BYTES) {
        return false;
      }
      int k = find(type, length);
      if (k >= 0 && counts[k] == PER_SIZE) {
        return false;
      }
      while (bytes + b > MAX_BYTES) {
        evictOne(k);
      }
      if (k < 0) {
        if (kinds == KINDS) {
          k = leastRecentlyUsed(-1, false);
          while (counts[k] > 0) {
            closeLast(k);
          }
        } else {
          k = kinds++;
        }
        types[k] = type;
        lengths[k] = length;
      }
      used[k] = ++clock;
      buffers[k][counts[k]++] = d;
      bytes += b;
      return true;
    }

    /** Closes one buffer of the least recently used size other than {@code keep} that has any. */
    private void evictOne(int keep) {
      int k = leastRecentlyUsed(keep, true);
      closeLast(k < 0 ? keep : k);
    }

    private int leastRecentlyUsed(int except, boolean nonEmpty) {
      int best = -1;
      for (int k = 0; k < kinds; k++) {
        if (k != except && (!nonEmpty || counts[k] > 0) && (best < 0 || used[k] < used[best])) {
          best = k;
        }
      }
      return best;
    }

    private void closeLast(int k) {
      DataBuffer d = buffers[k][--counts[k]];
      buffers[k][counts[k]] = null;
      bytes -= lengths[k] * types[k].width();
      d.close();
    }
  }

  /** The CPU backend's array constructor and the shared shape information (only touched in Java mode). */
  private static final class Alloc {
    private static final int MAX_SHAPES = 4096;
    private static final MethodHandle CTOR = constructor();
    private static final ConcurrentHashMap<ShapeKey, Pair<DataBuffer, long[]>> SHAPES = new ConcurrentHashMap<>();

    private record ShapeKey(DataType type, long[] shape) {
      @Override
      public boolean equals(Object o) {
        return o instanceof ShapeKey k && k.type == type && Arrays.equals(k.shape, shape);
      }

      @Override
      public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(shape);
      }
    }

    private static MethodHandle constructor() {
      try {
        Class<?> ndArray = Class.forName("org.nd4j.linalg.cpu.nativecpu.NDArray");
        Class<?> longBuffer = Class.forName("org.nd4j.linalg.cpu.nativecpu.buffer.LongBuffer");
        return MethodHandles.publicLookup()
            .findConstructor(ndArray, MethodType.methodType(void.class, DataBuffer.class, longBuffer, long[].class))
            .asType(MethodType.methodType(INDArray.class, DataBuffer.class, DataBuffer.class, long[].class));
      } catch (ReflectiveOperationException | LinkageError e) {
        return null;
      }
    }

    /** The shape information of a row-major array, or null for empty arrays and once the cache is full. */
    static Pair<DataBuffer, long[]> shapeInfo(DataType type, long[] shape) {
      ShapeKey key = new ShapeKey(type, shape);
      Pair<DataBuffer, long[]> info = SHAPES.get(key);
      if (info != null) {
        return info;
      }
      long[] stride = new long[shape.length];
      long s = 1;
      for (int d = shape.length - 1; d >= 0; d--) {
        if (shape[d] <= 0) {
          return null;
        }
        stride[d] = s;
        s *= shape[d];
      }
      if (SHAPES.size() >= MAX_SHAPES) {
        return null;
      }
      info = Nd4j.getShapeInfoProvider().createShapeInformation(shape.clone(), stride, 1, 'c', type, false);
      Pair<DataBuffer, long[]> raced = SHAPES.putIfAbsent(new ShapeKey(type, shape.clone()), info);
      return raced != null ? raced : info;
    }
  }

  // =================================================================== creation and copies

  /** A new array of the given type and shape filled with v. */
  static INDArray full(DataType type, long[] shape, double v) {
    int n = size(shape);
    if (java && n > 0 && (type == DataType.FLOAT || type == DataType.DOUBLE)) {
      if (type == DataType.FLOAT) {
        float[] o = scratchF(2, n);
        Arrays.fill(o, 0, n, (float) v);
        return writeF(o, shape);
      }
      double[] o = scratchD(2, n);
      Arrays.fill(o, 0, n, v);
      return writeD(o, shape);
    }
    return Nd4j.valueArrayOf(shape, v, type);
  }

  /** A new array of the given shape holding a copy of {@code values} (row-major; lengths checked by the caller). */
  static INDArray fromArray(float[] values, long[] shape) {
    if (java && values.length > 0) {
      return writeF(values, shape);
    }
    return Nd4j.create(values, shape, DataType.FLOAT);
  }

  /** A new array of the given shape holding a copy of {@code values} (row-major; lengths checked by the caller). */
  static INDArray fromArray(double[] values, long[] shape) {
    if (java && values.length > 0) {
      return writeD(values, shape);
    }
    return Nd4j.create(values, shape, DataType.DOUBLE);
  }

  /** A row-major copy of x. */
  static INDArray dup(INDArray x) {
    if (java && dense(x)) {
      INDArray y = allocate(x.dataType(), x.shape());
      Pointer.memcpy(y.data().pointer(), x.data().pointer(), x.length() * x.dataType().width());
      return y;
    }
    return x.dup('c');
  }

  /** A row-major copy of x with a new shape of the same length (−1 allowed once). */
  static INDArray reshapeCopy(INDArray x, long[] shape) {
    if (java && dense(x)) {
      long[] resolved = resolveShape(shape, x.length());
      INDArray y = allocate(x.dataType(), resolved);
      Pointer.memcpy(y.data().pointer(), x.data().pointer(), x.length() * x.dataType().width());
      return y;
    }
    return x.dup('c').reshape('c', shape);
  }

  private static long[] resolveShape(long[] shape, long length) {
    long known = 1;
    int free = -1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (free >= 0) {
          throw new IllegalArgumentException("reshape: at most one dimension may be -1, got " + Arrays.toString(shape));
        }
        free = i;
      } else {
        known *= shape[i];
      }
    }
    long[] out = shape.clone();
    if (free >= 0) {
      if (known == 0 || length % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + length + " elements to " + Arrays.toString(shape));
      }
      out[free] = length / known;
    } else if (known != length) {
      throw new IllegalArgumentException("cannot reshape " + length + " elements to " + Arrays.toString(shape));
    }
    return out;
  }

  /** x converted to the given type (the same array when it already has it). */
  static INDArray castTo(INDArray x, DataType type) {
    if (x.dataType() == type) {
      return x;
    }
    return x.castTo(type);
  }

  // =================================================================== element-wise, binary (broadcasting)

  enum Binary { ADD, SUB, MUL, DIV }

  /** a op b broadcast to {@code out} (NumPy rules; the caller has checked that the shapes broadcast). */
  static INDArray binary(Binary op, INDArray a, INDArray b, long[] out) {
    int n = size(out);
    if (java && n > 0 && dense(a, b)) {
      if (isFloat(a)) {
        float[] x = expandF(a, out, 0);
        float[] y = expandF(b, out, 1);
        switch (op) {
          case ADD -> { for (int i = 0; i < n; i++) x[i] += y[i]; }
          case SUB -> { for (int i = 0; i < n; i++) x[i] -= y[i]; }
          case MUL -> { for (int i = 0; i < n; i++) x[i] *= y[i]; }
          case DIV -> { for (int i = 0; i < n; i++) x[i] /= y[i]; }
          default -> throw new AssertionError(op);
        }
        return writeF(x, out);
      }
      double[] x = expandD(a, out, 0);
      double[] y = expandD(b, out, 1);
      switch (op) {
        case ADD -> { for (int i = 0; i < n; i++) x[i] += y[i]; }
        case SUB -> { for (int i = 0; i < n; i++) x[i] -= y[i]; }
        case MUL -> { for (int i = 0; i < n; i++) x[i] *= y[i]; }
        case DIV -> { for (int i = 0; i < n; i++) x[i] /= y[i]; }
        default -> throw new AssertionError(op);
      }
      return writeD(x, out);
    }
    // ND4J sizes a broadcasting result by its left operand: broadcast that one first when it is the smaller.
    INDArray lhs = Arrays.equals(a.shape(), out) ? a : a.broadcast(out);
    switch (op) {
      case ADD: return lhs.add(b);
      case SUB: return lhs.sub(b);
      case MUL: return lhs.mul(b);
      case DIV: return lhs.div(b);
      default: throw new AssertionError(op);
    }
  }

  /** target += g in place (same shape), as gradient accumulation needs. */
  static void addInPlace(INDArray target, INDArray g) {
    if (java && dense(target, g) && Arrays.equals(target.shape(), g.shape())) {
      int n = (int) target.length();
      if (isFloat(target)) {
        float[] x = readF(target, 0);
        float[] y = readF(g, 1);
        for (int i = 0; i < n; i++) {
          x[i] += y[i];
        }
        fp(target).put(x, 0, n);
      } else {
        double[] x = readD(target, 0);
        double[] y = readD(g, 1);
        for (int i = 0; i < n; i++) {
          x[i] += y[i];
        }
        dp(target).put(x, 0, n);
      }
      return;
    }
    target.addi(g);
  }

  /**
   * Strides of x's elements when x is broadcast to {@code out} (right-aligned; 0 along broadcast dimensions).
   */
  private static long[] broadcastStrides(long[] xs, long[] out) {
    int r = out.length;
    long[] strides = new long[r];
    long s = 1;
    for (int d = r - 1, k = xs.length - 1; d >= 0; d--, k--) {
      long size = k >= 0 ? xs[k] : 1;
      strides[d] = size == 1 ? 0 : s;
      s *= size;
    }
    return strides;
  }

  /** x broadcast to {@code out}, row-major, in scratch slot {@code slot} (reads x itself when no copy is needed). */
  private static float[] expandF(INDArray x, long[] out, int slot) {
    int n = size(out);
    int len = (int) x.length();
    if (len == n) {
      return readF(x, slot);
    }
    float[] dst = scratchF(slot, n);
    float[] src = readF(x, 3);
    if (len == 1) {
      Arrays.fill(dst, 0, n, src[0]);
      return dst;
    }
    long[] strides = broadcastStrides(x.shape(), out);
    int kind = broadcastKind(strides, out, len);
    if (kind == ROWS) {
      for (int off = 0; off < n; off += len) {
        System.arraycopy(src, 0, dst, off, len);
      }
    } else if (kind == COLUMNS) {
      int rep = n / len;
      for (int j = 0, off = 0; j < len; j++, off += rep) {
        Arrays.fill(dst, off, off + rep, src[j]);
      }
    } else {
      int[] from = sourceIndex(strides, out, n);
      for (int i = 0; i < n; i++) {
        dst[i] = src[from[i]];
      }
    }
    return dst;
  }

  private static double[] expandD(INDArray x, long[] out, int slot) {
    int n = size(out);
    int len = (int) x.length();
    if (len == n) {
      return readD(x, slot);
    }
    double[] dst = scratchD(slot, n);
    double[] src = readD(x, 3);
    if (len == 1) {
      Arrays.fill(dst, 0, n, src[0]);
      return dst;
    }
    long[] strides = broadcastStrides(x.shape(), out);
    int kind = broadcastKind(strides, out, len);
    if (kind == ROWS) {
      for (int off = 0; off < n; off += len) {
        System.arraycopy(src, 0, dst, off, len);
      }
    } else if (kind == COLUMNS) {
      int rep = n / len;
      for (int j = 0, off = 0; j < len; j++, off += rep) {
        Arrays.fill(dst, off, off + rep, src[j]);
      }
    } else {
      int[] from = sourceIndex(strides, out, n);
      for (int i = 0; i < n; i++) {
        dst[i] = src[from[i]];
      }
    }
    return dst;
  }

  /**
   * For a general N-d broadcast: the flat index in the source of each of the n row-major output elements,
   * walking the output like an odometer with the source's (zero-for-broadcast) strides.
   */
  private static int[] sourceIndex(long[] strides, long[] out, int n) {
    int r = out.length;
    int[] from = new int[n];
    int[] idx = new int[r];
    int xi = 0;
    for (int i = 0; i < n; i++) {
      from[i] = xi;
      for (int d = r - 1; d >= 0; d--) {
        xi += (int) strides[d];
        if (++idx[d] < out[d]) {
          break;
        }
        xi -= (int) (strides[d] * out[d]);
        idx[d] = 0;
      }
    }
    return from;
  }

  private static final int GENERAL = 0;
  private static final int ROWS = 1;     // x repeats whole: broadcast only along leading dimensions
  private static final int COLUMNS = 2;  // each x element repeats: broadcast only along trailing dimensions

  private static int broadcastKind(long[] strides, long[] out, int len) {
    int r = out.length;
    // ROWS: a prefix of broadcast (stride 0 or size-1) dimensions, then dimensions that x covers fully.
    int d = 0;
    while (d < r && (strides[d] == 0 || out[d] == 1)) {
      d++;
    }
    long covered = 1;
    boolean rows = true;
    for (int k = d; k < r; k++) {
      if (strides[k] == 0 && out[k] != 1) {
        rows = false;
        break;
      }
      covered *= out[k];
    }
    if (rows && covered == len) {
      return ROWS;
    }
    // COLUMNS: dimensions x covers fully, then a suffix of broadcast dimensions.
    int e = r - 1;
    while (e >= 0 && (strides[e] == 0 || out[e] == 1)) {
      e--;
    }
    covered = 1;
    for (int k = 0; k <= e; k++) {
      if (strides[k] == 0 && out[k] != 1) {
        return GENERAL;
      }
      covered *= out[k];
    }
    return covered == len ? COLUMNS : GENERAL;
  }

  // =================================================================== reductions to a broadcast shape

  /**
   * Sums x over the dimensions that broadcasting from {@code shape} would add or expand (the caller has
   * checked that {@code shape} broadcasts to x's shape).
   */
  static INDArray sumTo(INDArray x, long[] shape, int[] dims) {
    int m = size(shape);
    if (java && m > 0 && dense(x)) {
      long[] from = x.shape();
      int n = (int) x.length();
      long[] strides = broadcastStrides(shape, from);
      int kind = m == 1 ? -1 : broadcastKind(strides, from, m);
      if (isFloat(x)) {
        float[] src = readF(x, 0);
        double[] acc = scratchD(1, m);
        Arrays.fill(acc, 0, m, 0.0);
        sumInto(src, null, acc, n, m, kind, strides, from);
        float[] o = scratchF(2, m);
        for (int j = 0; j < m; j++) {
          o[j] = (float) acc[j];
        }
        return writeF(o, shape);
      }
      double[] src = readD(x, 0);
      double[] acc = scratchD(1, m);
      Arrays.fill(acc, 0, m, 0.0);
      sumInto(null, src, acc, n, m, kind, strides, from);
      return writeD(acc, shape);
    }
    INDArray s = dims.length == 0 ? x.dup() : x.sum(true, dims);
    return shape.length == 0 ? Nd4j.scalar(x.dataType(), s.getDouble(0)) : s.reshape('c', shape);
  }

  /** acc[j] += the elements of (srcF or srcD) that broadcasting maps from j. */
  private static void sumInto(float[] srcF, double[] srcD, double[] acc, int n, int m, int kind, long[] strides,
      long[] from) {
    if (kind == -1) {
      double s = 0;
      if (srcF != null) {
        for (int i = 0; i < n; i++) {
          s += srcF[i];
        }
      } else {
        for (int i = 0; i < n; i++) {
          s += srcD[i];
        }
      }
      acc[0] = s;
    } else if (kind == ROWS) {
      for (int off = 0; off < n; off += m) {
        if (srcF != null) {
          for (int j = 0; j < m; j++) {
            acc[j] += srcF[off + j];
          }
        } else {
          for (int j = 0; j < m; j++) {
            acc[j] += srcD[off + j];
          }
        }
      }
    } else if (kind == COLUMNS) {
      int rep = n / m;
      for (int j = 0, off = 0; j < m; j++, off += rep) {
        double s = 0;
        if (srcF != null) {
          for (int i = off; i < off + rep; i++) {
            s += srcF[i];
          }
        } else {
          for (int i = off; i < off + rep; i++) {
            s += srcD[i];
          }
        }
        acc[j] = s;
      }
    } else {
      int r = from.length;
      int[] idx = new int[r];
      int xi = 0;
      for (int i = 0; i < n; i++) {
        acc[xi] += srcF != null ? srcF[i] : srcD[i];
        for (int d = r - 1; d >= 0; d--) {
          xi += (int) strides[d];
          if (++idx[d] < from[d]) {
            break;
          }
          xi -= (int) (strides[d] * from[d]);
          idx[d] = 0;
        }
      }
    }
  }

  /** x repeated along its size-1 (or missing leading) dimensions up to {@code shape}. */
  static INDArray broadcastTo(INDArray x, long[] shape) {
    int n = size(shape);
    if (java && n > 0 && dense(x)) {
      return isFloat(x) ? writeF(expandF(x, shape, 0), shape) : writeD(expandD(x, shape, 0), shape);
    }
    return Nd4j.zeros(x.dataType(), shape).addi(x);
  }

  // =================================================================== element-wise with a scalar

  /** x + s. */
  static INDArray addScalar(INDArray x, double s) {
    if (java && dense(x)) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float c = (float) s;
        for (int i = 0; i < n; i++) {
          a[i] += c;
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        a[i] += s;
      }
      return writeD(a, x.shape());
    }
    return x.add(s);
  }

  /** x · s. */
  static INDArray mulScalar(INDArray x, double s) {
    if (java && dense(x)) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float c = (float) s;
        for (int i = 0; i < n; i++) {
          a[i] *= c;
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        a[i] *= s;
      }
      return writeD(a, x.shape());
    }
    return x.mul(s);
  }

  /** s − x. */
  static INDArray rsubScalar(INDArray x, double s) {
    if (java && dense(x)) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float c = (float) s;
        for (int i = 0; i < n; i++) {
          a[i] = c - a[i];
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        a[i] = s - a[i];
      }
      return writeD(a, x.shape());
    }
    return x.rsub(s);
  }

  // =================================================================== element-wise, unary

  enum Unary { NEG, EXP, LOG, LOG1P, SQRT, ABS, SIGN, TANH, SIGMOID, RELU, ERF }

  /**
   * The largest array a transcendental function is computed for in Java. Java's Math.exp/log/tanh are scalar
   * (15–50 ns an element) while ND4J's kernels are vectorised behind a fixed overhead of about 6 µs, so ND4J
   * wins beyond a few hundred float elements (measured on this project's 2-core AVX-512 machine). Erf has no
   * Java implementation.
   */
  static int javaLimit(Unary op, DataType type) {
    boolean f = type == DataType.FLOAT;
    switch (op) {
      case TANH: return f ? 128 : 1024;
      case EXP: case LOG: case LOG1P: case SIGMOID: return f ? 512 : 2048;
      case ERF: return 0;
      default: return Integer.MAX_VALUE;
    }
  }

  /** The function applied to every element. */
  static INDArray unary(Unary op, INDArray x) {
    if (java && dense(x) && x.length() <= javaLimit(op, x.dataType())) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        switch (op) {
          case NEG -> { for (int i = 0; i < n; i++) a[i] = -a[i]; }
          case EXP -> { for (int i = 0; i < n; i++) a[i] = (float) Math.exp(a[i]); }
          case LOG -> { for (int i = 0; i < n; i++) a[i] = (float) Math.log(a[i]); }
          case LOG1P -> { for (int i = 0; i < n; i++) a[i] = (float) Math.log1p(a[i]); }
          case SQRT -> { for (int i = 0; i < n; i++) a[i] = (float) Math.sqrt(a[i]); }
          case ABS -> { for (int i = 0; i < n; i++) a[i] = Math.abs(a[i]); }
          case SIGN -> { for (int i = 0; i < n; i++) a[i] = Math.signum(a[i]); }
          case TANH -> { for (int i = 0; i < n; i++) a[i] = (float) Math.tanh(a[i]); }
          case SIGMOID -> { for (int i = 0; i < n; i++) a[i] = (float) sigmoid(a[i]); }
          case RELU -> { for (int i = 0; i < n; i++) a[i] = Math.max(a[i], 0f); }
          default -> throw new AssertionError(op);
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      switch (op) {
        case NEG -> { for (int i = 0; i < n; i++) a[i] = -a[i]; }
        case EXP -> { for (int i = 0; i < n; i++) a[i] = Math.exp(a[i]); }
        case LOG -> { for (int i = 0; i < n; i++) a[i] = Math.log(a[i]); }
        case LOG1P -> { for (int i = 0; i < n; i++) a[i] = Math.log1p(a[i]); }
        case SQRT -> { for (int i = 0; i < n; i++) a[i] = Math.sqrt(a[i]); }
        case ABS -> { for (int i = 0; i < n; i++) a[i] = Math.abs(a[i]); }
        case SIGN -> { for (int i = 0; i < n; i++) a[i] = Math.signum(a[i]); }
        case TANH -> { for (int i = 0; i < n; i++) a[i] = Math.tanh(a[i]); }
        case SIGMOID -> { for (int i = 0; i < n; i++) a[i] = sigmoid(a[i]); }
        case RELU -> { for (int i = 0; i < n; i++) a[i] = Math.max(a[i], 0.0); }
        default -> throw new AssertionError(op);
      }
      return writeD(a, x.shape());
    }
    switch (op) {
      case NEG: return x.neg();
      case EXP: return Transforms.exp(x, true);
      case LOG: return Transforms.log(x, true);
      case LOG1P: {
        // ND4J's log1p is log(1 + x) (0 for x = 1e-10 in float32). With u = 1 + x rounded,
        // log(u) − ((u − 1) − x)/u corrects the rounding of u to first order: accurate to a few ulps.
        INDArray u = x.add(1.0);
        INDArray correction = u.sub(1.0).subi(x).divi(u);
        return Transforms.log(u, false).subi(correction);
      }
      case SQRT: return Transforms.sqrt(x, true);
      case ABS: return Transforms.abs(x, true);
      case SIGN: return Transforms.sign(x, true);
      case TANH: return Transforms.tanh(x, true);
      case SIGMOID: return Transforms.sigmoid(x, true);
      case RELU: return x.mul(x.gt(0).castTo(x.dataType()));
      case ERF: {
        INDArray y = x.ulike();
        Nd4j.exec(new Erf(x, y));
        return y;
      }
      default: throw new AssertionError(op);
    }
  }

  /** 1 / (1 + e⁻ˣ), without overflow for large |x|. */
  private static double sigmoid(double v) {
    if (v >= 0) {
      return 1.0 / (1.0 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1.0 + e);
  }

  /** xᵖ. */
  static INDArray pow(INDArray x, double p) {
    if (java && dense(x) && x.length() <= javaLimit(Unary.EXP, x.dataType())) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        for (int i = 0; i < n; i++) {
          a[i] = (float) Math.pow(a[i], p);
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        a[i] = Math.pow(a[i], p);
      }
      return writeD(a, x.shape());
    }
    return Transforms.pow(x, p, true);
  }

  /** min(max(x, lo), hi). */
  static INDArray clamp(INDArray x, double lo, double hi) {
    if (java && dense(x)) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float l = (float) lo;
        float h = (float) hi;
        for (int i = 0; i < n; i++) {
          a[i] = Math.min(Math.max(a[i], l), h);
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        a[i] = Math.min(Math.max(a[i], lo), hi);
      }
      return writeD(a, x.shape());
    }
    return Transforms.min(Transforms.max(x, lo, true), hi, false);
  }

  /**
   * g where lo &lt; ref &lt; hi (strictly; {@code hi = +∞} admits +∞), 0 elsewhere: the backward rule of relu
   * (ref = the input, lo = 0) and clamp. g and ref have the same shape.
   */
  static INDArray passInside(INDArray g, INDArray ref, double lo, double hi) {
    boolean openTop = hi == Double.POSITIVE_INFINITY;
    if (java && dense(g, ref) && Arrays.equals(g.shape(), ref.shape())) {
      int n = (int) g.length();
      if (isFloat(g)) {
        float[] a = readF(g, 0);
        float[] r = readF(ref, 1);
        float l = (float) lo;
        float h = (float) hi;
        if (openTop && l == 0f) {
          // Branch-free [r > 0] (signs are random, so a branch mispredicts half the time): reject r ≤ 0 (with −0)
          // and NaN by its bits, keep g's bits under the mask.
          for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(r[i]);
            int reject = (bits | (bits - 1) | (0x7F800000 - bits)) >> 31;
            a[i] = Float.intBitsToFloat(Float.floatToRawIntBits(a[i]) & ~reject);
          }
        } else if (openTop) {
          for (int i = 0; i < n; i++) {
            a[i] = r[i] > l ? a[i] : 0f;
          }
        } else {
          for (int i = 0; i < n; i++) {
            a[i] = r[i] > l && r[i] < h ? a[i] : 0f;
          }
        }
        return writeF(a, g.shape());
      }
      double[] a = readD(g, 0);
      double[] r = readD(ref, 1);
      if (openTop && lo == 0.0) {
        for (int i = 0; i < n; i++) {
          long bits = Double.doubleToRawLongBits(r[i]);
          long reject = (bits | (bits - 1) | (0x7FF0000000000000L - bits)) >> 63;
          a[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(a[i]) & ~reject);
        }
      } else if (openTop) {
        for (int i = 0; i < n; i++) {
          a[i] = r[i] > lo ? a[i] : 0.0;
        }
      } else {
        for (int i = 0; i < n; i++) {
          a[i] = r[i] > lo && r[i] < hi ? a[i] : 0.0;
        }
      }
      return writeD(a, g.shape());
    }
    INDArray inside = ref.gt(lo).castTo(g.dataType());
    if (!openTop) {
      inside.muli(ref.lt(hi).castTo(g.dataType()));
    }
    return g.mul(inside);
  }

  /** The Huber function: ½x² for |x| ≤ δ, δ(|x| − ½δ) beyond. */
  static INDArray huber(INDArray x, double delta) {
    if (java && dense(x)) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        for (int i = 0; i < n; i++) {
          double v = Math.abs(a[i]);
          a[i] = (float) (v <= delta ? 0.5 * v * v : delta * (v - 0.5 * delta));
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        double v = Math.abs(a[i]);
        a[i] = v <= delta ? 0.5 * v * v : delta * (v - 0.5 * delta);
      }
      return writeD(a, x.shape());
    }
    // c = min(|x|, δ); huber = c (|x| − c/2)
    INDArray abs = Transforms.abs(x, true);
    INDArray c = Transforms.min(abs, delta, true);
    return c.mul(abs.subi(c.mul(0.5)));
  }

  // =================================================================== linear algebra

  /** op(a) · op(b) for rank-2 arrays of the same type (the caller checked the shapes). */
  static INDArray matmul(INDArray a, INDArray b, boolean transA, boolean transB) {
    long m = transA ? a.size(1) : a.size(0);
    long k = transA ? a.size(0) : a.size(1);
    long n = transB ? b.size(0) : b.size(1);
    if (java && Blas.AVAILABLE && m > 0 && n > 0 && k > 0 && dense(a, b) && fitsInt(m, n, k)) {
      INDArray c = allocate(a.dataType(), new long[] {m, n});
      Blas.gemm(transA, transB, (int) m, (int) n, (int) k, a, (int) a.size(1), b, (int) b.size(1), 0.0, c);
      return c;
    }
    return Nd4j.gemm(a, b, transA, transB);
  }

  /** x · w + b for x [n, in], w [in, out], b [out] or [1, out] of one type (the caller checked the shapes). */
  static INDArray linear(INDArray x, INDArray w, INDArray b) {
    return linear(x, w, b, false);
  }

  /**
   * The mean over every dimension but the first of (p − t)², for p and t of the same shape [n, ...]: the vector
   * [n], accumulated in double: one pass over p and t, where the composite makes two temporaries of p's size.
   */
  static INDArray squaredErrorPerSample(INDArray p, INDArray t) {
    int n = (int) p.size(0);
    if (java && dense(p, t)) {
      int m = (int) (p.length() / n);
      if (isFloat(p)) {
        float[] a = readF(p, 0);
        float[] b = readF(t, 1);
        float[] o = scratchF(2, n);
        for (int i = 0; i < n; i++) {
          o[i] = (float) (sumSquaredDifferences(a, b, i * m, m) / m);
        }
        return writeF(o, new long[] {n});
      }
      double[] a = readD(p, 0);
      double[] b = readD(t, 1);
      double[] o = scratchD(2, n);
      for (int i = 0; i < n; i++) {
        o[i] = sumSquaredDifferences(a, b, i * m, m) / m;
      }
      return writeD(o, new long[] {n});
    }
    INDArray d = p.sub(t);
    return d.muli(d).reshape(n, p.length() / n).mean(1);
  }

  private static double sumSquaredDifferences(float[] a, float[] b, int o, int len) {
    double s0 = 0;
    double s1 = 0;
    int k = o;
    int end = o + len;
    for (; k + 1 < end; k += 2) {
      double d0 = (double) a[k] - b[k];
      double d1 = (double) a[k + 1] - b[k + 1];
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    if (k < end) {
      double d = (double) a[k] - b[k];
      s0 += d * d;
    }
    return s0 + s1;
  }

  private static double sumSquaredDifferences(double[] a, double[] b, int o, int len) {
    double s0 = 0;
    double s1 = 0;
    int k = o;
    int end = o + len;
    for (; k + 1 < end; k += 2) {
      double d0 = a[k] - b[k];
      double d1 = a[k + 1] - b[k + 1];
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    if (k < end) {
      double d = a[k] - b[k];
      s0 += d * d;
    }
    return s0 + s1;
  }

  /** The gradient of {@link #squaredErrorPerSample} with respect to p for the output gradient g [n]: g·2(p − t)/m. */
  static INDArray squaredErrorGrad(INDArray p, INDArray t, INDArray g) {
    int n = (int) p.size(0);
    int m = (int) (p.length() / n);
    if (java && dense(p, t) && dense(g) && g.dataType() == p.dataType()) {
      if (isFloat(p)) {
        float[] a = readF(p, 0);
        float[] b = readF(t, 1);
        float[] gs = readF(g, 3);
        float[] o = scratchF(2, n * m);
        for (int i = 0; i < n; i++) {
          float c = (float) (2.0 * gs[i] / m);
          for (int k = i * m, end = k + m; k < end; k++) {
            o[k] = c * (a[k] - b[k]);
          }
        }
        return writeF(o, p.shape());
      }
      double[] a = readD(p, 0);
      double[] b = readD(t, 1);
      double[] gs = readD(g, 3);
      double[] o = scratchD(2, n * m);
      for (int i = 0; i < n; i++) {
        double c = 2.0 * gs[i] / m;
        for (int k = i * m, end = k + m; k < end; k++) {
          o[k] = c * (a[k] - b[k]);
        }
      }
      return writeD(o, p.shape());
    }
    long[] perSample = new long[p.rank()];
    Arrays.fill(perSample, 1);
    perSample[0] = n;
    return p.sub(t).muli(g.reshape(perSample).mul(2.0 / m));
  }

  /**
   * max(x · w + b, 0), the same values as {@link #unary}(RELU, {@link #linear}(x, w, b)) bit for bit, in one array:
   * the ReLU is applied in place to the affine map's fresh result (in Java mode a heap pass over it), which saves
   * the second full-size native allocation of a separate ReLU.
   */
  static INDArray linearRelu(INDArray x, INDArray w, INDArray b) {
    return linear(x, w, b, true);
  }

  private static INDArray linear(INDArray x, INDArray w, INDArray b, boolean relu) {
    INDArray y = affine(x, w, b);
    if (!relu) {
      return y;
    }
    if (java && dense(y)) {
      int n = (int) y.length();
      if (isFloat(y)) {
        float[] a = readF(y, 0);
        for (int i = 0; i < n; i++) {
          a[i] = Math.max(a[i], 0f);
        }
        fp(y).put(a, 0, n);
      } else {
        double[] a = readD(y, 0);
        for (int i = 0; i < n; i++) {
          a[i] = Math.max(a[i], 0.0);
        }
        dp(y).put(a, 0, n);
      }
      return y;
    }
    return unary(Unary.RELU, y);
  }

  private static INDArray affine(INDArray x, INDArray w, INDArray b) {
    long rows = x.size(0);
    long in = x.size(1);
    long out = w.size(1);
    if (java && Blas.AVAILABLE && rows > 0 && out > 0 && in > 0 && dense(x, w) && dense(w, b)
        && fitsInt(rows, out, in) && rows * out <= Integer.MAX_VALUE) {
      int n = (int) rows;
      int o = (int) out;
      long[] shape = {rows, out};
      INDArray c;
      // The output starts as the bias in every row; GEMM then adds x·w (beta = 1).
      if (isFloat(x)) {
        float[] bias = readF(b, 0);
        float[] init = scratchF(2, n * o);
        for (int r = 0; r < n; r++) {
          System.arraycopy(bias, 0, init, r * o, o);
        }
        c = writeF(init, shape);
      } else {
        double[] bias = readD(b, 0);
        double[] init = scratchD(2, n * o);
        for (int r = 0; r < n; r++) {
          System.arraycopy(bias, 0, init, r * o, o);
        }
        c = writeD(init, shape);
      }
      Blas.gemm(false, false, n, o, (int) in, x, (int) in, w, o, 1.0, c);
      return c;
    }
    INDArray c = Nd4j.gemm(x, w, false, false);
    return c.addi(b.reshape(out));
  }

  private static boolean fitsInt(long m, long n, long k) {
    return m <= Integer.MAX_VALUE && n <= Integer.MAX_VALUE && k <= Integer.MAX_VALUE;
  }

  /**
   * CBLAS GEMM on ND4J's memory, through the OpenBLAS binding that ND4J's CPU backend uses. It is reached by
   * method handles rather than by name so that this module still compiles without the CPU backend (the CUDA
   * profile has no OpenBLAS); with constant handles the JIT makes them direct calls.
   */
  static final class Blas {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final MethodHandle SGEMM;
    private static final MethodHandle DGEMM;
    static final boolean AVAILABLE;

    static {
      MethodHandle s = null;
      MethodHandle d = null;
      try {
        Class<?> c = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        s = lookup.findStatic(c, "cblas_sgemm", MethodType.methodType(void.class, int.class, int.class, int.class,
            int.class, int.class, int.class, float.class, FloatPointer.class, int.class, FloatPointer.class,
            int.class, float.class, FloatPointer.class, int.class));
        d = lookup.findStatic(c, "cblas_dgemm", MethodType.methodType(void.class, int.class, int.class, int.class,
            int.class, int.class, int.class, double.class, DoublePointer.class, int.class, DoublePointer.class,
            int.class, double.class, DoublePointer.class, int.class));
      } catch (ReflectiveOperationException | LinkageError e) {
        s = null;
        d = null;
      }
      SGEMM = s;
      DGEMM = d;
      AVAILABLE = s != null && d != null;
    }

    private Blas() {}

    /**
     * c[cOff..] = op(a[aOff..])·op(b[bOff..]) + beta·c[cOff..], row-major, c [m, n] with row length n; lda and
     * ldb are a's and b's row lengths; offsets in elements (blocks of one array, as grouped convolutions need).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, INDArray a, long aOff, int lda, INDArray b,
        long bOff, int ldb, double beta, INDArray c, long cOff) {
      int ta = transA ? TRANS : NO_TRANS;
      int tb = transB ? TRANS : NO_TRANS;
      try {
        if (c.dataType() == DataType.FLOAT) {
          SGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1f, at(fp(a), aOff), lda, at(fp(b), bOff), ldb, (float) beta,
              at(fp(c), cOff), n);
        } else {
          DGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1.0, at(dp(a), aOff), lda, at(dp(b), bOff), ldb, beta,
              at(dp(c), cOff), n);
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("cblas gemm failed", t);
      }
    }

    private static FloatPointer at(FloatPointer p, long off) {
      return off == 0 ? p : new FloatPointer(p).position(p.position() + off);
    }

    private static DoublePointer at(DoublePointer p, long off) {
      return off == 0 ? p : new DoublePointer(p).position(p.position() + off);
    }

    /** c = op(a)·op(b) + beta·c, row-major, c [m, n] contiguous; lda and ldb are a's and b's row lengths. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, INDArray a, int lda, INDArray b, int ldb,
        double beta, INDArray c) {
      int ta = transA ? TRANS : NO_TRANS;
      int tb = transB ? TRANS : NO_TRANS;
      try {
        if (c.dataType() == DataType.FLOAT) {
          SGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1f, fp(a), lda, fp(b), ldb, (float) beta, fp(c), n);
        } else {
          DGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1.0, dp(a), lda, dp(b), ldb, beta, dp(c), n);
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("cblas gemm failed", t);
      }
    }

    // ---- sequence layers (nets-seq): GEMM on sub-blocks of arrays, for batched products and recurrences

    /**
     * c[cOff..] = op(a[aOff..])·op(b[bOff..]) + beta·c[cOff..], row-major, with explicit leading dimensions;
     * offsets are in elements. All three arrays must be dense and of one type (float32 or float64).
     */
    static void gemmAt(boolean transA, boolean transB, int m, int n, int k, INDArray a, long aOff, int lda,
        INDArray b, long bOff, int ldb, double beta, INDArray c, long cOff, int ldc) {
      int ta = transA ? TRANS : NO_TRANS;
      int tb = transB ? TRANS : NO_TRANS;
      try {
        if (c.dataType() == DataType.FLOAT) {
          SGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1f, at(fp(a), aOff), lda, at(fp(b), bOff), ldb, (float) beta,
              at(fp(c), cOff), ldc);
        } else {
          DGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1.0, at(dp(a), aOff), lda, at(dp(b), bOff), ldb, beta,
              at(dp(c), cOff), ldc);
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("cblas gemm failed", t);
      }
    }
  }

  // =================================================================== reductions along a dimension

  /** The maximum along {@code dim} (kept as size 1 when {@code keepDims}). */
  static INDArray max(INDArray x, int dim, boolean keepDims) {
    long[] shape = x.shape();
    long[] kept = shape.clone();
    kept[dim] = 1;
    long[] outShape = keepDims ? kept : dropDim(shape, dim);
    if (java && dense(x)) {
      int outer = (int) prod(shape, 0, dim);
      int size = (int) shape[dim];
      int inner = (int) prod(shape, dim + 1, shape.length);
      int m = outer * inner;
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float[] o = scratchF(2, m);
        for (int p = 0; p < outer; p++) {
          int base = p * size * inner;
          System.arraycopy(a, base, o, p * inner, inner);
          for (int k = 1; k < size; k++) {
            int row = base + k * inner;
            for (int q = 0; q < inner; q++) {
              o[p * inner + q] = Math.max(o[p * inner + q], a[row + q]);
            }
          }
        }
        return writeF(o, outShape);
      }
      double[] a = readD(x, 0);
      double[] o = scratchD(2, m);
      for (int p = 0; p < outer; p++) {
        int base = p * size * inner;
        System.arraycopy(a, base, o, p * inner, inner);
        for (int k = 1; k < size; k++) {
          int row = base + k * inner;
          for (int q = 0; q < inner; q++) {
            o[p * inner + q] = Math.max(o[p * inner + q], a[row + q]);
          }
        }
      }
      return writeD(o, outShape);
    }
    INDArray mx = x.max(true, dim);
    return mx.reshape('c', outShape);
  }

  /**
   * The routing weights of max along {@code dim}: 1/k at each of the k maximal entries of a slice, 0 elsewhere
   * (same shape as x).
   */
  static INDArray maxWeights(INDArray x, int dim) {
    if (java && dense(x)) {
      long[] shape = x.shape();
      int outer = (int) prod(shape, 0, dim);
      int size = (int) shape[dim];
      int inner = (int) prod(shape, dim + 1, shape.length);
      int n = (int) x.length();
      boolean f = isFloat(x);
      double[] a = f ? toDouble(readF(x, 0), n) : readD(x, 0);
      double[] w = scratchD(2, n);
      for (int p = 0; p < outer; p++) {
        int base = p * size * inner;
        for (int q = 0; q < inner; q++) {
          double mx = Double.NEGATIVE_INFINITY;
          int hits = 0;
          for (int k = 0; k < size; k++) {
            double v = a[base + k * inner + q];
            if (v > mx) {
              mx = v;
              hits = 1;
            } else if (v == mx) {
              hits++;
            }
          }
          double share = hits == 0 ? 0 : 1.0 / hits;
          for (int k = 0; k < size; k++) {
            int i = base + k * inner + q;
            w[i] = a[i] == mx ? share : 0;
          }
        }
      }
      if (f) {
        float[] o = scratchF(2, n);
        for (int i = 0; i < n; i++) {
          o[i] = (float) w[i];
        }
        return writeF(o, shape);
      }
      return writeD(w, shape);
    }
    INDArray hit = x.eq(x.max(true, dim)).castTo(x.dataType());
    return hit.div(hit.sum(true, dim));
  }

  private static double[] toDouble(float[] a, int n) {
    double[] d = scratchD(1, n);
    for (int i = 0; i < n; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static long prod(long[] shape, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

  private static long[] dropDim(long[] shape, int dim) {
    long[] out = new long[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != dim) {
        out[j++] = shape[i];
      }
    }
    return out;
  }

  // =================================================================== indexing

  /** For x [n, m], the vector [n] of x[i, index[i]] (indices already checked). */
  static INDArray pick(INDArray x, long[] index) {
    int n = index.length;
    int m = (int) x.size(1);
    if (java && dense(x)) {
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float[] o = scratchF(2, n);
        for (int i = 0; i < n; i++) {
          o[i] = a[i * m + (int) index[i]];
        }
        return writeF(o, new long[] {n});
      }
      double[] a = readD(x, 0);
      double[] o = scratchD(2, n);
      for (int i = 0; i < n; i++) {
        o[i] = a[i * m + (int) index[i]];
      }
      return writeD(o, new long[] {n});
    }
    return x.mul(oneHot(index, m, x.dataType())).sum(1);
  }

  /** pick's adjoint: zeros [n, m] with g[i] at [i, index[i]]. */
  static INDArray unpick(INDArray g, long[] index, long m) {
    int n = index.length;
    if (java && dense(g) && (long) n * m <= Integer.MAX_VALUE) {
      int cols = (int) m;
      long[] shape = {n, m};
      if (isFloat(g)) {
        float[] a = readF(g, 0);
        float[] o = scratchF(2, n * cols);
        Arrays.fill(o, 0, n * cols, 0f);
        for (int i = 0; i < n; i++) {
          o[i * cols + (int) index[i]] = a[i];
        }
        return writeF(o, shape);
      }
      double[] a = readD(g, 0);
      double[] o = scratchD(2, n * cols);
      Arrays.fill(o, 0, n * cols, 0.0);
      for (int i = 0; i < n; i++) {
        o[i * cols + (int) index[i]] = a[i];
      }
      return writeD(o, shape);
    }
    return oneHot(index, m, g.dataType()).muliColumnVector(g.reshape(n, 1));
  }

  /** One-hot rows [n, classes] (indices already checked). */
  static INDArray oneHot(long[] index, long classes, DataType type) {
    int n = index.length;
    if (java && (type == DataType.FLOAT || type == DataType.DOUBLE) && n > 0 && classes > 0
        && (long) n * classes <= Integer.MAX_VALUE) {
      int cols = (int) classes;
      long[] shape = {n, classes};
      if (type == DataType.FLOAT) {
        float[] o = scratchF(2, n * cols);
        Arrays.fill(o, 0, n * cols, 0f);
        for (int i = 0; i < n; i++) {
          o[i * cols + (int) index[i]] = 1f;
        }
        return writeF(o, shape);
      }
      double[] o = scratchD(2, n * cols);
      Arrays.fill(o, 0, n * cols, 0.0);
      for (int i = 0; i < n; i++) {
        o[i * cols + (int) index[i]] = 1.0;
      }
      return writeD(o, shape);
    }
    INDArray h = Nd4j.zeros(type, n, classes);
    for (int i = 0; i < n; i++) {
      h.putScalar(i, index[i], 1.0);
    }
    return h;
  }

  // =================================================================== sequence layers (nets-seq)
  // Row gathers for embeddings, batched matrix products for attention, axis permutations; the fused LSTM
  // lives in LstmKernel. Each has a Java path (dense float32/float64) and an ND4J path.

  /** Whether the Java paths can use these arrays (Java mode, BLAS present, all dense and of one type). */
  static boolean javaDense(INDArray... xs) {
    if (!java || !Blas.AVAILABLE) {
      return false;
    }
    for (INDArray x : xs) {
      if (x != null && (!dense(x) || x.dataType() != xs[0].dataType())) {
        return false;
      }
    }
    return true;
  }

  /** Rows of table [v, d] at the given (checked) indices: [index.length, d]. */
  static INDArray gatherRows(INDArray table, long[] index) {
    int d = (int) table.size(1);
    long[] shape = {index.length, d};
    if (java && dense(table) && (long) index.length * d <= Integer.MAX_VALUE && index.length > 0 && d > 0) {
      int n = index.length;
      if (isFloat(table)) {
        float[] t = readF(table, 0);
        float[] o = scratchF(2, n * d);
        for (int i = 0; i < n; i++) {
          System.arraycopy(t, (int) index[i] * d, o, i * d, d);
        }
        return writeF(o, shape);
      }
      double[] t = readD(table, 0);
      double[] o = scratchD(2, n * d);
      for (int i = 0; i < n; i++) {
        System.arraycopy(t, (int) index[i] * d, o, i * d, d);
      }
      return writeD(o, shape);
    }
    INDArray out = Nd4j.create(table.dataType(), shape);
    for (int i = 0; i < index.length; i++) {
      out.getRow(i).assign(table.getRow(index[i]));
    }
    return out;
  }

  /** gatherRows' adjoint: zeros [rows, d] with each row i of g [index.length, d] added at row index[i]. */
  static INDArray scatterAddRows(INDArray g, long[] index, long rows) {
    int d = (int) g.size(1);
    long[] shape = {rows, d};
    if (java && dense(g) && rows * d <= Integer.MAX_VALUE && index.length > 0 && d > 0) {
      int n = index.length;
      int total = (int) (rows * d);
      if (isFloat(g)) {
        float[] a = readF(g, 0);
        float[] o = scratchF(2, total);
        Arrays.fill(o, 0, total, 0f);
        for (int i = 0; i < n; i++) {
          int r = (int) index[i] * d;
          for (int j = 0; j < d; j++) {
            o[r + j] += a[i * d + j];
          }
        }
        return writeF(o, shape);
      }
      double[] a = readD(g, 0);
      double[] o = scratchD(2, total);
      Arrays.fill(o, 0, total, 0.0);
      for (int i = 0; i < n; i++) {
        int r = (int) index[i] * d;
        for (int j = 0; j < d; j++) {
          o[r + j] += a[i * d + j];
        }
      }
      return writeD(o, shape);
    }
    INDArray out = Nd4j.zeros(g.dataType(), shape);
    for (int i = 0; i < index.length; i++) {
      out.getRow(index[i]).addi(g.getRow(i));
    }
    return out;
  }

  /**
   * Batched matrix products: for each b, op(a[b])·op(b[b]) with a [B, ·, ·], b [B, ·, ·] of one type (the
   * caller checked the shapes); [B, m, n].
   */
  static INDArray bmm(INDArray a, INDArray b, boolean transA, boolean transB) {
    long batch = a.size(0);
    long m = transA ? a.size(2) : a.size(1);
    long k = transA ? a.size(1) : a.size(2);
    long n = transB ? b.size(1) : b.size(2);
    long[] shape = {batch, m, n};
    if (javaDense(a, b) && batch > 0 && m > 0 && n > 0 && k > 0 && fitsInt(m, n, k)
        && batch * Math.max(m * n, Math.max(a.size(1) * a.size(2), b.size(1) * b.size(2))) <= Integer.MAX_VALUE) {
      INDArray c = allocate(a.dataType(), shape);
      long sa = a.size(1) * a.size(2);
      long sb = b.size(1) * b.size(2);
      for (long i = 0; i < batch; i++) {
        Blas.gemmAt(transA, transB, (int) m, (int) n, (int) k, a, i * sa, (int) a.size(2), b, i * sb,
            (int) b.size(2), 0.0, c, i * m * n, (int) n);
      }
      return c;
    }
    INDArray c = Nd4j.create(a.dataType(), shape);
    for (long i = 0; i < batch; i++) {
      INDArray ai = a.slice(i);
      INDArray bi = b.slice(i);
      c.slice(i).assign(Nd4j.gemm(ai.dup('c'), bi.dup('c'), transA, transB));
    }
    return c;
  }

  /** A row-major copy of x with its axes permuted (dims is a permutation of 0..rank−1, checked by the caller). */
  static INDArray permute(INDArray x, int[] dims) {
    long[] from = x.shape();
    int r = from.length;
    long[] to = new long[r];
    for (int i = 0; i < r; i++) {
      to[i] = from[dims[i]];
    }
    int n = size(to);
    if (java && dense(x) && n > 0) {
      // Walk the output in row-major order with the source's strides, like an odometer.
      long[] srcStride = new long[r];
      long s = 1;
      for (int d = r - 1; d >= 0; d--) {
        srcStride[d] = s;
        s *= from[d];
      }
      long[] strides = new long[r];
      for (int i = 0; i < r; i++) {
        strides[i] = srcStride[dims[i]];
      }
      int[] src = sourceIndex(strides, to, n);
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float[] o = scratchF(2, n);
        for (int i = 0; i < n; i++) {
          o[i] = a[src[i]];
        }
        return writeF(o, to);
      }
      double[] a = readD(x, 0);
      double[] o = scratchD(2, n);
      for (int i = 0; i < n; i++) {
        o[i] = a[src[i]];
      }
      return writeD(o, to);
    }
    return x.permute(dims).dup('c');
  }

  /** The row-major values of a dense float32/float64 array as doubles (a new array). */
  static double[] toHostDoubles(INDArray x) {
    return HostArrays.read(x, null);
  }

  /** A new row-major array of the given type and shape from doubles (rounded once to float32 if asked). */
  static INDArray fromHostDoubles(double[] v, DataType type, long[] shape) {
    int n = size(shape);
    if (type == DataType.DOUBLE) {
      return java ? writeD(v, shape) : Nd4j.create(Arrays.copyOf(v, n), shape, DataType.DOUBLE);
    }
    float[] f = java ? scratchF(2, n) : new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) v[i];
    }
    return java ? writeF(f, shape) : Nd4j.create(f, shape, DataType.FLOAT);
  }

  // =================================================================== fused activations (branch nets-dcgan-speed)

  /** x for x &gt; 0, αx otherwise (NaN stays NaN): leaky ReLU in one pass and one array. */
  static INDArray leakyRelu(INDArray x, double alpha) {
    if (java && dense(x)) {
      int n = (int) x.length();
      if (isFloat(x)) {
        float[] a = readF(x, 0);
        float al = (float) alpha;
        for (int i = 0; i < n; i++) {
          // max(x, 0) + α·min(x, 0): branch-free (signs are random, a branch mispredicts half the time), and
          // HotSpot vectorises Math.max/min on floats, which it does not for the bit-picking form (5x slower).
          float v = a[i];
          a[i] = Math.max(v, 0f) + al * Math.min(v, 0f);
        }
        return writeF(a, x.shape());
      }
      double[] a = readD(x, 0);
      for (int i = 0; i < n; i++) {
        double v = a[i];
        a[i] = v > 0.0 ? v : v * alpha;
      }
      return writeD(a, x.shape());
    }
    INDArray pos = x.gt(0).castTo(x.dataType());
    // slope = α + (1 − α)·[x > 0]
    return x.mul(pos.muli(1.0 - alpha).addi(alpha));
  }

  /** All ones when the float with these bits is not &gt; 0 (−0, +0, negative, NaN), else 0. */
  private static int leakyReject(int bits) {
    return (bits | (bits - 1) | (0x7F800000 - bits)) >> 31;
  }

  /**
   * g where ref &gt; 0, α·g elsewhere (g and ref the same shape): the backward rule of leaky ReLU, linear in g
   * (slope α at ref = 0 and for NaN, as PyTorch).
   */
  static INDArray leakyPass(INDArray g, INDArray ref, double alpha) {
    if (java && dense(g, ref) && Arrays.equals(g.shape(), ref.shape())) {
      int n = (int) g.length();
      if (isFloat(g)) {
        // Straight on the native memory: the loop is scalar anyway (HotSpot 17 vectorises no form of it found),
        // so copying g and ref to the heap and the result back only added three passes (802,816 floats, data not
        // in cache: 0.96 ms against 1.71, a throw-away harness).
        java.nio.FloatBuffer gb = bufferF(g);
        java.nio.FloatBuffer rb = bufferF(ref);
        INDArray y = allocate(DataType.FLOAT, g.shape());
        java.nio.FloatBuffer yb = bufferF(y);
        int one = Float.floatToRawIntBits(1f);
        int al = Float.floatToRawIntBits((float) alpha);
        for (int i = 0; i < n; i++) {
          int reject = leakyReject(Float.floatToRawIntBits(rb.get(i)));
          yb.put(i, gb.get(i) * Float.intBitsToFloat((al & reject) | (one & ~reject)));
        }
        return y;
      }
      double[] a = readD(g, 0);
      double[] r = readD(ref, 1);
      for (int i = 0; i < n; i++) {
        a[i] = r[i] > 0.0 ? a[i] : a[i] * alpha;
      }
      return writeD(a, g.shape());
    }
    INDArray pos = ref.gt(0).castTo(g.dataType());
    return g.mul(pos.muli(1.0 - alpha).addi(alpha));
  }
}
