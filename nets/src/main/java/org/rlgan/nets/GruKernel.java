package org.rlgan.nets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused GRU over a whole sequence, for {@link Ops#gru} in Java mode; the same plan as {@link LstmKernel}
 * (one GEMM for the input projection of all steps, one per step for the recurrent part, gate arithmetic in Java,
 * a hand-written backward through time). PyTorch's equations and gate order (r, z, n):
 *
 * <pre>
 *   a = x_t·W_ih + b_ih,  b = h_{t−1}·W_hh + b_hh                 [n, 3H] each
 *   r = σ(a_r + b_r), z = σ(a_z + b_z), n = tanh(a_n + r ⊙ b_n)
 *   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 * </pre>
 *
 * A padded step (mask 0) keeps h_{t−1}. Time-major inside, as the LSTM's.
 */
final class GruKernel {
  private GruKernel() {}

  /** What the forward pass leaves for the backward pass. */
  record Saved(int n, int steps, int in, int hidden, DataType type, INDArray xTm, INDArray hPrev, double[] gates,
      double[] hPrevHost, double[] mask, INDArray wIh, INDArray wHh) {}

  /** The hidden states [n, T, H] and the saved values. */
  record Forward(INDArray states, Saved saved) {}

  static boolean supports(INDArray x, INDArray h0, INDArray wIh, INDArray wHh, INDArray bIh, INDArray bHh) {
    if (!Kernels.javaDense(x, h0, wIh, wHh, bIh, bHh)) {
      return false;
    }
    long rows = x.size(0) * x.size(1);
    return rows > 0 && x.size(2) > 0 && rows * Math.max(wHh.size(1), x.size(2)) <= Integer.MAX_VALUE;
  }

  static Forward forward(INDArray x, INDArray h0, INDArray wIh, INDArray wHh, INDArray bIh, INDArray bHh,
      double[] mask) {
    int n = (int) x.size(0);
    int steps = (int) x.size(1);
    int in = (int) x.size(2);
    int hid = (int) wHh.size(0);
    int g3 = 3 * hid;
    int nh = n * hid;
    DataType type = x.dataType();

    INDArray xTm = LstmKernel.timeMajor(x, n, steps, in);
    INDArray a = Kernels.allocate(type, new long[] {(long) steps * n, g3});
    Kernels.Blas.gemmAt(false, false, steps * n, g3, in, xTm, 0, in, wIh, 0, g3, 0.0, a, 0, g3);
    double[] aHost = Kernels.toHostDoubles(a);
    double[] bih = Kernels.toHostDoubles(bIh);
    double[] bhh = Kernels.toHostDoubles(bHh);

    double[] h = Kernels.toHostDoubles(h0);
    INDArray hPrev = Kernels.allocate(type, new long[] {(long) steps * n, hid});
    double[] hPrevHost = new double[steps * nh];
    LstmKernel.Host io = new LstmKernel.Host(type, n * g3);
    INDArray bBuf = Kernels.allocate(type, new long[] {n, g3});
    double[] bt = new double[n * g3];
    double[] gates = new double[steps * n * 4 * hid];    // r, z, n, b_n per step and row
    double[] out = new double[n * steps * hid];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(h, 0, hPrevHost, t * nh, nh);
      io.write(h, 0, nh, hPrev, (long) t * nh);
      Kernels.Blas.gemmAt(false, false, n, g3, hid, hPrev, (long) t * nh, hid, wHh, 0, g3, 0.0, bBuf, 0, g3);
      io.read(bBuf, 0, n * g3, bt);
      for (int b = 0; b < n; b++) {
        boolean real = mask == null || mask[b * steps + t] != 0;
        int ar = (t * n + b) * g3;
        int br = b * g3;
        int gr = (t * n + b) * 4 * hid;
        int o = (b * steps + t) * hid;
        for (int j = 0; j < hid; j++) {
          int k = b * hid + j;
          if (real) {
            double r = LstmKernel.sigmoid(aHost[ar + j] + bih[j] + bt[br + j] + bhh[j]);
            double z = LstmKernel.sigmoid(aHost[ar + hid + j] + bih[hid + j] + bt[br + hid + j] + bhh[hid + j]);
            double bn = bt[br + 2 * hid + j] + bhh[2 * hid + j];
            double nn = LstmKernel.tanh(aHost[ar + 2 * hid + j] + bih[2 * hid + j] + r * bn);
            h[k] = nn + z * (h[k] - nn);
            gates[gr + j] = r;
            gates[gr + hid + j] = z;
            gates[gr + 2 * hid + j] = nn;
            gates[gr + 3 * hid + j] = bn;
          }
          out[o + j] = h[k];
        }
      }
    }
    INDArray states = Kernels.fromHostDoubles(out, type, new long[] {n, steps, hid});
    return new Forward(states, new Saved(n, steps, in, hid, type, xTm, hPrev, gates, hPrevHost, mask, wIh, wHh));
  }

  /** Gradients of (x, h0, W_ih, W_hh, b_ih, b_hh) from the gradient of the states [n, T, H]; null where not needed. */
  static INDArray[] backward(Saved s, INDArray gStates, boolean[] need) {
    int n = s.n();
    int steps = s.steps();
    int in = s.in();
    int hid = s.hidden();
    int g3 = 3 * hid;
    int nh = n * hid;
    DataType type = s.type();
    double[] gs = Kernels.toHostDoubles(gStates);
    INDArray da = Kernels.allocate(type, new long[] {(long) steps * n, g3});
    INDArray db = Kernels.allocate(type, new long[] {(long) steps * n, g3});
    INDArray dhRec = Kernels.allocate(type, new long[] {n, hid});
    LstmKernel.Host io = new LstmKernel.Host(type, n * g3);
    double[] dh = new double[nh];
    double[] direct = new double[nh];
    double[] dat = new double[n * g3];
    double[] dbt = new double[n * g3];
    double[] dbIh = new double[g3];
    double[] dbHh = new double[g3];
    double[] rec = new double[nh];
    for (int t = steps - 1; t >= 0; t--) {
      for (int b = 0; b < n; b++) {
        boolean real = s.mask() == null || s.mask()[b * steps + t] != 0;
        int o = (b * steps + t) * hid;
        int gr = (t * n + b) * 4 * hid;
        int r0 = b * g3;
        for (int j = 0; j < hid; j++) {
          int k = b * hid + j;
          double dhTot = gs[o + j] + dh[k];
          if (!real) {
            direct[k] = dhTot;
            dat[r0 + j] = 0;
            dat[r0 + hid + j] = 0;
            dat[r0 + 2 * hid + j] = 0;
            dbt[r0 + j] = 0;
            dbt[r0 + hid + j] = 0;
            dbt[r0 + 2 * hid + j] = 0;
            continue;
          }
          double r = s.gates()[gr + j];
          double z = s.gates()[gr + hid + j];
          double nn = s.gates()[gr + 2 * hid + j];
          double bn = s.gates()[gr + 3 * hid + j];
          double hp = s.hPrevHost()[t * nh + k];
          double dan = dhTot * (1 - z) * (1 - nn * nn);
          double dar = dan * bn * r * (1 - r);
          double daz = dhTot * (hp - nn) * z * (1 - z);
          direct[k] = dhTot * z;
          dat[r0 + j] = dar;
          dat[r0 + hid + j] = daz;
          dat[r0 + 2 * hid + j] = dan;
          dbt[r0 + j] = dar;
          dbt[r0 + hid + j] = daz;
          dbt[r0 + 2 * hid + j] = dan * r;
          dbIh[j] += dar;
          dbIh[hid + j] += daz;
          dbIh[2 * hid + j] += dan;
          dbHh[j] += dar;
          dbHh[hid + j] += daz;
          dbHh[2 * hid + j] += dan * r;
        }
      }
      long off = (long) t * n * g3;
      io.write(dat, 0, n * g3, da, off);
      io.write(dbt, 0, n * g3, db, off);
      Kernels.Blas.gemmAt(false, true, n, hid, g3, db, off, g3, s.wHh(), 0, g3, 0.0, dhRec, 0, hid);
      io.read(dhRec, 0, nh, rec);
      for (int k = 0; k < nh; k++) {
        dh[k] = rec[k] + direct[k];
      }
    }
    INDArray[] out = new INDArray[6];
    int rows = steps * n;
    if (need[0]) {
      out[0] = LstmKernel.inputGradient(da, s.wIh(), n, steps, in, g3, type);
    }
    if (need[1]) {
      out[1] = Kernels.fromHostDoubles(dh, type, new long[] {n, hid});
    }
    if (need[2]) {
      out[2] = Kernels.allocate(type, new long[] {in, g3});
      Kernels.Blas.gemmAt(true, false, in, g3, rows, s.xTm(), 0, in, da, 0, g3, 0.0, out[2], 0, g3);
    }
    if (need[3]) {
      out[3] = Kernels.allocate(type, new long[] {hid, g3});
      Kernels.Blas.gemmAt(true, false, hid, g3, rows, s.hPrev(), 0, hid, db, 0, g3, 0.0, out[3], 0, g3);
    }
    if (need[4]) {
      out[4] = Kernels.fromHostDoubles(dbIh, type, new long[] {g3});
    }
    if (need[5]) {
      out[5] = Kernels.fromHostDoubles(dbHh, type, new long[] {g3});
    }
    return out;
  }
}
