package org.rlgan.nets.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Not a test: the CPU time of one LSTM step ({@link LstmBench}'s forward + backward), for A/B comparisons on a
 * shared machine. Prints the median and the minimum over 15 blocks of 10 steps after 60 warm-up steps, of the main
 * thread's CPU time, and the median of the whole process's (which includes the garbage collector and JavaCPP's
 * deallocator). With other work on the machine's cores (hyperthreads, caches) the minimum is the steadier figure.
 * Usage: {@code LstmCpuTime [label]}.
 */
public final class LstmCpuTime {
  private LstmCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    LstmBench bench = new LstmBench(0);
    for (int i = 0; i < 60; i++) {
      bench.forwardBackward();
    }
    double[] ms = new double[15];
    double[] proc = new double[15];
    for (int k = 0; k < ms.length; k++) {
      long t = mx.getCurrentThreadCpuTime();
      long p = os.getProcessCpuTime();
      for (int i = 0; i < 10; i++) {
        bench.forwardBackward();
      }
      ms[k] = (mx.getCurrentThreadCpuTime() - t) / 1e6 / 10;
      proc[k] = (os.getProcessCpuTime() - p) / 1e6 / 10;
    }
    double[] a = ms.clone();
    double[] b = proc.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    System.out.printf("%s lstm step CPU ms: thread median %.2f min %.2f, process median %.2f (%s)%n",
        args.length > 0 ? args[0] : "", a[7], a[0], b[7], Arrays.toString(Arrays.stream(ms).map(v -> Math.round(v * 10) / 10.0).toArray()));
  }
}
