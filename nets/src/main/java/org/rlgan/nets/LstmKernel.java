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
}
