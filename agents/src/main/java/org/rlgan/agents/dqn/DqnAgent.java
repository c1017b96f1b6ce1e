package org.rlgan.agents.dqn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.rlgan.agents.Agent;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.replay.Batch;
import org.rlgan.agents.replay.NStepAccumulator;
import org.rlgan.agents.replay.ReplayBuffer;
import org.rlgan.mdp.Lxm;
import org.rlgan.mdp.Rngs;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.nets.layers.Models;
import org.rlgan.nets.loss.Huber;
import org.rlgan.nets.loss.Loss;
import org.rlgan.nets.loss.Mse;
import org.rlgan.nets.loss.Reduction;
import org.rlgan.nets.loss.SoftmaxCrossEntropy;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.GradClip;

/**
 * Deep Q-learning (Mnih et al. 2015, "Human-level control through deep reinforcement learning", Nature 518) with
 * its common improvements as options of this one class ({@link DqnConfig}):
 * <ul>
 *   <li>Double DQN (van Hasselt, Guez and Silver 2016, "Deep Reinforcement Learning with Double Q-learning", AAAI):
 *       the online network chooses the next action, the target network values it;
 *   <li>Dueling heads (Wang et al. 2016), in {@link QNetwork};
 *   <li>prioritized replay (Schaul et al. 2016), in {@link ReplayBuffer};
 *   <li>n-step returns (Sutton 1988; Hessel et al. 2018), in {@link NStepAccumulator};
 *   <li>C51 (Bellemare, Dabney and Munos 2017, "A Distributional Perspective on Reinforcement Learning", ICML): a
 *       categorical return distribution per action, trained by cross-entropy against the projected target
 *       distribution ({@link #project}); {@code loss} is then unused;
 *   <li>QR-DQN (Dabney, Rowland, Bellemare and Munos 2018, "Distributional Reinforcement Learning with Quantile
 *       Regression", AAAI): N quantile values per action, trained with the quantile Huber loss against the target
 *       network's quantiles ({@link #quantileTargets});
 *   <li>Noisy Nets (Fortunato et al. 2018, "Noisy Networks for Exploration", ICLR), in {@link NoisyDense};
 *   <li>Rainbow (Hessel et al. 2018) as their named combination, {@link DqnConfig#rainbow}.
 * </ul>
 * The whole update is {@link #trainStep(long)}. Randomness: the network initialisation draws from
 * {@code Rngs.derive(seed, 1)}, exploration and replay sampling from one {@link Lxm} seeded
 * {@code Rngs.derive(seed, 2)}, whose state is checkpointed.
 */
public final class DqnAgent implements Agent {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DqnConfig config;
  private final int width;
  private final int actions;
  private final int numEnvs;
  private final QNetwork online;
  private final QNetwork target;
  private final List<Tensor> params;
  private final Adam optimizer;
  private final Loss loss;
  private Lxm rng;
  private final ReplayBuffer replay;
  private final NStepAccumulator[] windows;
  private long updates;

  /**
   * @param width values per observation row
   * @param actions the size of the Discrete action space
   * @param numEnvs sub-environments feeding {@link #observe} (one n-step window each)
   */
  public DqnAgent(DqnConfig config, int width, int actions, int numEnvs, long seed) {
    this(config, new int[] {width}, actions, numEnvs, seed);
  }

  /**
   * @param observationShape [width] for flat observations, [H, W, C] (channel last) for a convolutional network
   */
  public DqnAgent(DqnConfig config, int[] observationShape, int actions, int numEnvs, long seed) {
    this.config = config;
    int width = 1;
    for (int d : observationShape) {
      width *= d;
    }
    this.width = width;
    this.actions = actions;
    this.numEnvs = numEnvs;
    RandomGenerator init = Rngs.seeded(Rngs.derive(seed, 1));
    this.online = new QNetwork(config.network(), observationShape, actions, config.distribution(), init);
    this.target = online.copy(init);
    this.params = online.parameters();
    DqnConfig.Optimizer o = config.optimizer();
    this.optimizer = new Adam.Config(o.learningRate(), o.beta1(), o.beta2(), o.eps(), 0.0, false).build();
    this.loss = config.loss() == DqnConfig.LossKind.HUBER ? new Huber() : new Mse();
    this.rng = Rngs.seeded(Rngs.derive(seed, 2));
    this.replay = new ReplayBuffer(config.replay().capacity(), width, config.replay().prioritized());
    this.windows = new NStepAccumulator[numEnvs];
    for (int i = 0; i < numEnvs; i++) {
      windows[i] = new NStepAccumulator(config.nStep(), config.gamma());
    }
  }

