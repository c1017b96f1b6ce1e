package org.rlgan.nets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.loss.Huber;
import org.rlgan.nets.optim.Adam;

/**
 * The DQN update of {@code ../shared/baselines/microbench.py} ({@code dqn_mlp_4_64_64_2_b64}) on the nets
 * tape, timed with the same protocol: warm-up, then {@code --repeats} windows of at least {@code --window-s}
 * seconds, each running whole updates in chunks; the rate of a window is updates / elapsed wall time, and
 * the report is the median over windows with min and max.
 *
 * <p>One update: sample 64 transitions from a pre-filled random replay buffer of 10,000 (seeded generator);
 * y = r + 0.99 (1 − d) maxₐ Q_target(s′, a) under {@link Autograd#noGrad()}; Q(s, a) by {@link Ops#pick};
 * Huber loss (δ = 1, mean; {@link Ops#huber}, or with {@code --loss composite} built from clamp, mul and sub);
 * {@link Autograd#backward}; an Adam step (lr 1e-3, PyTorch's formulation). The network is 4-64-64-2 with
 * ReLU, float32; the target network is a fixed copy. The Adam step is by default a minimal Java loop over heap
 * copies of each parameter and gradient ({@code --adam java}); {@code --adam nd4j} does the same with in-place
 * ND4J operations (about ten calls per parameter), {@code --adam optim} uses {@link Adam} of the optim package.
 * {@code --loss huber} uses {@link Huber} of the loss package instead of {@link Ops#huber}.
 *
 * <p>Modes: {@code update} (the whole update, as PyTorch's step()), {@code fwdbwd} (without the Adam step),
 * {@code all} (both), {@code profile} (time per phase of the update and per operation at the DQN's shapes).
 *
 * <p>Not a test (benchmarks are not timed tests). Run with one native thread, as the PyTorch baseline:
 * <pre>
 * OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
 *   java -cp "$(cat cp.txt):nets/target/classes:nets/target/test-classes" org.rlgan.nets.bench.DqnUpdateBench \
 *   [--mode all|update|fwdbwd|profile] [--repeats 7] [--window-s 1.5] [--warmup 50] [--adam java|nd4j|optim]
 *   [--loss fused|composite|huber] [--out result.json]
 * </pre>
 * where cp.txt comes from {@code mvn -q dependency:build-classpath -Dmdep.outputFile=../cp.txt} in nets/.
 * {@code -Drlgan.nets.kernels=nd4j} measures the ND4J-operation kernels.
 */
public final class DqnUpdateBench {
  private static final int OBS = 4;
  private static final int HIDDEN = 64;
  private static final int ACTIONS = 2;
  private static final int BATCH = 64;
  private static final int BUFFER = 10_000;
  private static final double GAMMA = 0.99;
  private static final double LR = 1e-3;
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final List<Tensor> params = new ArrayList<>();
  private final List<Tensor> targetParams = new ArrayList<>();
  private final float[] bufS = new float[BUFFER * OBS];
  private final float[] bufS2 = new float[BUFFER * OBS];
  private final long[] bufA = new long[BUFFER];
  private final float[] bufR = new float[BUFFER];
  private final float[] bufD = new float[BUFFER];
  private final SplittableRandom sampler;
  private final String adamKind;
  private final String lossKind;
  private final Adam optimAdam = Adam.Config.of(LR).build();
  private final Huber huberLoss = new Huber();
  private final float[][] adamM;
  private final float[][] adamV;
  private final INDArray[] adamMNd;
  private final INDArray[] adamVNd;
  private final float[] adamP = new float[HIDDEN * HIDDEN];
  private final float[] adamG = new float[HIDDEN * HIDDEN];
  private long adamStep;
  private double lastLoss;

  // batch scratch
  private final float[] s = new float[BATCH * OBS];
  private final float[] s2 = new float[BATCH * OBS];
  private final long[] a = new long[BATCH];
  private final float[] r = new float[BATCH];
  private final float[] d = new float[BATCH];

