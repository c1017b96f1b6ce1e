package org.rlgan.nets.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.BatchNorm;
import org.rlgan.nets.layers.ConvTranspose2D;
import org.rlgan.nets.layers.Conv2D;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Models;
import org.rlgan.nets.layers.Reshape;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.BinaryCrossEntropyWithLogits;
import org.rlgan.nets.loss.Huber;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * The two convolutional workloads of {@code ../shared/baselines/microbench.py}, written with the library as a
 * user would, timed with the same protocol as {@link DqnUpdateBench} (warm-up by steps and then by seconds,
 * {@code -Drlgan.bench.warmupSeconds}, default 10, for the JIT compiler; then windows of at least
 * {@code --window-s} seconds; the median rate over windows):
 * <ul>
 *   <li>{@code dqn_minatar_conv_b32}: one DQN update of the MinAtar network, Conv 4→16 3×3 stride 1 → ReLU →
 *       Dense 1024→128 → ReLU → Dense 128→6 on [4, 10, 10] observations, batch 32 from a pre-filled random replay
 *       buffer of 10,000; target r + 0.99(1 − d) maxₐ Q_target(s′, a) under no-grad; Huber (δ = 1); Adam 1e-3.</li>
 *   <li>{@code dcgan28_step_b64}: one DCGAN step on 28×28 images, batch 64. G: Dense z100→128·7·7, ReLU,
 *       ConvT 128→64 k4 s2 p1, BatchNorm, ReLU, ConvT 64→1 k4 s2 p1, tanh. D: Conv 1→64 k4 s2 p1, LeakyReLU 0.2,
 *       Conv 64→128 k4 s2 p1, BatchNorm, LeakyReLU 0.2, Dense 6272→1. Both in training mode; BCE with logits;
 *       D on real (targets 1) + D on detached fakes (targets 0), Adam step; then G through D (targets 1), Adam
 *       step; Adam 2e-4, β = (0.5, 0.999). "Real" images are uniform in [−1, 1], as in microbench.py. G's backward
 *       pass is {@code Autograd.backward(lg, gParams)} (no D weight gradients);
 *       {@code -Drlgan.bench.fullGeneratorBackward=true} computes them too, as microbench.py's
 *       {@code lg.backward()}. The step ends with {@code Autograd.release(ld, lg)}: its arrays go back to the
 *       allocator, as PyTorch frees its tensors when their last reference goes.</li>
 * </ul>
 * Not a test. {@code bench/conv.sh} runs it beside PyTorch. Options: {@code --mode all|dqn|dcgan}, {@code --repeats},
 * {@code --window-s}, {@code --warmup}, {@code --seed}, {@code --out}; {@code -Drlgan.nets.conv=gemm|nd4j} times
 * im2col + GEMM or libnd4j's convolution ops for every layer instead of the default per-layer rule, and
 * {@code -Drlgan.bench.clock=process} times on the JVM's CPU time instead of the wall clock.
 */
public final class ConvBench {

  /** The MinAtar DQN update. */
  static final class Dqn {
    private static final int BATCH = 32;
    private static final int BUFFER = 10_000;
    private static final int OBS = 4 * 10 * 10;
    private static final int ACTIONS = 6;
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
    double lastLoss;

    Dqn(long seed) {
      rng = new SplittableRandom(seed);
      q = Sequential.builder(new long[] {4, 10, 10}, DataType.FLOAT, rng).conv2d(16, 3, 1, 0).relu().flatten()
          .dense(128).relu().dense(ACTIONS).build();
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

    void update() {
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
        discount[k] = 0.99f * (1 - bufD[i]);
      }
      Tensor y;
      try (Autograd.Scope ignored = Autograd.noGrad()) {
        Tensor next = Ops.max(target.forward(Tensor.of(s2, BATCH, 4, 10, 10), ForwardContext.eval()), 1, false);
        y = Ops.add(Tensor.of(r, BATCH), Ops.mul(Tensor.of(discount, BATCH), next));
      }
      Tensor qsa = Ops.pick(q.forward(Tensor.of(s, BATCH, 4, 10, 10), ForwardContext.eval()), a);
      Tensor loss = huber.apply(qsa, y);
      q.zeroGrad();
      Autograd.backward(loss);
      adam.step(params);
      lastLoss = loss.item();
    }
  }

  /** The DCGAN step. */
  static final class Dcgan {
    private static final int BATCH = 64;
    private static final int NZ = 100;
    private static final int DATA = 1024;
    private final Sequential g;
    private final Sequential d;
    private final List<Tensor> gParams;
    private final List<Tensor> dParams;
    private final Optimizer og = new Adam.Config(2e-4, 0.5, 0.999, 1e-8, 0, false).build();
    private final Optimizer od = new Adam.Config(2e-4, 0.5, 0.999, 1e-8, 0, false).build();
    private final BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
    private final SplittableRandom rng;
    private final float[] data = new float[DATA * 28 * 28];
    private final Tensor ones = Tensor.constant(Nd4j.ones(DataType.FLOAT, BATCH, 1));
    private final Tensor zeros = Tensor.constant(Nd4j.zeros(DataType.FLOAT, BATCH, 1));
    private final boolean fullGeneratorBackward;
    double lastLossD;
    double lastLossG;

    Dcgan(long seed) {
      this(seed, Boolean.getBoolean("rlgan.bench.fullGeneratorBackward"));
    }

