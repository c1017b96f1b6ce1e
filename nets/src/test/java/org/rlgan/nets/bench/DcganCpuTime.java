package org.rlgan.nets.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Not a test: the thread CPU time of one DCGAN step ({@link ConvBench}'s {@code dcgan28_step_b64}), for A/B
 * comparisons on a shared machine where wall-clock rates swing with the load (single-threaded OpenBLAS runs in
 * the calling thread, so its time is included; the JVM's GC threads are not). Prints the median over 7 blocks
 * of 4 steps after 12 warm-up steps. Usage: {@code DcganCpuTime [label]}.
 */
public final class DcganCpuTime {
  private DcganCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ConvBench.Dcgan gan = new ConvBench.Dcgan(0);
    for (int i = 0; i < 12; i++) {
      gan.step();
    }
    double[] ms = new double[7];
    for (int k = 0; k < ms.length; k++) {
      long t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 4; i++) {
        gan.step();
      }
      ms[k] = (mx.getCurrentThreadCpuTime() - t) / 1e6 / 4;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf("%s dcgan step CPU ms: median %.1f (%s)%n", args.length > 0 ? args[0] : "", sorted[3],
        Arrays.toString(Arrays.stream(ms).map(v -> Math.round(v)).toArray()));
  }
}