  DqnUpdateBench(long seed, String adamKind, String lossKind) {
    if (!List.of("java", "nd4j", "optim").contains(adamKind)
        || !List.of("fused", "composite", "huber").contains(lossKind)) {
      throw new IllegalArgumentException("--adam java|nd4j|optim and --loss fused|composite|huber; got " + adamKind
          + ", " + lossKind);
    }
    this.adamKind = adamKind;
    this.lossKind = lossKind;
    SplittableRandom init = new SplittableRandom(seed);
    int[] sizes = {OBS, HIDDEN, HIDDEN, ACTIONS};
    for (int l = 0; l < 3; l++) {
      // PyTorch's nn.Linear default: U(−1/√in, 1/√in) for weights and biases.
      double bound = 1.0 / Math.sqrt(sizes[l]);
      params.add(Tensor.parameter("w" + l, uniform(init, bound, sizes[l], sizes[l + 1])));
      params.add(Tensor.parameter("b" + l, uniform(init, bound, sizes[l + 1])));
    }
    for (Tensor p : params) {
      targetParams.add(Tensor.constant(p.value().dup()));
    }
    for (int i = 0; i < BUFFER * OBS; i++) {
      bufS[i] = (float) init.nextGaussian();
      bufS2[i] = (float) init.nextGaussian();
    }
    for (int i = 0; i < BUFFER; i++) {
      bufA[i] = init.nextInt(ACTIONS);
      bufR[i] = (float) init.nextGaussian();
      bufD[i] = init.nextDouble() < 0.05 ? 1f : 0f;
    }
    sampler = new SplittableRandom(seed + 1);
    adamM = new float[params.size()][];
    adamV = new float[params.size()][];
    adamMNd = new INDArray[params.size()];
    adamVNd = new INDArray[params.size()];
    for (int i = 0; i < params.size(); i++) {
      int n = (int) params.get(i).value().length();
      adamM[i] = new float[n];
      adamV[i] = new float[n];
      adamMNd[i] = Nd4j.zeros(DataType.FLOAT, params.get(i).shape());
      adamVNd[i] = Nd4j.zeros(DataType.FLOAT, params.get(i).shape());
    }
  }

