package org.rlgan.nets.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.HostArrays;

/**
 * Runs an optimizer's element-wise update rule as one plain loop over host copies of the parameter, its
 * gradient and its state slots, then writes the parameter and slots back in place.
 *
 * <p>Each update equation is thereby written once, in double precision, and runs the same on every
 * backend. On the CPU backend the copies are bulk transfers, and one loop replaces the ten or so ND4J calls
 * (each 5–40 µs of fixed cost) an update would otherwise make per parameter (docs/PERFORMANCE.md).
 */
final class HostLoop {
  /**
   * An element-wise update over n elements; it changes theta and the slots in place. Element i's result may
   * depend only on element i of each array (the float32 path applies the rule block by block).
   */
  @FunctionalInterface
  interface Rule {
    void apply(double[] theta, double[] grad, double[][] slots, int n);
  }

  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[8][0]);

  /** Elements per block of the float32 path: its eight double blocks (128 KiB) stay in the L2 cache. */
  private static final int BLOCK = 2048;

  private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[8][0]);
  private static final ThreadLocal<double[][]> BLOCKS = ThreadLocal.withInitial(() -> new double[8][BLOCK]);

  private HostLoop() {}

  static void run(INDArray theta, INDArray grad, INDArray[] slots, Rule rule) {
    if (slots.length > 6) {
      throw new IllegalArgumentException("at most 6 state slots, got " + slots.length);
    }
    if (allHostFloat(theta, grad, slots)) {
      runFloat(theta, grad, slots, rule);
      return;
    }
    double[][] scratch = SCRATCH.get();
    int n = Math.toIntExact(theta.length());
    scratch[0] = HostArrays.read(theta, scratch[0]);
    scratch[1] = HostArrays.read(grad, scratch[1]);
    double[][] s = new double[slots.length][];
    for (int i = 0; i < slots.length; i++) {
      scratch[2 + i] = HostArrays.read(slots[i], scratch[2 + i]);
      s[i] = scratch[2 + i];
    }
    rule.apply(scratch[0], scratch[1], s, n);
    HostArrays.write(scratch[0], theta);
    for (int i = 0; i < slots.length; i++) {
      HostArrays.write(s[i], slots[i]);
    }
  }

  private static boolean allHostFloat(INDArray theta, INDArray grad, INDArray[] slots) {
    if (!HostArrays.isHostFloat(theta) || !HostArrays.isHostFloat(grad)) {
      return false;
    }
    for (INDArray a : slots) {
      if (!HostArrays.isHostFloat(a)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The same update for float32 arrays on the CPU, block by block: each block is widened to double, updated by
   * the rule, and narrowed back, so the conversions and the rule work on cache-resident blocks instead of
   * streaming four full-length double arrays through memory (a 132k-parameter Adam step: 1.5 → 1.1 ms,
   * docs/PERFORMANCE.md). The arithmetic per element is unchanged: the same results, bit for bit.
   */
  private static void runFloat(INDArray theta, INDArray grad, INDArray[] slots, Rule rule) {
    int n = Math.toIntExact(theta.length());
    int arrays = 2 + slots.length;
    float[][] f = FLOATS.get();
    f[0] = HostArrays.readFloats(theta, f[0]);
    f[1] = HostArrays.readFloats(grad, f[1]);
    for (int i = 0; i < slots.length; i++) {
      f[2 + i] = HostArrays.readFloats(slots[i], f[2 + i]);
    }
    double[][] d = BLOCKS.get();
    double[][] st = new double[slots.length][];
    System.arraycopy(d, 2, st, 0, slots.length);
    for (int o = 0; o < n; o += BLOCK) {
      int len = Math.min(BLOCK, n - o);
      for (int j = 0; j < arrays; j++) {
        float[] src = f[j];
        double[] dst = d[j];
        for (int i = 0; i < len; i++) {
          dst[i] = src[o + i];
        }
      }
      rule.apply(d[0], d[1], st, len);
      for (int j = 0; j < arrays; j++) {
        if (j == 1) {
          continue; // the gradient is read only
        }
        double[] src = d[j];
        float[] dst = f[j];
        for (int i = 0; i < len; i++) {
          dst[o + i] = (float) src[i];
        }
      }
    }
    HostArrays.writeFloats(f[0], theta);
    for (int i = 0; i < slots.length; i++) {
      HostArrays.writeFloats(f[2 + i], slots[i]);
    }
  }
}