  public DqnConfig config() {
    return config;
  }

  public QNetwork online() {
    return online;
  }

  public QNetwork target() {
    return target;
  }

  public ReplayBuffer replay() {
    return replay;
  }

  /** Gradient updates so far. */
  public long updates() {
    return updates;
  }

  @Override
  public double epsilon(long step) {
    return step < config.learningStarts() ? 1.0 : config.exploration().epsilon(step);
  }

  /**
   * ε-greedy; uniformly random before {@code learningStarts} (SB3's rule). With noisy layers the online network's
   * noise is resampled first (Fortunato et al. 2018: exploration comes from the noise; set ε to 0).
   */
  @Override
  public void act(float[] obs, int n, long step, int[] out) {
    if (online.isNoisy()) {
      online.resampleNoise(rng);
    }
    double eps = epsilon(step);
    boolean anyGreedy = false;
    for (int i = 0; i < n; i++) {
      if (rng.nextDouble() < eps) {
        out[i] = rng.nextInt(actions);
      } else {
        out[i] = -1;
        anyGreedy = true;
      }
    }
    if (anyGreedy) {
      float[] q = qValues(obs, n);
      for (int i = 0; i < n; i++) {
        if (out[i] < 0) {
          out[i] = argmax(q, i * actions, actions);
        }
      }
    }
  }

  /** The greedy action of the online network (with noisy layers: of their mean weights). */
  @Override
  public void greedy(float[] obs, int n, int[] out) {
    online.clearNoise();
    float[] q = qValues(obs, n);
    for (int i = 0; i < n; i++) {
      out[i] = argmax(q, i * actions, actions);
    }
  }

