package org.rlgan.nets.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Recurrent;
import org.rlgan.nets.loss.Mse;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * The LSTM step of {@code ../shared/baselines/microbench.py} ({@code bench_lstm}: {@code lstm_fwd_bwd_T50_b32_h128}
 * and {@code lstm_fwd_bwd_adam_T50_b32_h128}) written with the library as a user would: one float32 LSTM layer,
 * input 32, hidden 128, batch-first x [32, 50, 32] and a target [32, 50, 128], both fixed N(0, 1) draws;
 * a step is the forward pass over the sequence, the mean squared error against the target, zeroing the
 * gradients and the backward pass, and {@code Autograd.release} of the step's arrays (PyTorch frees its tensors when
 * their last reference goes); the Adam variant adds an Adam step (lr 1e-3). Timed with the same protocol as
 * PyTorch's harness ({@link DqnUpdateBench#timeIt}): warm-up max(3, warmup/10) steps and then
 * {@code -Drlgan.bench.warmupSeconds} (default 10) for the JIT compiler, then {@code --repeats} windows of at least {@code --window-s} seconds in chunks of max(1, iters/10) steps (iters_big = 10 there).
 *
 * <p>Not a test: {@code bench/lstm.sh} runs it beside PyTorch.
 * <pre>
 * OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp CLASSPATH org.rlgan.nets.bench.LstmBench \
 *     [--mode all|fwdbwd|adam] [--repeats 7] [--window-s 1.5] [--warmup 50] [--seed 0] [--out result.json]
 * </pre>
 */
public final class LstmBench {
  private static final int BATCH = 32;
  private static final int STEPS = 50;
  private static final int IN = 32;
  private static final int HIDDEN = 128;

  private final Recurrent lstm;
  private final List<Tensor> params;
  private final Tensor x;
  private final Tensor y;
  private final Mse mse = new Mse();
  private final Optimizer adam = Adam.Config.of(1e-3).build();
  private double lastLoss;

  LstmBench(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    lstm = Recurrent.lstm(IN, HIDDEN, rng);
    params = lstm.parameters();
    x = Tensor.of(gaussian(rng, BATCH * STEPS * IN), BATCH, STEPS, IN);
    y = Tensor.of(gaussian(rng, BATCH * STEPS * HIDDEN), BATCH, STEPS, HIDDEN);
  }

  private static float[] gaussian(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  /** out, _ = lstm(x); loss = mse(out, y); zero_grad; backward. */
  void forwardBackward() {
    Tensor out = lstm.forward(x, ForwardContext.eval());
    Tensor loss = mse.apply(out, y);
    lstm.zeroGrad();
    Autograd.backward(loss);
    lastLoss = loss.item();
    Autograd.release(loss);
  }

  void withAdam() {
    forwardBackward();
    adam.step(params);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>(Map.of("--repeats", "7", "--window-s", "1.5", "--warmup", "50",
        "--iters", "10", "--seed", "0", "--mode", "all", "--out", ""));
    for (int i = 0; i < args.length; i += 2) {
      if (!opt.containsKey(args[i]) || i + 1 >= args.length) {
        System.err.println("unknown or incomplete option " + args[i] + "; options: " + opt.keySet());
        System.exit(2);
      }
      opt.put(args[i], args[i + 1]);
    }
    int repeats = Integer.parseInt(opt.get("--repeats"));
    double windowS = Double.parseDouble(opt.get("--window-s"));
    int warmup = Math.max(3, Integer.parseInt(opt.get("--warmup")) / 10);
    int iters = Integer.parseInt(opt.get("--iters"));
    String mode = opt.get("--mode");
    LstmBench bench = new LstmBench(Long.parseLong(opt.get("--seed")));

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("java", System.getProperty("java.version"));
    meta.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    meta.put("rlgan.nets.kernels", System.getProperty("rlgan.nets.kernels", "auto"));
    meta.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
    meta.put("OPENBLAS_NUM_THREADS", System.getenv("OPENBLAS_NUM_THREADS"));
    meta.put("repeats", repeats);
    meta.put("window_s", windowS);
    meta.put("warmup_s", DqnUpdateBench.warmupSeconds());
    meta.put("warmup_iters", warmup);
    meta.put("unit", "steps per second, " + DqnUpdateBench.clockName() + " clock; median over windows");
    meta.put("loadavg_before", DqnUpdateBench.loadavg());
    Map<String, DqnUpdateBench.Stats> results = new LinkedHashMap<>();
    if (mode.equals("all") || mode.equals("fwdbwd")) {
      results.put("lstm_fwd_bwd_T50_b32_h128", DqnUpdateBench.timeIt(bench::forwardBackward, iters, repeats, warmup,
          windowS));
    }
    if (mode.equals("all") || mode.equals("adam")) {
      results.put("lstm_fwd_bwd_adam_T50_b32_h128", DqnUpdateBench.timeIt(bench::withAdam, iters, repeats, warmup,
          windowS));
    }
    meta.put("loadavg_after", DqnUpdateBench.loadavg());
    meta.put("last_loss", bench.lastLoss);
    results.forEach((name, st) -> System.out.printf(Locale.ROOT, "%-34s median %8.2f/s (%7.2f ms)  min %8.2f  max %8.2f%n",
        name, st.median(), 1e3 / st.median(), st.min(), st.max()));
    DqnUpdateBench.writeResults(opt.get("--out"), meta, results);
  }
}
