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
  /** An element-wise update over n elements; it changes theta and the slots in place. */
  @FunctionalInterface
  interface Rule {
    void apply(double[] theta, double[] grad, double[][] slots, int n);
  }

  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[8][0]);

  private HostLoop() {}

  static void run(INDArray theta, INDArray grad, INDArray[] slots, Rule rule) {
    if (slots.length > 6) {
      throw new IllegalArgumentException("at most 6 state slots, got " + slots.length);
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
}
