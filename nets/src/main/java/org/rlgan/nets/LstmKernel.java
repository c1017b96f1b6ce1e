package org.rlgan.nets;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused LSTM over a whole sequence, for {@link Ops#lstm} in Java mode: one GEMM for the input projection
 * of every time step, one GEMM per step for the recurrent part, the gate arithmetic in a Java loop, and a
 * hand-written back-propagation through time (one GEMM per step, then three for the weight and input
 * gradients). PyTorch's equations and gate order (i, f, g, o):
 *
 * <pre>
 *   z = x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh      [n, 4H]
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * </pre>
 *
 * A padded step (mask 0) keeps both states: h_t = h_{t−1}, c_t = c_{t−1}.
 *
 * <p>Internally everything is time-major: the input is copied once to [T·n, I], so the step-t block of the
 * projection and of the previous hidden states is one contiguous [n, ·] matrix. GEMMs run in the arrays' own
 * type on ND4J's memory; the gate arithmetic runs in double on the heap.
 */
final class LstmKernel {
  private LstmKernel() {}

  /** What the forward pass leaves for the backward pass. */
  static final class Saved {
    final int n;
    final int steps;
    final int in;
    final int hidden;
    final DataType type;
    final INDArray xTm;      // [T·n, I] time-major copy of x
    final INDArray hPrev;    // [T·n, H]: block t holds h_{t−1}
    final double[] gates;    // [T][4][n][H] activated i, f, g, o (gate-major per step)
    final double[] cells;    // [T + 1][n][H]: block 0 holds c_0
    final double[] tanhC;    // [T][n][H]: tanh(c_t) at real steps
    final double[] mask;     // [n·T] batch-first, or null
    final INDArray wIh;
    final INDArray wHh;
    // float32: the same three arrays in float (gates, cells, tanhC above are then null), from a per-thread cache
    float[] gatesF;
    float[] cellsF;
    float[] tanhCF;
    /** Set once a float32 backward pass has handed the saved arrays back. */
    boolean released;

    Saved(int n, int steps, int in, int hidden, DataType type, INDArray xTm, INDArray hPrev, double[] gates,
        double[] cells, double[] tanhC, double[] mask, INDArray wIh, INDArray wHh) {
      this.n = n;
      this.steps = steps;
      this.in = in;
      this.hidden = hidden;
      this.type = type;
      this.xTm = xTm;
      this.hPrev = hPrev;
      this.gates = gates;
      this.cells = cells;
      this.tanhC = tanhC;
      this.mask = mask;
      this.wIh = wIh;
      this.wHh = wHh;
    }
  }

  /** The forward result: the states [n, T, 2H] (h_t, then c_t, along the last axis) and the saved values. */
  record Forward(INDArray states, Saved saved) {}

  /** Whether the fused path can run on these arrays (Java mode, BLAS, dense, one type, sizes within int). */
  static boolean supports(INDArray x, INDArray h0, INDArray c0, INDArray wIh, INDArray wHh, INDArray bIh,
      INDArray bHh) {
    if (!Kernels.javaDense(x, h0, c0, wIh, wHh, bIh, bHh)) {
      return false;
    }
    long rows = x.size(0) * x.size(1);
    long g = wHh.size(1);
    return rows > 0 && x.size(2) > 0 && g > 0 && rows * Math.max(g, x.size(2)) <= Integer.MAX_VALUE;
  }

  static Forward forward(INDArray x, INDArray h0, INDArray c0, INDArray wIh, INDArray wHh, INDArray bIh,
      INDArray bHh, double[] mask) {
    if (x.dataType() == DataType.FLOAT) {
      return forwardF(x, h0, c0, wIh, wHh, bIh, bHh, mask);
    }
    int n = (int) x.size(0);
    int steps = (int) x.size(1);
    int in = (int) x.size(2);
    int hid = (int) wHh.size(0);
    int g4 = 4 * hid;
    int nh = n * hid;
    DataType type = x.dataType();

    // x [n, T, I] → time-major [T·n, I]; Z = x·W_ih for all steps at once.
    INDArray xTm = timeMajor(x, n, steps, in);
    INDArray z = Kernels.allocate(type, new long[] {(long) steps * n, g4});
    Kernels.Blas.gemmAt(false, false, steps * n, g4, in, xTm, 0, in, wIh, 0, g4, 0.0, z, 0, g4);

    double[] bih = Kernels.toHostDoubles(bIh);
    double[] bhh = Kernels.toHostDoubles(bHh);
    double[] bias = new double[g4];
    for (int j = 0; j < g4; j++) {
      bias[j] = bih[j] + bhh[j];
    }
    double[] h = Kernels.toHostDoubles(h0);
    double[] cells = new double[(steps + 1) * nh];
    System.arraycopy(Kernels.toHostDoubles(c0), 0, cells, 0, nh);
    INDArray hPrev = Kernels.allocate(type, new long[] {(long) steps * n, hid});
    Host io = new Host(type, n * g4);
    io.write(h, 0, nh, hPrev, 0);

    double[] gates = new double[steps * n * g4];
    double[] tanhC = new double[steps * nh];
    double[] out = new double[n * steps * 2 * hid];
    double[] zt = new double[n * g4];
    // σ(scale·(z + bias)) for every gate of a step at once: scale 1 for i, f, o and 2 for g, whose tanh is then
    // 2σ(2x) − 1. Bias and scale are tiled to the step's [n, 4H] so that the pass runs over zero-offset arrays
    // (which the JIT vectorises; with offsets it cannot rule out overlap).
    double[] biasRows = new double[n * g4];
    double[] scaleRows = new double[n * g4];
    for (int b = 0; b < n; b++) {
      System.arraycopy(bias, 0, biasRows, b * g4, g4);
      java.util.Arrays.fill(scaleRows, b * g4, (b + 1) * g4, 1.0);
      java.util.Arrays.fill(scaleRows, b * g4 + 2 * hid, b * g4 + 3 * hid, 2.0);
    }
    double[] act = new double[n * g4];
    // float64 (gradient checks, golden values) uses Math.exp; float32 the vectorised form (error far below a float's)
    boolean exact = type != DataType.FLOAT;
    double[] cStep = new double[nh];
    double[] tStep = new double[nh];
    for (int t = 0; t < steps; t++) {
      // z_t += h_{t−1}·W_hh
      Kernels.Blas.gemmAt(false, false, n, g4, hid, hPrev, (long) t * nh, hid, wHh, 0, g4, 1.0, z,
          (long) t * n * g4, g4);
      io.read(z, (long) t * n * g4, n * g4, zt);
      sigmoid(zt, biasRows, scaleRows, act, n * g4, exact);
      int cPrev = t * nh;
      int gBase = t * n * g4;
      for (int b = 0; b < n; b++) {
        int a0 = b * g4;
        int k0 = b * hid;
        for (int j = 0; j < hid; j++) {
          double g = 2 * act[a0 + 2 * hid + j] - 1;
          act[a0 + 2 * hid + j] = g;
          cStep[k0 + j] = act[a0 + hid + j] * cells[cPrev + k0 + j] + act[a0 + j] * g;
        }
      }
      tanh(cStep, tStep, nh, exact);
      for (int b = 0; b < n; b++) {
        for (int q = 0; q < 4; q++) {
          System.arraycopy(act, b * g4 + q * hid, gates, gBase + q * nh + b * hid, hid);
        }
      }
      System.arraycopy(tStep, 0, tanhC, t * nh, nh);
      System.arraycopy(cStep, 0, cells, (t + 1) * nh, nh);
      for (int b = 0; b < n; b++) {
        int k0 = b * hid;
        int o = (b * steps + t) * 2 * hid;
        if (mask != null && mask[b * steps + t] == 0) {
          // a padded step keeps h and c (its gates are never read)
          System.arraycopy(cells, cPrev + k0, cells, (t + 1) * nh + k0, hid);
        } else {
          int a0 = b * g4 + 3 * hid;
          for (int j = 0; j < hid; j++) {
            h[k0 + j] = act[a0 + j] * tStep[k0 + j];
          }
        }
        System.arraycopy(h, k0, out, o, hid);
        System.arraycopy(cells, (t + 1) * nh + k0, out, o + hid, hid);
      }
      if (t + 1 < steps) {
        io.write(h, 0, nh, hPrev, (long) (t + 1) * nh);
      }
    }
    INDArray states = Kernels.fromHostDoubles(out, type, new long[] {n, steps, 2L * hid});
    return new Forward(states, new Saved(n, steps, in, hid, type, xTm, hPrev, gates, cells, tanhC, mask, wIh, wHh));
  }

  /**
   * Back-propagation through time from the gradient of the states [n, T, 2H]. Returns the gradients of
   * (x, h0, c0, W_ih, W_hh, b_ih, b_hh), null where {@code need} is false.
   */
  static INDArray[] backward(Saved s, INDArray gStates, boolean[] need) {
    if (s.gatesF != null) {
      return backwardF(s, gStates, need);
    }
    int n = s.n;
    int steps = s.steps;
    int in = s.in;
    int hid = s.hidden;
    int g4 = 4 * hid;
    int nh = n * hid;
    DataType type = s.type;
    double[] gs = Kernels.toHostDoubles(gStates);
    INDArray dz = Kernels.allocate(type, new long[] {(long) steps * n, g4});
    INDArray dhRec = Kernels.allocate(type, new long[] {n, hid});
    Host io = new Host(type, n * g4);
    double[] dh = new double[nh];
    double[] dc = new double[nh];
    double[] dzt = new double[n * g4];
    double[] db = new double[g4];
    double[] rec = new double[nh];
    // Per-step, zero-offset copies: the JIT vectorises loops over these (not over offset slices).
    double[] gi = new double[nh];
    double[] gf = new double[nh];
    double[] gg = new double[nh];
    double[] go = new double[nh];
    double[] tc = new double[nh];
    double[] cp = new double[nh];
    double[] gh = new double[nh];
    double[] gc = new double[nh];
    double[] dzi = new double[nh];
    double[] dzf = new double[nh];
    double[] dzg = new double[nh];
    double[] dzo = new double[nh];
    double[] passH = new double[nh];
    double[] passC = new double[nh];
    boolean[] padded = new boolean[n];
    for (int t = steps - 1; t >= 0; t--) {
      int gBase = t * 4 * nh;
      System.arraycopy(s.gates, gBase, gi, 0, nh);
      System.arraycopy(s.gates, gBase + nh, gf, 0, nh);
      System.arraycopy(s.gates, gBase + 2 * nh, gg, 0, nh);
      System.arraycopy(s.gates, gBase + 3 * nh, go, 0, nh);
      System.arraycopy(s.tanhC, t * nh, tc, 0, nh);
      System.arraycopy(s.cells, t * nh, cp, 0, nh);
      boolean anyPadded = false;
      for (int b = 0; b < n; b++) {
        int o = (b * steps + t) * 2 * hid;
        System.arraycopy(gs, o, gh, b * hid, hid);
        System.arraycopy(gs, o + hid, gc, b * hid, hid);
        padded[b] = s.mask != null && s.mask[b * steps + t] == 0;
        if (padded[b]) {
          // a padded step passes both gradients through and has no gate gradient
          anyPadded = true;
          for (int k = b * hid; k < (b + 1) * hid; k++) {
            passH[k] = gh[k] + dh[k];
            passC[k] = gc[k] + dc[k];
          }
        }
      }
      for (int k = 0; k < nh; k++) {
        double dhTot = gh[k] + dh[k];
        double dC = gc[k] + dc[k] + dhTot * go[k] * (1 - tc[k] * tc[k]);
        dc[k] = dC * gf[k];
        dzi[k] = dC * gg[k] * gi[k] * (1 - gi[k]);
        dzf[k] = dC * cp[k] * gf[k] * (1 - gf[k]);
        dzg[k] = dC * gi[k] * (1 - gg[k] * gg[k]);
        dzo[k] = dhTot * tc[k] * go[k] * (1 - go[k]);
      }
      for (int b = 0; b < n; b++) {
        int k0 = b * hid;
        if (anyPadded && padded[b]) {
          System.arraycopy(passC, k0, dc, k0, hid);
          java.util.Arrays.fill(dzt, b * g4, (b + 1) * g4, 0.0);
          continue;
        }
        System.arraycopy(dzi, k0, dzt, b * g4, hid);
        System.arraycopy(dzf, k0, dzt, b * g4 + hid, hid);
        System.arraycopy(dzg, k0, dzt, b * g4 + 2 * hid, hid);
        System.arraycopy(dzo, k0, dzt, b * g4 + 3 * hid, hid);
        for (int j = 0; j < g4; j++) {
          db[j] += dzt[b * g4 + j];
        }
      }
      long zOff = (long) t * n * g4;
      io.write(dzt, 0, n * g4, dz, zOff);
      // dh_{t−1} = dz_t·W_hhᵀ (+ the pass-through of padded rows, whose dz is zero)
      Kernels.Blas.gemmAt(false, true, n, hid, g4, dz, zOff, g4, s.wHh, 0, g4, 0.0, dhRec, 0, hid);
      io.read(dhRec, 0, nh, rec);
      System.arraycopy(rec, 0, dh, 0, nh);
      if (anyPadded) {
        for (int b = 0; b < n; b++) {
          if (padded[b]) {
            for (int k = b * hid; k < (b + 1) * hid; k++) {
              dh[k] += passH[k];
            }
          }
        }
      }
    }
    INDArray[] out = new INDArray[7];
    int rows = steps * n;
    if (need[0]) {
      out[0] = inputGradient(dz, s.wIh, n, steps, in, g4, type);
    }
    if (need[1]) {
      out[1] = Kernels.fromHostDoubles(dh, type, new long[] {n, hid});
    }
    if (need[2]) {
      out[2] = Kernels.fromHostDoubles(dc, type, new long[] {n, hid});
    }
    if (need[3]) {
      out[3] = Kernels.allocate(type, new long[] {in, g4});
      Kernels.Blas.gemmAt(true, false, in, g4, rows, s.xTm, 0, in, dz, 0, g4, 0.0, out[3], 0, g4);
    }
    if (need[4]) {
      out[4] = Kernels.allocate(type, new long[] {hid, g4});
      Kernels.Blas.gemmAt(true, false, hid, g4, rows, s.hPrev, 0, hid, dz, 0, g4, 0.0, out[4], 0, g4);
    }
    if (need[5]) {
      out[5] = Kernels.fromHostDoubles(db, type, new long[] {g4});
    }
    if (need[6]) {
      out[6] = Kernels.fromHostDoubles(db, type, new long[] {g4});
    }
    return out;
  }

  /** x [n, T, I] copied to time-major rows [T·n, I]. */
  static INDArray timeMajor(INDArray x, int n, int steps, int in) {
    double[] xb = Kernels.toHostDoubles(x);
    double[] xt = new double[steps * n * in];
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(xb, (b * steps + t) * in, xt, (t * n + b) * in, in);
      }
    }
    return Kernels.fromHostDoubles(xt, x.dataType(), new long[] {(long) steps * n, in});
  }

  /** dX [n, T, I] = (dZ · W_ihᵀ) from time-major dZ [T·n, G], back to batch-first. */
  static INDArray inputGradient(INDArray dz, INDArray wIh, int n, int steps, int in, int g, DataType type) {
    int rows = steps * n;
    INDArray dxTm = Kernels.allocate(type, new long[] {rows, in});
    Kernels.Blas.gemmAt(false, true, rows, in, g, dz, 0, g, wIh, 0, g, 0.0, dxTm, 0, in);
    double[] xt = Kernels.toHostDoubles(dxTm);
    double[] xb = new double[rows * in];
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(xt, (t * n + b) * in, xb, (b * steps + t) * in, in);
      }
    }
    return Kernels.fromHostDoubles(xb, type, new long[] {n, steps, in});
  }

  static double sigmoid(double v) {
    return 1.0 / (1.0 + Math.exp(-v));
  }

  /**
   * dst[j] = σ(scale[j]·(src[j] + bias[j])) for j &lt; len. Exact ({@link Math#exp}) when {@code exact}; otherwise
   * written with arithmetic only and zero offsets, so that the JIT vectorises the loop (Math.exp is a scalar
   * call, and loops over offset slices of arrays are not vectorised): e^x = p(x/256)^256 with p the degree-9
   * Taylor polynomial, the argument clamped to [−30, 30]; relative error below 1e-13 for |x| &lt; 25, absolute
   * error below 1e-13 everywhere. That is far below float32 precision, but not smooth enough at the 1e-14 level
   * for float64 finite differences, hence the exact form there.
   */
  static void sigmoid(double[] src, double[] bias, double[] scale, double[] dst, int len, boolean exact) {
    if (exact) {
      for (int j = 0; j < len; j++) {
        dst[j] = 1 / (1 + Math.exp(-scale[j] * (src[j] + bias[j])));
      }
      return;
    }
    for (int j = 0; j < len; j++) {
      dst[j] = 1 / (1 + expClamped(-scale[j] * (src[j] + bias[j])));
    }
  }

  /**
   * dst[j] = tanh(src[j]) for j &lt; len: {@link #tanh(double)} when exact, else 2σ(2x) − 1 vectorised as above
   * (absolute error below 2e-13).
   */
  static void tanh(double[] src, double[] dst, int len, boolean exact) {
    if (exact) {
      for (int j = 0; j < len; j++) {
        dst[j] = tanh(src[j]);
      }
      return;
    }
    for (int j = 0; j < len; j++) {
      dst[j] = 2 / (1 + expClamped(-2 * src[j])) - 1;
    }
  }

  /** e^x for x clamped to [−30, 30], as p(x/256)^256 (arithmetic only, so loops over it vectorise). */
  static double expClamped(double x) {
    double y = Math.max(-30.0, Math.min(30.0, x)) * (1.0 / 256);
    double p = 1 + y * (1 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120 + y * (1.0 / 720
        + y * (1.0 / 5040 + y * (1.0 / 40320 + y * (1.0 / 362880)))))))));
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    return p * p;
  }

  /**
   * tanh through the intrinsic {@link Math#exp} (Math.tanh is not intrinsified and was a third of the step):
   * 1 − 2/(1 + e^{2v}), with the Taylor series v − v³/3 + 2v⁵/15 near 0 where the subtraction would cancel.
   * Relative error below 1e-13 everywhere; exact ±1 in the tails.
   */
  static double tanh(double v) {
    if (Math.abs(v) < 0.004) {
      double v2 = v * v;
      return v * (1 - v2 * (1.0 / 3 - v2 * (2.0 / 15)));
    }
    return 1 - 2 / (1 + Math.exp(2 * v));
  }

  /** Block copies between ND4J memory (at an element offset) and heap doubles, through one float buffer. */
  static final class Host {
    private final boolean isFloat;
    private final float[] f;

    Host(DataType type, int max) {
      isFloat = type == DataType.FLOAT;
      f = isFloat ? new float[max] : null;
    }

    void read(INDArray a, long off, int len, double[] dst) {
      if (isFloat) {
        new FloatPointer((FloatPointer) a.data().pointer()).position(off).get(f, 0, len);
        for (int i = 0; i < len; i++) {
          dst[i] = f[i];
        }
      } else {
        new DoublePointer((DoublePointer) a.data().pointer()).position(off).get(dst, 0, len);
      }
    }

    void write(double[] src, int srcOff, int len, INDArray a, long off) {
      if (isFloat) {
        for (int i = 0; i < len; i++) {
          f[i] = (float) src[srcOff + i];
        }
        new FloatPointer((FloatPointer) a.data().pointer()).position(off).put(f, 0, len);
      } else {
        new DoublePointer((DoublePointer) a.data().pointer()).position(off).put(src, srcOff, len);
      }
    }
  }

  // =================================================================== float32 path (branch nets-speed2)
  //
  // The same algorithm as above with float arrays throughout: the saved gates, cells and tanh(c) in float (half
  // the memory of the double path) from a small per-thread cache; the native work arrays (time-major x, the
  // projections, the previous hidden states, dz) from Kernels' recycling pool, handed back once the backward pass
  // has used them. The backward pass therefore runs once per forward: a second one (a retained graph) goes
  // through the composite (see Ops.lstm, Saved#released). Sigmoid and tanh are evaluated in double from float
  // inputs (the vectorised exp of expClamped) and rounded once.

  /** Whether the backward pass has used, and handed back, the saved arrays. */
  static boolean released(Saved s) {
    return s.released;
  }

  private static final int CACHE = 6;
  private static final ThreadLocal<java.util.ArrayDeque<float[]>> FLOATS =
      ThreadLocal.withInitial(java.util.ArrayDeque::new);

  /** A heap float array of exactly len elements (contents undefined), from the per-thread cache when one fits. */
  static float[] takeFloats(int len) {
    for (java.util.Iterator<float[]> it = FLOATS.get().iterator(); it.hasNext(); ) {
      float[] a = it.next();
      if (a.length == len) {
        it.remove();
        return a;
      }
    }
    return new float[len];
  }

  /** Hands an array from {@link #takeFloats} back (nothing may use it afterwards). */
  static void giveFloats(float[] a) {
    java.util.ArrayDeque<float[]> q = FLOATS.get();
    if (q.size() == CACHE) {
      q.pollLast();
    }
    q.addFirst(a);
  }

  private static final ThreadLocal<java.util.ArrayDeque<INDArray>> NATIVE =
      ThreadLocal.withInitial(java.util.ArrayDeque::new);

  /**
   * A float32 native [rows, cols] array (contents undefined) from this class's per-thread cache when one of that
   * length is free. (A cache of its own rather than Kernels' recycling pool, whose 16 MB budget the gradients of
   * the rest of the graph need.)
   */
  static INDArray takeNative(long rows, long cols) {
    for (java.util.Iterator<INDArray> it = NATIVE.get().iterator(); it.hasNext(); ) {
      INDArray a = it.next();
      if (a.rows() == rows && a.columns() == cols) {
        it.remove();
        return a;
      }
    }
    return Kernels.allocate(DataType.FLOAT, new long[] {rows, cols});
  }

  /** Hands an array from {@link #takeNative} back (nothing may use it afterwards). */
  static void giveNative(INDArray a) {
    java.util.ArrayDeque<INDArray> q = NATIVE.get();
    if (q.size() == CACHE) {
      INDArray old = q.pollLast();
      if (old.closeable()) {
        old.close();
      }
    }
    q.addFirst(a);
  }

  private static FloatPointer at(INDArray a, long off) {
    FloatPointer p = Kernels.fp(a);
    return new FloatPointer(p).position(p.position() + off);
  }

  static Forward forwardF(INDArray x, INDArray h0, INDArray c0, INDArray wIh, INDArray wHh, INDArray bIh,
      INDArray bHh, double[] mask) {
    int n = (int) x.size(0);
    int steps = (int) x.size(1);
    int in = (int) x.size(2);
    int hid = (int) wHh.size(0);
    int g4 = 4 * hid;
    int nh = n * hid;
    int ng = n * g4;
    DataType type = DataType.FLOAT;

    INDArray xTm = timeMajorF(x, n, steps, in);
    INDArray z = takeNative((long) steps * n, g4);
    Kernels.Blas.gemmAt(false, false, steps * n, g4, in, xTm, 0, in, wIh, 0, g4, 0.0, z, 0, g4);

    // bias and scale tiled to a step's [n, 4H] (zero-offset loops vectorise): scale 1 for i, f, o, 2 for g
    float[] bias = new float[g4];
    at(bIh, 0).get(bias, 0, g4);
    float[] bhh = new float[g4];
    at(bHh, 0).get(bhh, 0, g4);
    float[] biasRows = new float[ng];
    float[] scaleRows = new float[ng];
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < g4; j++) {
        biasRows[b * g4 + j] = bias[j] + bhh[j];
      }
      java.util.Arrays.fill(scaleRows, b * g4, (b + 1) * g4, 1f);
      java.util.Arrays.fill(scaleRows, b * g4 + 2 * hid, b * g4 + 3 * hid, 2f);
    }
    float[] h = new float[nh];
    at(h0, 0).get(h, 0, nh);
    float[] cells = takeFloats((steps + 1) * nh);
    at(c0, 0).get(cells, 0, nh);
    INDArray hPrev = takeNative((long) steps * n, hid);
    at(hPrev, 0).put(h, 0, nh);
    float[] gates = takeFloats(steps * ng);
    float[] tanhC = takeFloats(steps * nh);
    float[] out = Kernels.scratchF(3, n * steps * 2 * hid);
    double[] biasD = new double[ng];
    double[] scaleD = new double[ng];
    for (int j = 0; j < ng; j++) {
      biasD[j] = biasRows[j];
      scaleD[j] = scaleRows[j];
    }
    double[] zd = new double[ng];
    double[] ad = new double[ng];
    double[] cd = new double[nh];
    double[] td = new double[nh];
    float[] zt = new float[ng];
    float[] act = new float[ng];
    float[] cStep = new float[nh];
    float[] tStep = new float[nh];
    for (int t = 0; t < steps; t++) {
      long zOff = (long) t * ng;
      Kernels.Blas.gemmAt(false, false, n, g4, hid, hPrev, (long) t * nh, hid, wHh, 0, g4, 1.0, z, zOff, g4);
      at(z, zOff).get(zt, 0, ng);
      // (loops that mix float and double do not vectorise on JDK 17: widen, evaluate in double, narrow)
      widen(zt, zd, ng);
      sigmoid(zd, biasD, scaleD, ad, ng, false);
      narrow(ad, act, ng);
      int cPrev = t * nh;
      for (int b = 0; b < n; b++) {
        int a0 = b * g4;
        int k0 = b * hid;
        for (int j = 0; j < hid; j++) {
          float g = 2 * act[a0 + 2 * hid + j] - 1;
          act[a0 + 2 * hid + j] = g;
          cStep[k0 + j] = act[a0 + hid + j] * cells[cPrev + k0 + j] + act[a0 + j] * g;
        }
      }
      widen(cStep, cd, nh);
      tanh(cd, td, nh, false);
      narrow(td, tStep, nh);
      int gBase = t * ng;
      for (int b = 0; b < n; b++) {
        for (int q = 0; q < 4; q++) {
          System.arraycopy(act, b * g4 + q * hid, gates, gBase + q * nh + b * hid, hid);
        }
      }
      System.arraycopy(tStep, 0, tanhC, t * nh, nh);
      System.arraycopy(cStep, 0, cells, (t + 1) * nh, nh);
      for (int b = 0; b < n; b++) {
        int k0 = b * hid;
        int o = (b * steps + t) * 2 * hid;
        if (mask != null && mask[b * steps + t] == 0) {
          System.arraycopy(cells, cPrev + k0, cells, (t + 1) * nh + k0, hid);
        } else {
          int a0 = b * g4 + 3 * hid;
          for (int j = 0; j < hid; j++) {
            h[k0 + j] = act[a0 + j] * tStep[k0 + j];
          }
        }
        System.arraycopy(h, k0, out, o, hid);
        System.arraycopy(cells, (t + 1) * nh + k0, out, o + hid, hid);
      }
      if (t + 1 < steps) {
        at(hPrev, (long) (t + 1) * nh).put(h, 0, nh);
      }
    }
    giveNative(z);
    INDArray states = Kernels.writeF(out, new long[] {n, steps, 2L * hid});
    Saved s = new Saved(n, steps, in, hid, type, xTm, hPrev, null, null, null, mask, wIh, wHh);
    s.gatesF = gates;
    s.cellsF = cells;
    s.tanhCF = tanhC;
    return new Forward(states, s);
  }

  static INDArray[] backwardF(Saved s, INDArray gStates, boolean[] need) {
    int n = s.n;
    int steps = s.steps;
    int in = s.in;
    int hid = s.hidden;
    int g4 = 4 * hid;
    int nh = n * hid;
    int ng = n * g4;
    DataType type = DataType.FLOAT;
    float[] gs = Kernels.readF(gStates, 0);
    INDArray dz = takeNative((long) steps * n, g4);
    INDArray dhRec = takeNative(n, hid);
    float[] dh = new float[nh];
    float[] dc = new float[nh];
    float[] dzt = new float[ng];
    double[] db = new double[g4];
    float[] gi = new float[nh];
    float[] gf = new float[nh];
    float[] gg = new float[nh];
    float[] go = new float[nh];
    float[] tc = new float[nh];
    float[] cp = new float[nh];
    float[] gh = new float[nh];
    float[] gc = new float[nh];
    float[] dzi = new float[nh];
    float[] dzf = new float[nh];
    float[] dzg = new float[nh];
    float[] dzo = new float[nh];
    float[] passH = new float[nh];
    float[] passC = new float[nh];
    boolean[] padded = new boolean[n];
    for (int t = steps - 1; t >= 0; t--) {
      int gBase = t * 4 * nh;
      System.arraycopy(s.gatesF, gBase, gi, 0, nh);
      System.arraycopy(s.gatesF, gBase + nh, gf, 0, nh);
      System.arraycopy(s.gatesF, gBase + 2 * nh, gg, 0, nh);
      System.arraycopy(s.gatesF, gBase + 3 * nh, go, 0, nh);
      System.arraycopy(s.tanhCF, t * nh, tc, 0, nh);
      System.arraycopy(s.cellsF, t * nh, cp, 0, nh);
      boolean anyPadded = false;
      for (int b = 0; b < n; b++) {
        int o = (b * steps + t) * 2 * hid;
        System.arraycopy(gs, o, gh, b * hid, hid);
        System.arraycopy(gs, o + hid, gc, b * hid, hid);
        padded[b] = s.mask != null && s.mask[b * steps + t] == 0;
        if (padded[b]) {
          anyPadded = true;
          for (int k = b * hid; k < (b + 1) * hid; k++) {
            passH[k] = gh[k] + dh[k];
            passC[k] = gc[k] + dc[k];
          }
        }
      }
      gateGrads(gh, gc, dh, dc, gi, gf, gg, go, tc, cp, dzi, dzf, dzg, dzo, nh);
      for (int b = 0; b < n; b++) {
        int k0 = b * hid;
        if (anyPadded && padded[b]) {
          System.arraycopy(passC, k0, dc, k0, hid);
          java.util.Arrays.fill(dzt, b * g4, (b + 1) * g4, 0f);
          continue;
        }
        System.arraycopy(dzi, k0, dzt, b * g4, hid);
        System.arraycopy(dzf, k0, dzt, b * g4 + hid, hid);
        System.arraycopy(dzg, k0, dzt, b * g4 + 2 * hid, hid);
        System.arraycopy(dzo, k0, dzt, b * g4 + 3 * hid, hid);
        for (int j = 0; j < g4; j++) {
          db[j] += dzt[b * g4 + j];
        }
      }
      long zOff = (long) t * ng;
      at(dz, zOff).put(dzt, 0, ng);
      Kernels.Blas.gemmAt(false, true, n, hid, g4, dz, zOff, g4, s.wHh, 0, g4, 0.0, dhRec, 0, hid);
      at(dhRec, 0).get(dh, 0, nh);
      if (anyPadded) {
        for (int b = 0; b < n; b++) {
          if (padded[b]) {
            for (int k = b * hid; k < (b + 1) * hid; k++) {
              dh[k] += passH[k];
            }
          }
        }
      }
    }
    INDArray[] out = new INDArray[7];
    int rows = steps * n;
    if (need[0]) {
      out[0] = inputGradientF(dz, s.wIh, n, steps, in, g4);
    }
    if (need[1]) {
      out[1] = Kernels.writeF(dh, new long[] {n, hid});
    }
    if (need[2]) {
      out[2] = Kernels.writeF(dc, new long[] {n, hid});
    }
    if (need[3]) {
      out[3] = Kernels.allocate(type, new long[] {in, g4});
      Kernels.Blas.gemmAt(true, false, in, g4, rows, s.xTm, 0, in, dz, 0, g4, 0.0, out[3], 0, g4);
    }
    if (need[4]) {
      out[4] = Kernels.allocate(type, new long[] {hid, g4});
      Kernels.Blas.gemmAt(true, false, hid, g4, rows, s.hPrev, 0, hid, dz, 0, g4, 0.0, out[4], 0, g4);
    }
    if (need[5] || need[6]) {
      float[] dbf = new float[g4];
      for (int j = 0; j < g4; j++) {
        dbf[j] = (float) db[j];
      }
      out[5] = need[5] ? Kernels.writeF(dbf, new long[] {g4}) : null;
      out[6] = need[6] ? Kernels.writeF(dbf, new long[] {g4}) : null;
    }
    // One backward per forward: everything saved goes back for reuse.
    s.released = true;
    giveNative(dz);
    giveNative(dhRec);
    giveNative(s.xTm);
    giveNative(s.hPrev);
    giveFloats(s.gatesF);
    giveFloats(s.cellsF);
    giveFloats(s.tanhCF);
    s.gatesF = null;
    s.cellsF = null;
    s.tanhCF = null;
    return out;
  }

  // Small methods for the hot loops: compiled (and vectorised) on their own, whatever happens to the big callers.

  private static void widen(float[] src, double[] dst, int len) {
    for (int i = 0; i < len; i++) {
      dst[i] = src[i];
    }
  }

  private static void narrow(double[] src, float[] dst, int len) {
    for (int i = 0; i < len; i++) {
      dst[i] = (float) src[i];
    }
  }

  /** One step of the backward pass through the cell: the gate gradients, and dc for the previous step. */
  private static void gateGrads(float[] gh, float[] gc, float[] dh, float[] dc, float[] gi, float[] gf, float[] gg,
      float[] go, float[] tc, float[] cp, float[] dzi, float[] dzf, float[] dzg, float[] dzo, int len) {
    for (int k = 0; k < len; k++) {
      float dhTot = gh[k] + dh[k];
      float dC = gc[k] + dc[k] + dhTot * go[k] * (1 - tc[k] * tc[k]);
      dc[k] = dC * gf[k];
      dzi[k] = dC * gg[k] * gi[k] * (1 - gi[k]);
      dzf[k] = dC * cp[k] * gf[k] * (1 - gf[k]);
      dzg[k] = dC * gi[k] * (1 - gg[k] * gg[k]);
      dzo[k] = dhTot * tc[k] * go[k] * (1 - go[k]);
    }
  }

  /** float32 x [n, T, I] copied to time-major rows [T·n, I]. */
  static INDArray timeMajorF(INDArray x, int n, int steps, int in) {
    float[] xb = Kernels.readF(x, 0);
    float[] xt = Kernels.scratchF(1, steps * n * in);
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(xb, (b * steps + t) * in, xt, (t * n + b) * in, in);
      }
    }
    INDArray xTm = takeNative((long) steps * n, in);
    at(xTm, 0).put(xt, 0, steps * n * in);
    return xTm;
  }

  /** float32 dX [n, T, I] = (dZ · W_ihᵀ) from time-major dZ [T·n, G], back to batch-first. */
  static INDArray inputGradientF(INDArray dz, INDArray wIh, int n, int steps, int in, int g) {
    int rows = steps * n;
    INDArray dxTm = takeNative(rows, in);
    Kernels.Blas.gemmAt(false, true, rows, in, g, dz, 0, g, wIh, 0, g, 0.0, dxTm, 0, in);
    float[] xt = Kernels.readF(dxTm, 1);
    float[] xb = Kernels.scratchF(2, rows * in);
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(xt, (t * n + b) * in, xb, (b * steps + t) * in, in);
      }
    }
    giveNative(dxTm);
    return Kernels.writeF(xb, new long[] {n, steps, in});
  }
}