    /**
     * @param fullGeneratorBackward G's backward pass computes every gradient it reaches (D's weights too), as
     *     microbench.py's {@code lg.backward()} does; false: {@code Autograd.backward(lg, gParams)}, only G's
     */
    Dcgan(long seed, boolean fullGeneratorBackward) {
      this.fullGeneratorBackward = fullGeneratorBackward;
      rng = new SplittableRandom(seed);
      DataType f = DataType.FLOAT;
      g = new Sequential(new long[] {NZ}, List.of(
          new Dense(NZ, 128 * 7 * 7, rng), new Activation(Activation.Kind.RELU), new Reshape(128, 7, 7),
          new ConvTranspose2D(128, 64, 4, 2, 1, rng), new BatchNorm(2, 64, 1e-5, 0.1, true, f),
          new Activation(Activation.Kind.RELU), new ConvTranspose2D(64, 1, 4, 2, 1, rng),
          new Activation(Activation.Kind.TANH)));
      d = new Sequential(new long[] {1, 28, 28}, List.of(
          new Conv2D(1, 64, 4, 2, 1, rng), new Activation(Activation.Kind.LEAKY_RELU, 0.2),
          new Conv2D(64, 128, 4, 2, 1, rng), new BatchNorm(2, 128, 1e-5, 0.1, true, f),
          new Activation(Activation.Kind.LEAKY_RELU, 0.2), Reshape.flatten(), new Dense(128 * 7 * 7, 1, rng)));
      gParams = g.parameters();
      dParams = d.parameters();
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) rng.nextDouble(-1, 1);
      }
    }

    void step() {
      ForwardContext train = ForwardContext.train(rng);
      float[] real = new float[BATCH * 28 * 28];
      for (int k = 0; k < BATCH; k++) {
        System.arraycopy(data, rng.nextInt(DATA) * 784, real, k * 784, 784);
      }
      float[] z = new float[BATCH * NZ];
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) rng.nextGaussian();
      }
      Tensor fake = g.forward(Tensor.of(z, BATCH, NZ), train);
      // discriminator: real → 1, detached fake → 0
      Tensor ld = Ops.add(bce.apply(d.forward(Tensor.of(real, BATCH, 1, 28, 28), train), ones),
          bce.apply(d.forward(fake.detach(), train), zeros));
      d.zeroGrad();
      Autograd.backward(ld);
      od.step(dParams);
      // generator, non-saturating: D(G(z)) → 1 through the updated D
      Tensor lg = bce.apply(d.forward(fake, train), ones);
      g.zeroGrad();
      if (fullGeneratorBackward) {
        Autograd.backward(lg); // as the peer: D's weight gradients are computed too, then never used
      } else {
        Autograd.backward(lg, gParams); // only what G's update needs
      }
      og.step(gParams);
      lastLossD = ld.item();
      lastLossG = lg.item();
      Autograd.release(ld, lg); // the step's activations and losses go back to the allocator's pool
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>(Map.of("--repeats", "7", "--window-s", "1.5", "--warmup", "50",
        "--seed", "0", "--mode", "all", "--out", ""));
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
    long seed = Long.parseLong(opt.get("--seed"));
    String mode = opt.get("--mode");

    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("java", System.getProperty("java.version"));
    meta.put("backend", Nd4j.getBackend().getClass().getSimpleName());
    meta.put("rlgan.nets.kernels", System.getProperty("rlgan.nets.kernels", "auto"));
    meta.put("rlgan.nets.conv", System.getProperty("rlgan.nets.conv", "auto"));
    meta.put("rlgan.bench.fullGeneratorBackward", Boolean.getBoolean("rlgan.bench.fullGeneratorBackward"));
    meta.put("nd4j_build_has_onednn", Nd4j.getBackend().buildInfo().contains("HAVE_ONEDNN"));
    meta.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
    meta.put("OPENBLAS_NUM_THREADS", System.getenv("OPENBLAS_NUM_THREADS"));
    meta.put("repeats", repeats);
    meta.put("window_s", windowS);
    meta.put("warmup_s", DqnUpdateBench.warmupSeconds());
    meta.put("unit", "iterations per second, " + DqnUpdateBench.clockName() + " clock; median over windows");
    meta.put("loadavg_before", DqnUpdateBench.loadavg());
    Map<String, DqnUpdateBench.Stats> results = new LinkedHashMap<>();
    if (mode.equals("all") || mode.equals("dqn")) {
      Dqn dqn = new Dqn(seed);
      // microbench.py: iters_small = 100 (chunks of 10), the given warm-up
      results.put("dqn_minatar_conv_b32", DqnUpdateBench.timeIt(dqn::update, 100, repeats, warmup, windowS));
      meta.put("dqn_last_loss", dqn.lastLoss);
    }
    if (mode.equals("all") || mode.equals("dcgan")) {
      Dcgan gan = new Dcgan(seed);
      // microbench.py: iters_big = 10 (chunks of 1), warm-up max(3, warmup / 10)
      results.put("dcgan28_step_b64", DqnUpdateBench.timeIt(gan::step, 10, repeats, Math.max(3, warmup / 10),
          windowS));
      meta.put("dcgan_last_losses", List.of(gan.lastLossD, gan.lastLossG));
    }
    meta.put("loadavg_after", DqnUpdateBench.loadavg());
    results.forEach((name, st) -> System.out.printf(Locale.ROOT,
        "%-24s median %8.2f/s (%8.0f us)  min %8.2f  max %8.2f%n", name, st.median(), 1e6 / st.median(), st.min(),
        st.max()));
    DqnUpdateBench.writeResults(opt.get("--out"), meta, results);
  }
}