  private static INDArray uniform(SplittableRandom rng, double bound, long... shape) {
    int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextDouble(-bound, bound);
    }
    return Nd4j.create(v, shape, DataType.FLOAT);
  }

  static Tensor mlp(List<Tensor> p, Tensor x) {
    Tensor h = Ops.relu(Ops.linear(x, p.get(0), p.get(1)));
    h = Ops.relu(Ops.linear(h, p.get(2), p.get(3)));
    return Ops.linear(h, p.get(4), p.get(5));
  }

  /** Mean Huber loss built from primitives: with c = clamp(e, −δ, δ), ½c² + δ(|e| − |c|) = c·e − ½c². */
  static Tensor huber(Tensor pred, Tensor target, double delta) {
    Tensor e = Ops.sub(pred, target);
    Tensor c = Ops.clamp(e, -delta, delta);
    return Ops.mean(Ops.sub(Ops.mul(c, e), Ops.mulScalar(Ops.square(c), 0.5)));
  }

  private void sample() {
    for (int i = 0; i < BATCH; i++) {
      int k = sampler.nextInt(BUFFER);
      System.arraycopy(bufS, k * OBS, s, i * OBS, OBS);
      System.arraycopy(bufS2, k * OBS, s2, i * OBS, OBS);
      a[i] = bufA[k];
      r[i] = bufR[k];
      d[i] = bufD[k];
    }
  }

  /** Target y = r + γ(1 − d) maxₐ Q_target(s′, a), recorded nowhere. */
  private Tensor target() {
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      Tensor q2 = mlp(targetParams, Tensor.of(s2, BATCH, OBS));
      Tensor max = Ops.max(q2, 1, false);
      Tensor notDone = Ops.addScalar(Ops.neg(Tensor.of(d, BATCH)), 1.0);
      return Ops.add(Tensor.of(r, BATCH), Ops.mul(Ops.mulScalar(notDone, GAMMA), max));
    }
  }

  private Tensor loss(Tensor y) {
    Tensor q = mlp(params, Tensor.of(s, BATCH, OBS));
    Tensor qsa = Ops.pick(q, a);
    switch (lossKind) {
      case "fused": return Ops.mean(Ops.huber(Ops.sub(qsa, y), 1.0));
      case "huber": return huberLoss.apply(qsa, y);
      default: return huber(qsa, y, 1.0);
    }
  }

  /** Forward and backward only (gradients are dropped afterwards). */
  void forwardBackward() {
    sample();
    Tensor y = target();
    Tensor l = loss(y);
    for (Tensor p : params) {
      p.zeroGrad();
    }
    Autograd.backward(l);
    lastLoss = l.item();
  }

  /** The whole update, as PyTorch's step(): sample, target, loss, zero_grad, backward, Adam. */
  void update() {
    forwardBackward();
    adam();
  }

  /** PyTorch's Adam (bias-corrected, ε outside the square root), in the form chosen by {@code --adam}. */
  private void adam() {
    if (adamKind.equals("optim")) {
      optimAdam.step(params);
      return;
    }
    adamStep++;
    double bc1 = 1 - Math.pow(BETA1, adamStep);
    double bc2 = 1 - Math.pow(BETA2, adamStep);
    double stepSize = LR / bc1;
    double sqrtBc2 = Math.sqrt(bc2);
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      INDArray g = p.grad();
      if (adamKind.equals("nd4j")) {
        INDArray m = adamMNd[i];
        INDArray v = adamVNd[i];
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
        INDArray denom = Transforms.sqrt(v, true).divi(sqrtBc2).addi(EPS);
        p.value().subi(m.div(denom).muli(stepSize));
        continue;
      }
      // A Java loop over heap copies (one bulk copy in and out of the arrays' native memory).
      float[] m = adamM[i];
      float[] v = adamV[i];
      int n = m.length;
      float[] pv = adamP;
      float[] gv = adamG;
      floats(p.value()).get(pv, 0, n);
      floats(contiguous(g) ? g : g.dup('c')).get(gv, 0, n);
      float b1 = (float) BETA1;
      float b2 = (float) BETA2;
      float step = (float) stepSize;
      float invSqrtBc2 = (float) (1 / sqrtBc2);
      float eps = (float) EPS;
      for (int j = 0; j < n; j++) {
        float gj = gv[j];
        float mj = b1 * m[j] + (1 - b1) * gj;
        float vj = b2 * v[j] + (1 - b2) * gj * gj;
        m[j] = mj;
        v[j] = vj;
        pv[j] -= step * mj / ((float) Math.sqrt(vj) * invSqrtBc2 + eps);
      }
      floats(p.value()).put(pv, 0, n);
    }
  }

  private static boolean contiguous(INDArray x) {
    return x.dataType() == DataType.FLOAT && !x.isView() && x.offset() == 0 && x.ordering() == 'c';
  }

  private static FloatPointer floats(INDArray x) {
    if (!contiguous(x)) {
      throw new IllegalStateException("bench Adam needs contiguous float parameters");
    }
    return (FloatPointer) x.data().pointer();
  }

  // ------------------------------------------------------------------ timing protocol (microbench.py)

  record Stats(double median, double min, double max, double[] windows) {}

  static Stats timeIt(Runnable step, int iters, int repeats, int warmup, double windowS) {
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    int chunk = Math.max(1, iters / 10);
    double[] rates = new double[repeats];
    for (int rep = 0; rep < repeats; rep++) {
      long n = 0;
      long t0 = System.nanoTime();
      double dt;
      while (true) {
        for (int i = 0; i < chunk; i++) {
          step.run();
        }
        n += chunk;
        dt = (System.nanoTime() - t0) / 1e9;
        if (dt >= windowS) {
          break;
        }
      }
      rates[rep] = n / dt;
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    int k = sorted.length;
    double median = k % 2 == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
    return new Stats(median, sorted[0], sorted[k - 1], sorted);
  }

  // ------------------------------------------------------------------ per-phase and per-op profile

  /** Mean microseconds per call of {@code body}, best of 5 rounds of {@code n} calls after a warm-up. */
  static double micros(int n, Runnable body) {
    for (int i = 0; i < n; i++) {
      body.run();
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        body.run();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e3 / n);
    }
    return best;
  }

  /** Forward and forward+backward (through Autograd.grad with a given output gradient) of one op. */
  private static void opRow(Map<String, double[]> rows, String name, Supplier<Tensor[]> inputs,
      java.util.function.Function<Tensor[], Tensor> op) {
    Tensor[] in = inputs.get();
    double fwd = micros(2000, () -> op.apply(in));
    Tensor out = op.apply(in);
    Tensor g = Tensor.constant(out.value().dup());
    List<Tensor> wrt = new ArrayList<>();
    for (Tensor t : in) {
      if (t.requiresGrad()) {
        wrt.add(t);
      }
    }
    double both = micros(2000, () -> Autograd.grad(List.of(op.apply(in)), List.of(g), wrt, false));
    rows.put(name, new double[] {fwd, both - fwd});
  }

  private static Tensor var(long... shape) {
    INDArray v = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    return Tensor.variable(v);
  }

  void profile() {
    int n = 2000;
    for (int i = 0; i < 500; i++) {
      update();
    }
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("sample (Java arrays)", micros(n, this::sample));
    phases.put("target: noGrad fwd + max + y", micros(n, this::target));
    Tensor y = target();
    phases.put("online fwd + pick + Huber", micros(n, () -> loss(y)));
    phases.put("backward (Autograd.backward)", micros(n, () -> {
      Tensor l = loss(y);
      for (Tensor p : params) {
        p.zeroGrad();
      }
      Autograd.backward(l);
    }) - phases.get("online fwd + pick + Huber"));
    phases.put("Adam step", micros(n, this::adam));
    phases.put("whole update", micros(n, this::update));
    System.out.println("per phase (µs per update, best of 5 x " + n + "):");
    phases.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-34s %9.1f%n", k, v));

    Map<String, double[]> rows = new LinkedHashMap<>();
    long[] acts = new long[BATCH];
    for (int i = 0; i < BATCH; i++) {
      acts[i] = i % ACTIONS;
    }
    opRow(rows, "linear 64x4 · 4x64 + b", () -> new Tensor[] {Tensor.of(s, BATCH, OBS), var(OBS, HIDDEN), var(HIDDEN)},
        t -> Ops.linear(t[0], t[1], t[2]));
    opRow(rows, "linear 64x64 · 64x64 + b", () -> new Tensor[] {var(BATCH, HIDDEN), var(HIDDEN, HIDDEN), var(HIDDEN)},
        t -> Ops.linear(t[0], t[1], t[2]));
    opRow(rows, "linear 64x64 · 64x2 + b", () -> new Tensor[] {var(BATCH, HIDDEN), var(HIDDEN, ACTIONS), var(ACTIONS)},
        t -> Ops.linear(t[0], t[1], t[2]));
    opRow(rows, "relu 64x64", () -> new Tensor[] {var(BATCH, HIDDEN)}, t -> Ops.relu(t[0]));
    opRow(rows, "pick 64x2", () -> new Tensor[] {var(BATCH, ACTIONS)}, t -> Ops.pick(t[0], acts));
    opRow(rows, "max(dim 1) 64x2", () -> new Tensor[] {var(BATCH, ACTIONS)}, t -> Ops.max(t[0], 1, false));
    opRow(rows, "sub 64", () -> new Tensor[] {var(BATCH), var(BATCH)}, t -> Ops.sub(t[0], t[1]));
    opRow(rows, "mul 64", () -> new Tensor[] {var(BATCH), var(BATCH)}, t -> Ops.mul(t[0], t[1]));
    opRow(rows, "clamp 64", () -> new Tensor[] {var(BATCH)}, t -> Ops.clamp(t[0], -0.2, 0.2));
    opRow(rows, "mulScalar 64", () -> new Tensor[] {var(BATCH)}, t -> Ops.mulScalar(t[0], 0.5));
    opRow(rows, "addScalar 64", () -> new Tensor[] {var(BATCH)}, t -> Ops.addScalar(t[0], 0.5));
    opRow(rows, "neg 64", () -> new Tensor[] {var(BATCH)}, t -> Ops.neg(t[0]));
    opRow(rows, "mean 64", () -> new Tensor[] {var(BATCH)}, t -> Ops.mean(t[0]));
    opRow(rows, "huber (fused) + mean 64", () -> new Tensor[] {var(BATCH)}, t -> Ops.mean(Ops.huber(t[0], 1.0)));
    opRow(rows, "huber (composite) 64", () -> new Tensor[] {var(BATCH), Tensor.constant(var(BATCH).value())},
        t -> huber(t[0], t[1], 1.0));
    opRow(rows, "add 64x64 + 64x64", () -> new Tensor[] {var(BATCH, HIDDEN), var(BATCH, HIDDEN)},
        t -> Ops.add(t[0], t[1]));
    opRow(rows, "tanh 64x64", () -> new Tensor[] {var(BATCH, HIDDEN)}, t -> Ops.tanh(t[0]));
    System.out.println("per op, float32, DQN shapes (µs; backward = grad(op) − forward):");
    System.out.printf(Locale.ROOT, "  %-34s %9s %9s%n", "op", "forward", "backward");
    rows.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-34s %9.1f %9.1f%n", k, v[0], v[1]));
    double allocF = micros(n, () -> Nd4j.createUninitialized(DataType.FLOAT, BATCH, HIDDEN));
    double allocS = micros(n, () -> Nd4j.createUninitialized(DataType.FLOAT, BATCH));
    System.out.printf(Locale.ROOT, "  %-34s %9.1f%n  %-34s %9.1f%n", "ND4J createUninitialized 64x64", allocF,
        "ND4J createUninitialized 64", allocS);
  }

  // ------------------------------------------------------------------ main

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>(Map.of("--repeats", "7", "--window-s", "1.5", "--warmup", "50",
        "--iters", "100", "--seed", "0", "--mode", "all", "--adam", "java", "--out", ""));
    opt.put("--loss", "fused");
    for (int i = 0; i < args.length; i += 2) {
      if (!opt.containsKey(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "; options: " + opt.keySet());
      }
      opt.put(args[i], args[i + 1]);
    }
    int repeats = Integer.parseInt(opt.get("--repeats"));
    double windowS = Double.parseDouble(opt.get("--window-s"));
    int warmup = Integer.parseInt(opt.get("--warmup"));
    int iters = Integer.parseInt(opt.get("--iters"));
    long seed = Long.parseLong(opt.get("--seed"));
    String mode = opt.get("--mode");
    DqnUpdateBench bench = new DqnUpdateBench(seed, opt.get("--adam"), opt.get("--loss"));

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("java", System.getProperty("java.version"));
    meta.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    meta.put("rlgan.nets.kernels", String.valueOf(System.getProperty("rlgan.nets.kernels")));
    meta.put("javacpp.maxPhysicalBytes", String.valueOf(System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes")));
    meta.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
    meta.put("OPENBLAS_NUM_THREADS", String.valueOf(System.getenv("OPENBLAS_NUM_THREADS")));
    meta.put("adam", opt.get("--adam"));
    meta.put("loss", opt.get("--loss"));
    meta.put("repeats", repeats);
    meta.put("window_s", windowS);
    meta.put("warmup_iters", warmup);
    meta.put("loadavg_before", loadavg());

    Map<String, Stats> results = new LinkedHashMap<>();
    if (mode.equals("profile")) {
      bench.profile();
      return;
    }
    if (mode.equals("all") || mode.equals("update")) {
      results.put("dqn_mlp_4_64_64_2_b64", timeIt(bench::update, iters, repeats, warmup, windowS));
      print("dqn_mlp_4_64_64_2_b64", results.get("dqn_mlp_4_64_64_2_b64"));
    }
    if (mode.equals("all") || mode.equals("fwdbwd")) {
      results.put("dqn_mlp_fwd_bwd_only", timeIt(bench::forwardBackward, iters, repeats, warmup, windowS));
      print("dqn_mlp_fwd_bwd_only", results.get("dqn_mlp_fwd_bwd_only"));
    }
    meta.put("loadavg_after", loadavg());
    meta.put("last_loss", bench.lastLoss);
    System.out.println("loadavg before " + meta.get("loadavg_before") + ", after " + meta.get("loadavg_after"));
    if (!opt.get("--out").isEmpty()) {
      Files.writeString(Path.of(opt.get("--out")), json(meta, results));
    }
  }

  private static void print(String name, Stats st) {
    System.out.printf(Locale.ROOT, "%-36s median %9.1f/s  (%6.0f µs)  min %9.1f  max %9.1f%n", name, st.median(),
        1e6 / st.median(), st.min(), st.max());
  }

  private static String loadavg() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static String json(Map<String, Object> meta, Map<String, Stats> results) {
    StringBuilder b = new StringBuilder("{\n \"meta\": {");
    String sep = "";
    for (Map.Entry<String, Object> e : meta.entrySet()) {
      Object v = e.getValue();
      b.append(sep).append("\n  \"").append(e.getKey()).append("\": ")
          .append(v instanceof Number ? v.toString() : "\"" + v + "\"");
      sep = ",";
    }
    b.append("\n },\n \"results\": {");
    sep = "";
    for (Map.Entry<String, Stats> e : results.entrySet()) {
      Stats st = e.getValue();
      StringBuilder w = new StringBuilder();
      for (double x : st.windows()) {
        w.append(w.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", x));
      }
      b.append(sep).append(String.format(Locale.ROOT,
          "\n  \"%s\": {\"median\": %.2f, \"min\": %.2f, \"max\": %.2f, \"n_windows\": %d, \"windows\": [%s]}",
          e.getKey(), st.median(), st.min(), st.max(), st.windows().length, w));
      sep = ",";
    }
    return b.append("\n }\n}\n").toString();
  }
}
