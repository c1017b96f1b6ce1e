package org.rlgan.nets.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Models;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.Huber;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * The DQN update of {@code ../shared/baselines/microbench.py} ({@code dqn_mlp_4_64_64_2_b64}) written with
 * the library as a user would (Sequential, Huber, Adam), timed with the same protocol: warm-up, then
 * {@code --repeats} windows of at least {@code --window-s} seconds each running whole updates in chunks;
 * a window's rate is updates / elapsed wall time, and the report is the median over windows with min and max.
 *
 * <p>One update: sample 64 transitions from a pre-filled random replay buffer of 10,000 (seeded generator);
 * y = r + 0.99 (1 − d) maxₐ Q_target(s′, a) under {@link Autograd#noGrad()}; Q(s, a) by {@link Ops#pick};
 * Huber loss (δ = 1, mean); backward; Adam (lr 1e-3). The 4-64-64-2 ReLU network is float32; the target
 * network is a fixed copy. {@code fwd_bwd_only} is the same without the Adam step.
 *
 * <p>Not a test: benchmarks are not timed tests. {@code bench/dqn-update.sh} runs it beside PyTorch:
 * <pre>
 * OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp CLASSPATH org.rlgan.nets.bench.DqnUpdateBench \
 *     [--mode all|update|fwdbwd] [--repeats 7] [--window-s 1.5] [--warmup 50] [--seed 0] [--out result.json]
 * </pre>
 * Add {@code -Drlgan.nets.kernels=nd4j} to time ND4J's own operations instead of the Java kernels. After the
 * {@code --warmup} steps the harness keeps warming up for {@code -Drlgan.bench.warmupSeconds} (default 10; see
 * {@link #WARMUP_SECONDS_PROPERTY}), so that the windows time C2-compiled code.
 */
public final class DqnUpdateBench {
  private static final int OBS = 4;
  private static final int ACTIONS = 2;
  private static final int BATCH = 64;
  private static final int BUFFER = 10_000;
  private static final float GAMMA = 0.99f;

  private final Sequential q;
  private final Sequential target;
  private final List<Tensor> params;
  private final Optimizer adam = Adam.Config.of(1e-3).build();
  private final Huber huber = new Huber();
  private final SplittableRandom rng;
  private final float[] bufS = new float[BUFFER * OBS];
  private final float[] bufS2 = new float[BUFFER * OBS];
  private final long[] bufA = new long[BUFFER];
  private final float[] bufR = new float[BUFFER];
  private final float[] bufD = new float[BUFFER];
  private double lastLoss;

  DqnUpdateBench(long seed) {
    rng = new SplittableRandom(seed);
    q = Sequential.builder(new long[] {OBS}, DataType.FLOAT, rng).dense(64).relu().dense(64).relu().dense(ACTIONS).build();
    target = (Sequential) q.spec().build(DataType.FLOAT, rng);
    Models.copyParameters(q, target);
    params = q.parameters();
    for (int i = 0; i < BUFFER; i++) {
      for (int j = 0; j < OBS; j++) {
        bufS[i * OBS + j] = (float) rng.nextGaussian();
        bufS2[i * OBS + j] = (float) rng.nextGaussian();
      }
      bufA[i] = rng.nextInt(ACTIONS);
      bufR[i] = (float) rng.nextGaussian();
      bufD[i] = rng.nextDouble() < 0.05 ? 1f : 0f;
    }
  }

  /** The loss of one sampled batch, recorded for backward. */
  private Tensor loss() {
    float[] s = new float[BATCH * OBS];
    float[] s2 = new float[BATCH * OBS];
    long[] a = new long[BATCH];
    float[] r = new float[BATCH];
    float[] discount = new float[BATCH];
    for (int k = 0; k < BATCH; k++) {
      int i = rng.nextInt(BUFFER);
      System.arraycopy(bufS, i * OBS, s, k * OBS, OBS);
      System.arraycopy(bufS2, i * OBS, s2, k * OBS, OBS);
      a[k] = bufA[i];
      r[k] = bufR[i];
      discount[k] = GAMMA * (1 - bufD[i]);
    }
    Tensor y;
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      Tensor next = Ops.max(target.forward(Tensor.of(s2, BATCH, OBS), ForwardContext.eval()), 1, false);
      y = Ops.add(Tensor.of(r, BATCH), Ops.mul(Tensor.of(discount, BATCH), next)); // r + γ(1 − d) max Q'
    }
    Tensor qsa = Ops.pick(q.forward(Tensor.of(s, BATCH, OBS), ForwardContext.eval()), a);
    return huber.apply(qsa, y);
  }

  void forwardBackward() {
    q.zeroGrad();
    Tensor l = loss();
    Autograd.backward(l);
    lastLoss = l.item();
  }

  /** The whole update, as PyTorch's step(): sample, target, loss, zero_grad, backward, Adam. */
  void update() {
    forwardBackward();
    adam.step(params);
  }

  /**
   * A benchmark's rates (iterations per second on {@link #clockName()}'s clock): median, minimum and maximum over
   * the windows, the windows in ascending order, and the warm-up that preceded them (steps, and seconds on that
   * clock).
   */
  record Stats(double median, double min, double max, double[] windows, long warmupSteps, double warmupSeconds) {}

  /**
   * The system property that sets the warm-up of {@link #timeIt} in seconds on its clock, after the given
   * number of warm-up steps (default {@value #DEFAULT_WARMUP_SECONDS}). microbench.py warms up for 50 steps, which
   * is all PyTorch's compiled kernels need; HotSpot compiles the step's Java code with C2 only after several
   * hundred steps (the ring GAN step's thread CPU time falls from ≈ 4.5 to ≈ 3 ms around step 900), so a warm-up
   * by steps alone times the JIT compiler, not the steady state. 0 gives microbench.py's protocol exactly.
   */
  static final String WARMUP_SECONDS_PROPERTY = "rlgan.bench.warmupSeconds";

  /** The default of {@value #WARMUP_SECONDS_PROPERTY}. */
  static final double DEFAULT_WARMUP_SECONDS = 10;

  /** The warm-up in seconds that {@value #WARMUP_SECONDS_PROPERTY} asks for. */
  static double warmupSeconds() {
    String v = System.getProperty(WARMUP_SECONDS_PROPERTY, Double.toString(DEFAULT_WARMUP_SECONDS));
    double s;
    try {
      s = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      s = -1;
    }
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("-D" + WARMUP_SECONDS_PROPERTY + "=" + v
          + " is not a number of seconds >= 0 (e.g. 10; 0 warms up by steps only, as microbench.py)");
    }
    return s;
  }

  /**
   * The system property that picks the clock of {@link #timeIt}: {@code wall} (default, {@code System.nanoTime},
   * microbench.py's {@code time.perf_counter}) or {@code process} (the CPU time of the whole JVM, every thread:
   * GC and JavaCPP's deallocator included; {@code bench/peers/microbench_cpu.py} is the peer's equivalent). On a
   * shared machine the process clock swings far less with the load than the wall clock.
   */
  static final String CLOCK_PROPERTY = "rlgan.bench.clock";

  /** Nanoseconds on the clock {@value #CLOCK_PROPERTY} names. */
  static LongSupplier clock() {
    String c = System.getProperty(CLOCK_PROPERTY, "wall");
    return switch (c) {
      case "wall" -> System::nanoTime;
      case "process" -> {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        yield os::getProcessCpuTime;
      }
      default -> throw new IllegalArgumentException("-D" + CLOCK_PROPERTY + "=" + c + " is not one of wall, process");
    };
  }

  /** The clock {@link #timeIt} uses, for the results' metadata. */
  static String clockName() {
    return System.getProperty(CLOCK_PROPERTY, "wall");
  }

  /**
   * microbench.py's time_it: {@code warmup} steps and then {@link #warmupSeconds()} more (whole steps, on the
   * same clock), then {@code repeats} windows of whole chunks of max(1, iters/10) steps until {@code windowS}
   * seconds have passed in each.
   */
  static Stats timeIt(Runnable step, int iters, int repeats, int warmup, double windowS) {
    LongSupplier clock = clock();
    long w0 = clock.getAsLong();
    long warmed = 0;
    for (; warmed < warmup; warmed++) {
      step.run();
    }
    long warmupNanos = (long) (warmupSeconds() * 1e9);
    while (clock.getAsLong() - w0 < warmupNanos) {
      step.run();
      warmed++;
    }
    double warmedSeconds = (clock.getAsLong() - w0) / 1e9;
    int chunk = Math.max(1, iters / 10);
    double[] rates = new double[repeats];
    for (int rep = 0; rep < repeats; rep++) {
      long n = 0;
      long t0 = clock.getAsLong();
      double dt;
      do {
        for (int i = 0; i < chunk; i++) {
          step.run();
        }
        n += chunk;
        dt = (clock.getAsLong() - t0) / 1e9;
      } while (dt < windowS);
      rates[rep] = n / dt;
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    int k = sorted.length;
    double median = k % 2 == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
    return new Stats(median, sorted[0], sorted[k - 1], sorted, warmed, warmedSeconds);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>(Map.of("--repeats", "7", "--window-s", "1.5", "--warmup", "50",
        "--iters", "100", "--seed", "0", "--mode", "all", "--out", ""));
    for (int i = 0; i < args.length; i += 2) {
      if (!opt.containsKey(args[i]) || i + 1 >= args.length) {
        System.err.println("unknown or incomplete option " + args[i] + "; options: " + opt.keySet());
        System.exit(2);
      }
      opt.put(args[i], args[i + 1]);
    }
    int repeats = Integer.parseInt(opt.get("--repeats"));
    double windowS = Double.parseDouble(opt.get("--window-s"));
    int warmup = Integer.parseInt(opt.get("--warmup"));
    int iters = Integer.parseInt(opt.get("--iters"));
    String mode = opt.get("--mode");
    DqnUpdateBench bench = new DqnUpdateBench(Long.parseLong(opt.get("--seed")));

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("java", System.getProperty("java.version"));
    meta.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    meta.put("rlgan.nets.kernels", System.getProperty("rlgan.nets.kernels", "auto"));
    meta.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
    meta.put("OPENBLAS_NUM_THREADS", System.getenv("OPENBLAS_NUM_THREADS"));
    meta.put("repeats", repeats);
    meta.put("window_s", windowS);
    meta.put("warmup_s", warmupSeconds());
    meta.put("warmup_iters", warmup);
    meta.put("unit", "updates per second, " + clockName() + " clock; median over windows");
    meta.put("loadavg_before", loadavg());
    Map<String, Stats> results = new LinkedHashMap<>();
    if (mode.equals("all") || mode.equals("update")) {
      results.put("dqn_mlp_4_64_64_2_b64", timeIt(bench::update, iters, repeats, warmup, windowS));
    }
    if (mode.equals("all") || mode.equals("fwdbwd")) {
      results.put("dqn_mlp_fwd_bwd_only", timeIt(bench::forwardBackward, iters, repeats, warmup, windowS));
    }
    meta.put("loadavg_after", loadavg());
    meta.put("last_loss", bench.lastLoss);
    results.forEach((name, st) -> System.out.printf(Locale.ROOT, "%-28s median %8.1f/s (%5.0f us)  min %8.1f  max %8.1f%n",
        name, st.median(), 1e6 / st.median(), st.min(), st.max()));
    writeResults(opt.get("--out"), meta, results);
  }

  /** The 1-, 5- and 15-minute load averages, as uptime prints them ("n/a" where /proc is missing). */
  static String loadavg() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** Writes {meta, results} as indented JSON to {@code out}, unless it is empty. */
  static void writeResults(String out, Map<String, Object> meta, Map<String, ?> results) throws IOException {
    if (out.isEmpty()) {
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("meta", meta);
    doc.put("results", results);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(out).toFile(), doc);
  }
}
