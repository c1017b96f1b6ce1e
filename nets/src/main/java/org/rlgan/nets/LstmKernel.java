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
    final double[] gates;    // [T][n][4H] activated i, f, g, o
    final double[] cells;    // [T + 1][n][H]: block 0 holds c_0
    final double[] mask;     // [n·T] batch-first, or null
    final INDArray wIh;
    final INDArray wHh;

    Saved(int n, int steps, int in, int hidden, DataType type, INDArray xTm, INDArray hPrev, double[] gates,
        double[] cells, double[] mask, INDArray wIh, INDArray wHh) {
      this.n = n;
      this.steps = steps;
      this.in = in;
      this.hidden = hidden;
      this.type = type;
      this.xTm = xTm;
      this.hPrev = hPrev;
      this.gates = gates;
      this.cells = cells;
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
    double[] out = new double[n * steps * 2 * hid];
    double[] zt = new double[n * g4];
    for (int t = 0; t < steps; t++) {
      // z_t += h_{t−1}·W_hh
      Kernels.Blas.gemmAt(false, false, n, g4, hid, hPrev, (long) t * nh, hid, wHh, 0, g4, 1.0, z,
          (long) t * n * g4, g4);
      io.read(z, (long) t * n * g4, n * g4, zt);
      int cPrev = t * nh;
      int cNow = (t + 1) * nh;
      int gBase = t * n * g4;
      for (int b = 0; b < n; b++) {
        boolean real = mask == null || mask[b * steps + t] != 0;
        int zr = b * g4;
        int o = (b * steps + t) * 2 * hid;
        for (int j = 0; j < hid; j++) {
          int k = b * hid + j;
          if (real) {
            double ig = sigmoid(zt[zr + j] + bias[j]);
            double fg = sigmoid(zt[zr + hid + j] + bias[hid + j]);
            double gg = tanh(zt[zr + 2 * hid + j] + bias[2 * hid + j]);
            double og = sigmoid(zt[zr + 3 * hid + j] + bias[3 * hid + j]);
            double c = fg * cells[cPrev + k] + ig * gg;
            cells[cNow + k] = c;
            h[k] = og * tanh(c);
            int gi = gBase + zr;
            gates[gi + j] = ig;
            gates[gi + hid + j] = fg;
            gates[gi + 2 * hid + j] = gg;
            gates[gi + 3 * hid + j] = og;
          } else {
            cells[cNow + k] = cells[cPrev + k];
          }
          out[o + j] = h[k];
          out[o + hid + j] = cells[cNow + k];
        }
      }
      if (t + 1 < steps) {
        io.write(h, 0, nh, hPrev, (long) (t + 1) * nh);
      }
    }
    INDArray states = Kernels.fromHostDoubles(out, type, new long[] {n, steps, 2L * hid});
    return new Forward(states, new Saved(n, steps, in, hid, type, xTm, hPrev, gates, cells, mask, wIh, wHh));
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
    double[] pass = new double[nh];
    double[] dzt = new double[n * g4];
    double[] db = new double[g4];
    double[] rec = new double[nh];
    for (int t = steps - 1; t >= 0; t--) {
      int gBase = t * n * g4;
      int cPrev = t * nh;
      int cNow = (t + 1) * nh;
      for (int b = 0; b < n; b++) {
        boolean real = s.mask == null || s.mask[b * steps + t] != 0;
        int o = (b * steps + t) * 2 * hid;
        int zr = b * g4;
        for (int j = 0; j < hid; j++) {
          int k = b * hid + j;
          double dhTot = gs[o + j] + dh[k];
          double dcTot = gs[o + hid + j] + dc[k];
          if (!real) {
            pass[k] = dhTot;
            dc[k] = dcTot;
            dzt[zr + j] = 0;
            dzt[zr + hid + j] = 0;
            dzt[zr + 2 * hid + j] = 0;
            dzt[zr + 3 * hid + j] = 0;
            continue;
          }
          int gi = gBase + zr;
          double ig = s.gates[gi + j];
          double fg = s.gates[gi + hid + j];
          double gg = s.gates[gi + 2 * hid + j];
          double og = s.gates[gi + 3 * hid + j];
          double tc = tanh(s.cells[cNow + k]);
          double dO = dhTot * tc;
          double dC = dcTot + dhTot * og * (1 - tc * tc);
          dc[k] = dC * fg;
          pass[k] = 0;
          double zi = dC * gg * ig * (1 - ig);
          double zf = dC * s.cells[cPrev + k] * fg * (1 - fg);
          double zg = dC * ig * (1 - gg * gg);
          double zo = dO * og * (1 - og);
          dzt[zr + j] = zi;
          dzt[zr + hid + j] = zf;
          dzt[zr + 2 * hid + j] = zg;
          dzt[zr + 3 * hid + j] = zo;
          db[j] += zi;
          db[hid + j] += zf;
          db[2 * hid + j] += zg;
          db[3 * hid + j] += zo;
        }
      }
      io.write(dzt, 0, n * g4, dz, (long) gBase);
      // dh_{t−1} = dz_t·W_hhᵀ (+ the pass-through of padded rows)
      Kernels.Blas.gemmAt(false, true, n, hid, g4, dz, gBase, g4, s.wHh, 0, g4, 0.0, dhRec, 0, hid);
      io.read(dhRec, 0, nh, rec);
      for (int k = 0; k < nh; k++) {
        dh[k] = rec[k] + pass[k];
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

  private static double sigmoid(double v) {
    return 1.0 / (1.0 + Math.exp(-v));
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
