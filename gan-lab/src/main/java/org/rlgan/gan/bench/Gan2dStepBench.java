package org.rlgan.gan.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.MnistImages;
import org.rlgan.gan.models.Dcgan;
import org.rlgan.nets.optim.Adam;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;

/**
 * The ring GAN step of {@code ../shared/baselines/microbench.py} ({@code gan2d_ring_step_b256}) through the
 * library's own trainer: G 2 → 128 → 128 → 2 and D 2 → 128 → 128 → 1 (ReLU), the VEEGAN ring (radius 2,
 * σ = 0.02), batch 256, non-saturating loss, Adam 1e-4 β = (0.5, 0.999) for both players, one D update (on a
 * generated batch made without recording) then one G update on fresh noise. Timed as microbench.py does:
 * warm-up steps, then windows of at least {@code windowSeconds} each; prints the median steps/s and the windows.
 *
 * <p>With {@code dcgan} as a fourth argument it times {@code dcgan28_step_b64} instead: {@link Dcgan#standard()}
 * (microbench.py's DCG and DCD), z of dimension 100, batch 64, Adam 2e-4 β = (0.5, 0.999), on images drawn from
 * MNIST's training set (microbench.py uses uniform noise images; the content does not change the work), with
 * windows of whole steps measured the same way. Its step is the peer's: {@link GanConfig#reuseFakeBatch()} (one
 * G(z) for both updates); {@code dcgan-fresh} times the trainer's default scheme instead (fresh noise for G's
 * update, G run twice).
 *
 * <p>Arguments: {@code [windows=7] [windowSeconds=1.5] [warmup=50] [ring|dcgan|dcgan-fresh]}. Run with one native
 * thread ({@code OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1}). {@code -Drlgan.bench.clock=process} times the windows
 * on the JVM's process CPU time (every thread) instead of the wall clock, as nets' benchmarks do; the peer is then
 * {@code bench/peers/microbench_cpu.py}. {@code -Drlgan.bench.warmupSeconds=S} (default 10): after the
 * {@code warmup} steps, S more seconds of steps on that clock. microbench.py's 50 steps are all PyTorch needs; HotSpot
 * compiles the step with C2 only after several hundred steps (the ring step's thread CPU time falls from ≈ 4.5 to
 * ≈ 3 ms around step 900), so a warm-up by steps alone times the JIT compiler. 0 gives microbench.py's protocol.
 * The output line also gives the warm-up (steps and seconds) and the load average before and after.
 */
public final class Gan2dStepBench {
  private Gan2dStepBench() {}

  public static void main(String[] args) throws java.io.IOException {
    int windows = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    double windowSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.5;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    String mode = args.length > 3 ? args[3] : "ring";
    if (!List.of("ring", "dcgan", "dcgan-fresh").contains(mode)) {
      System.err.println("Gan2dStepBench: the fourth argument must be ring, dcgan or dcgan-fresh, got " + mode);
      System.exit(2);
    }
    boolean dcgan = !mode.equals("ring");
    GanTrainer t;
    String name;
    if (dcgan) {
      Adam.Config adam = new Adam.Config(2e-4, 0.5, 0.999, 1e-8, 0, false);
      GanConfig c = GanConfig.builder().batchSize(64).noiseDim(100).generatorOptimizer(adam).discriminatorOptimizer(adam)
          .reuseFakeBatch(mode.equals("dcgan")).seed(0).evalSamples(1).build();
      t = new GanTrainer(c, Dcgan.standard(), MnistImages.mnistTrain());
      name = mode.equals("dcgan") ? "dcgan28_step_b64" : "dcgan28_step_b64_fresh_noise";
    } else {
      GanConfig c = GanConfig.builder().batchSize(256).noiseDim(2).seed(0).evalSamples(1).build();
      t = new GanTrainer(c, Mlp2d.relu(128), GaussianMixture.veeganRing());
      name = "gan2d_ring_step_b256";
    }
    String clockName = System.getProperty("rlgan.bench.clock", "wall");
    if (!clockName.equals("wall") && !clockName.equals("process")) {
      System.err.println("Gan2dStepBench: -Drlgan.bench.clock=" + clockName + " is not one of wall, process");
      System.exit(2);
    }
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    java.util.function.LongSupplier clock = clockName.equals("process") ? os::getProcessCpuTime : System::nanoTime;
    double warmupSeconds = warmupSeconds();
    String loadBefore = loadavg();
    long w0 = clock.getAsLong();
    long warmed = 0;
    while (warmed < warmup || clock.getAsLong() - w0 < warmupSeconds * 1e9) {
      t.step();
      warmed++;
    }
    double warmedSeconds = (clock.getAsLong() - w0) / 1e9;
    int chunk = dcgan ? 1 : 10; // microbench.py: iters_small // 10 for the ring; one DCGAN step takes ~0.2 s
    List<Double> rates = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      long n = 0;
      long t0 = clock.getAsLong();
      double dt;
      while (true) {
        for (int i = 0; i < chunk; i++) {
          t.step();
        }
        n += chunk;
        dt = (clock.getAsLong() - t0) / 1e9;
        if (dt >= windowSeconds) {
          break;
        }
      }
      rates.add(n / dt);
    }
    List<Double> sorted = new ArrayList<>(rates);
    Collections.sort(sorted);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : 0.5 * (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2));
    StringBuilder ws = new StringBuilder();
    for (double r : rates) {
      ws.append(ws.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", r));
    }
    System.out.printf(Locale.ROOT,
        "{\"%s\":{\"median\":%.2f,\"min\":%.2f,\"max\":%.2f,\"windows\":[%s],\"clock\":\"%s\","
            + "\"warmup_steps\":%d,\"warmup_s\":%.1f,\"loadavg_before\":\"%s\",\"loadavg_after\":\"%s\"}}%n",
        name, median, sorted.get(0), sorted.get(sorted.size() - 1), ws, clockName, warmed, warmedSeconds, loadBefore,
        loadavg());
  }

  private static final String WARMUP_SECONDS = "rlgan.bench.warmupSeconds";

  /** The warm-up in seconds after the warm-up steps ({@value #WARMUP_SECONDS}, default 10); exits 2 when invalid. */
  private static double warmupSeconds() {
    String v = System.getProperty(WARMUP_SECONDS, "10");
    try {
      double s = Double.parseDouble(v);
      if (s >= 0 && !Double.isInfinite(s)) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    System.err.println("Gan2dStepBench: -D" + WARMUP_SECONDS + "=" + v + " is not a number of seconds >= 0 (e.g. 10; "
        + "0 warms up by steps only, as microbench.py)");
    System.exit(2);
    return 0;
  }

  /** The 1-, 5- and 15-minute load averages ("n/a" without /proc). */
  private static String loadavg() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