  /** Q(s, ·) of the online network for n rows, host array [n·actions]. */
  public float[] qValues(float[] obs, int n) {
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      return online.values(obs, n);
    }
  }

  @Override
  public void observe(int env, float[] obs, int action, double reward, float[] nextObs, boolean terminated,
      boolean truncated, boolean replaying) {
    NStepAccumulator.Sink sink = replaying ? (s, a, r, s2, d) -> {} : (s, a, r, s2, d) -> replay.add(s, 0, a, r, s2, 0, d);
    windows[env].add(obs, action, reward, nextObs, terminated, truncated, sink);
  }

  @Override
  public TrainStats afterStep(long step, long vectorSteps) {
    // Target network: every `interval` environment steps (SB3 counts vector steps of interval / numEnvs).
    DqnConfig.TargetUpdate t = config.target();
    if (vectorSteps % Math.max(t.interval() / numEnvs, 1) == 0) {
      if (t.tau() == 1.0) {
        Models.copyParameters(online, target);
      } else {
        Models.polyakUpdate(online, target, t.tau());
      }
    }
    if (vectorSteps % config.trainFreq() != 0 || step <= config.learningStarts() || replay.size() == 0) {
      return TrainStats.NONE;
    }
    TrainStats sum = TrainStats.NONE;
    for (int g = 0; g < config.gradientSteps(); g++) {
      sum = sum.plus(trainStep(step));
    }
    return sum;
  }

  /**
   * One gradient update on a sampled mini-batch: the DQN loss
   * L(θ) = (1/B) Σ_i w_i · ℓ(y_i − Q(s_i, a_i; θ)), ℓ Huber or squared.
   *
   * @param step environment steps so far (anneals prioritized replay's β)
   */
  public TrainStats trainStep(long step) {
    int b = config.batchSize();
    DqnConfig.Prioritized per = config.replay().prioritized();

    // 1. Sample (s, a, R, s', γ^k·(1 − terminated)) uniformly, or by priority with IS weights w (Schaul et al. eq. 1-2).
    Batch batch = replay.sample(b, per == null ? 0 : per.beta(step), rng);

    if (online.isNoisy()) { // Noisy Nets: fresh, independent noise for the online and the target network
      online.resampleNoise(rng);
      target.resampleNoise(rng);
    }
    Tensor weights = per == null ? null : Tensor.of(batch.weights(), b);
    Tensor l;
    float[] qHost; // Q(s_i, a_i) before the update
    double[] absTd = new double[b]; // |δ_i|, the new priorities
    if (config.distribution() == null) {
      // 2. Target y = R + γ^k (1 − terminated) · Q_target(s', a*), without gradients:
      //    DQN:        a* = argmax_a Q_target(s', a)          (Mnih et al. 2015, eq. 2)
      //    Double DQN: a* = argmax_a Q_online(s', a)          (van Hasselt et al. 2016, eq. 4)
      float[] y = targets(batch);

      // 3. Prediction Q(s, a; θ) and the (importance-weighted) loss.
      Tensor q = Ops.pick(online.forward(Tensor.of(batch.obs(), b, width)), batch.actions());
      l = loss.apply(q, Tensor.of(y, b), weights);
      qHost = q.value().toFloatVector();
      for (int i = 0; i < b; i++) {
        absTd[i] = Math.abs(y[i] - qHost[i]);
      }
    } else if (config.distribution() instanceof DqnConfig.Categorical cat) {
      // 2'. C51 target: m = Φ(R + γ^k (1 − terminated) z) under p_target(s', a*), a* as in step 2
      //     (Bellemare et al. 2017, Algorithm 1).
      int atoms = cat.atoms();
      float[] m = categoricalTargets(batch);

      // 3'. Cross-entropy −Σ_j m_j log p_j(s, a; θ) of the taken action's logits, importance-weighted.
      long[] rows = new long[b];
      for (int i = 0; i < b; i++) {
        rows[i] = (long) i * actions + batch.actions()[i];
      }
      Tensor logits = Ops.gatherRows(
          Ops.reshape(online.forward(Tensor.of(batch.obs(), b, width)), (long) b * actions, atoms), rows);
      Tensor perSample = new SoftmaxCrossEntropy(Reduction.NONE).apply(logits, Tensor.of(m, b, atoms), weights);
      l = Ops.mean(perSample);
      float[] p = logits.value().reshape(-1).toFloatVector();
      QNetwork.softmaxInPlace(p, b, atoms);
      float[] ce = perSample.value().toFloatVector();
      qHost = new float[b];
      for (int i = 0; i < b; i++) {
        double q = 0;
        for (int j = 0; j < atoms; j++) {
          q += p[i * atoms + j] * cat.atom(j);
        }
        qHost[i] = (float) q;
        // PER's priority for C51 is the sample's loss (Hessel et al. 2018, §3); weights divided back out.
        absTd[i] = ce[i] / (per == null ? 1 : batch.weights()[i]);
      }
    } else {
      // 2''. QR-DQN target quantiles T θ_j = R + γ^k (1 − terminated) θ_j(s', a*; target), a* as in step 2
      //      (Dabney et al. 2018, Algorithm 1).
      int nq = config.distribution().atoms();
      float[] tq = quantileTargets(batch); // [b, N]

      // 3''. Quantile Huber loss per sample: Σ_i (1/N) Σ_j |τ̂_i − 1{u_ij < 0}| · L_1(u_ij), u_ij = T θ_j − θ_i(s, a),
      //      τ̂_i = (2i + 1)/(2N) (their eq. 10 with κ = 1), importance-weighted over the batch.
      long[] rows = new long[b];
      for (int i = 0; i < b; i++) {
        rows[i] = (long) i * actions + batch.actions()[i];
      }
      Tensor theta = Ops.gatherRows(
          Ops.reshape(online.forward(Tensor.of(batch.obs(), b, width)), (long) b * actions, nq), rows); // [b, N]
      Tensor u = Ops.sub(Tensor.of(tq, b, 1, nq), Ops.reshape(theta, b, nq, 1)); // [b, N (i), N (j)]
      float[] uHost = u.value().reshape(-1).toFloatVector();
      float[] asym = new float[b * nq * nq];
      for (int k = 0; k < asym.length; k++) {
        double tau = (2 * ((k / nq) % nq) + 1) / (2.0 * nq);
        asym[k] = (float) (Math.abs(tau - (uHost[k] < 0 ? 1 : 0)) / nq);
      }
      Tensor perSample = Ops.sum(Ops.mul(Tensor.of(asym, b, nq, nq), Ops.huber(u, 1.0)), false, 1, 2); // [b]
      l = Ops.mean(weights == null ? perSample : Ops.mul(perSample, weights));
      float[] th = theta.value().reshape(-1).toFloatVector();
      qHost = new float[b];
      for (int i = 0; i < b; i++) {
        double q = 0;
        double y = 0;
        for (int j = 0; j < nq; j++) {
          q += th[i * nq + j] / nq;
          y += tq[i * nq + j] / nq;
        }
        qHost[i] = (float) q;
        absTd[i] = Math.abs(y - q); // the TD error of the means
      }
    }

    // 4. θ ← Adam(θ, clip(∇θ L)) (gradient-norm clipping as torch.nn.utils.clip_grad_norm_).
    online.zeroGrad();
    Autograd.backward(l);
    if (Double.isFinite(config.maxGradNorm())) {
      GradClip.clipByGlobalNorm(params, config.maxGradNorm());
    }
    optimizer.step(params);
    updates++;

    // 5. Prioritized replay: p_i ← |δ_i| + ε, δ_i = y_i − Q(s_i, a_i) before the update (C51: the sample's loss).
    double tdSum = 0;
    double qSum = 0;
    for (int i = 0; i < b; i++) {
      tdSum += absTd[i];
      qSum += qHost[i];
    }
    replay.updatePriorities(batch.indices(), absTd);
    double loss = l.item();
    Autograd.release(l); // the update's arrays go back to the allocator (nets' Autograd.release)
    return new TrainStats(1, loss, qSum / b, tdSum / b);
  }

  /**
   * The regression targets y_i = R_i + γ^k (1 − terminated_i) · Q_target(s'_i, a*_i) of a batch, where a* is the
   * target network's argmax (DQN) or the online network's (Double DQN), computed without gradients.
   */
  public float[] targets(Batch batch) {
    int b = batch.size();
    float[] y = new float[b];
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      float[] qTarget = target.values(batch.nextObs(), b);
      float[] qOnlineNext = config.doubleQ() ? online.values(batch.nextObs(), b) : qTarget;
      for (int i = 0; i < b; i++) {
        int aStar = argmax(qOnlineNext, i * actions, actions);
        y[i] = batch.rewards()[i] + batch.discounts()[i] * qTarget[i * actions + aStar];
      }
    }
    return y;
  }

  /**
   * C51's target distributions [n·atoms] for a batch: the next state's distribution under a* (the argmax of the
   * target network's Q, or of the online network's for Double), projected onto the support by {@link #project}.
   */
  public float[] categoricalTargets(Batch batch) {
    DqnConfig.Categorical c = (DqnConfig.Categorical) config.distribution();
    int b = batch.size();
    int atoms = c.atoms();
    float[] pNext = new float[b * atoms];
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      float[] pTarget = target.probabilities(batch.nextObs(), b);
      float[] qSelect = config.doubleQ() ? online.values(batch.nextObs(), b) : target.values(batch.nextObs(), b);
      for (int i = 0; i < b; i++) {
        int aStar = argmax(qSelect, i * actions, actions);
        System.arraycopy(pTarget, (i * actions + aStar) * atoms, pNext, i * atoms, atoms);
      }
    }
    return project(pNext, batch.rewards(), batch.discounts(), c);
  }

  /**
   * QR-DQN's target quantiles [n·N] for a batch: T θ_j = R + γ^k (1 − terminated) θ_j(s', a*) of the target network,
   * a* the argmax of the target network's Q (or the online network's for Double), without gradients.
   */
  public float[] quantileTargets(Batch batch) {
    int b = batch.size();
    int nq = config.distribution().atoms();
    float[] out = new float[b * nq];
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      float[] theta = target.outputs(batch.nextObs(), b);
      float[] qSelect = config.doubleQ() ? online.values(batch.nextObs(), b) : target.values(batch.nextObs(), b);
      for (int i = 0; i < b; i++) {
        int aStar = argmax(qSelect, i * actions, actions);
        for (int j = 0; j < nq; j++) {
          out[i * nq + j] = batch.rewards()[i] + batch.discounts()[i] * theta[(i * actions + aStar) * nq + j];
        }
      }
    }
    return out;
  }

  /**
   * The categorical projection Φ of Bellemare et al. 2017 (Algorithm 1): each atom z_j of the next state's
   * distribution moves to T z_j = clamp(r + d·z_j, vMin, vMax) and its mass p_j is split between the two nearest
   * support atoms l = ⌊b⌋ and u = ⌈b⌉, b = (T z_j − vMin)/Δz, in proportion (u − b) and (b − l) (all of it to l
   * when b is an atom). With d = 0 (termination) all mass lands at r.
   *
   * @param pNext [n·atoms] probabilities of the next state's chosen action
   * @param rewards [n]; {@code discounts} [n], γ^k or 0
   * @return [n·atoms] projected probabilities
   */
  public static float[] project(float[] pNext, float[] rewards, float[] discounts, DqnConfig.Categorical c) {
    int atoms = c.atoms();
    int n = rewards.length;
    double dz = (c.vMax() - c.vMin()) / (atoms - 1);
    double[] m = new double[atoms];
    float[] out = new float[n * atoms];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(m, 0);
      for (int j = 0; j < atoms; j++) {
        double tz = Math.min(c.vMax(), Math.max(c.vMin(), rewards[i] + discounts[i] * c.atom(j)));
        double bj = Math.min(atoms - 1, Math.max(0, (tz - c.vMin()) / dz)); // rounding stays on the support
        int lo = (int) Math.floor(bj);
        int hi = (int) Math.ceil(bj);
        double p = pNext[i * atoms + j];
        if (lo == hi) {
          m[lo] += p;
        } else {
          m[lo] += p * (hi - bj);
          m[hi] += p * (bj - lo);
        }
      }
      for (int j = 0; j < atoms; j++) {
        out[i * atoms + j] = (float) m[j];
      }
    }
    return out;
  }

  static int argmax(float[] q, int offset, int n) {
    int best = 0;
    for (int a = 1; a < n; a++) {
      if (q[offset + a] > q[offset + best]) {
        best = a;
      }
    }
    return best;
  }

  @Override
  public void save(Path dir) throws IOException {
    ParameterFiles.save(dir.resolve("online.npz"), online, null, optimizer);
    ParameterFiles.save(dir.resolve("target.npz"), target, null, null);
    replay.save(dir.resolve("replay.npz"));
    ObjectNode s = JSON.createObjectNode();
    s.put("updates", updates);
    s.putPOJO("rng", rng.state());
    Files.write(dir.resolve("agent.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
  }

  @Override
  public void load(Path dir) throws IOException {
    ParameterFiles.load(dir.resolve("online.npz"), online, optimizer);
    ParameterFiles.load(dir.resolve("target.npz"), target, null);
    replay.load(dir.resolve("replay.npz"));
    var s = JSON.readTree(dir.resolve("agent.json").toFile());
    updates = s.get("updates").asLong();
    long[] st = new long[4];
    for (int i = 0; i < 4; i++) {
      st[i] = s.get("rng").get(i).asLong();
    }
    rng = Lxm.fromState(st);
    for (NStepAccumulator w : windows) {
      w.clear();
    }
  }

  @Override
  public void saveModel(Path dir) throws IOException {
    ParameterFiles.save(dir.resolve("online.npz"), online, null, null);
  }
}
