package org.rlgan.agents;

import java.util.List;

/**
 * The hyperparameters of the DQN family (Mnih et al. 2015, "Human-level control through deep reinforcement
 * learning", Nature 518) as one validated record. The variants are options of the one agent, not subclasses:
 * {@link #doubleQ()} (van Hasselt et al. 2016), {@link Network#dueling()} (Wang et al. 2016),
 * {@link Replay#prioritized()} (Schaul et al. 2016), {@link #nStep()} (Sutton 1988; Hessel et al. 2018) and
 * {@link #distribution()} (C51, Bellemare, Dabney and Munos 2017; QR-DQN, Dabney et al. 2018).
 *
 * <p>Step units: every count named "steps" is environment steps summed over the sub-environments (SB3's
 * {@code num_timesteps}), except {@link #trainFreq()}, which counts vector steps (SB3's {@code train_freq} in
 * steps, which is per environment).
 *
 * @param network the Q network
 * @param optimizer Adam's settings
 * @param exploration ε-greedy schedule, linear in environment steps
 * @param target hard copy every {@code interval} steps, or Polyak averaging with τ &lt; 1
 * @param replay capacity, uniform or prioritized sampling
 * @param nStep the number of rewards summed before bootstrapping, ≥ 1 (1 is plain DQN)
 * @param doubleQ Double DQN: the online network picks the next action, the target network values it
 * @param loss Huber (δ = 1, PyTorch's smooth L1, as the Nature paper's clipped error) or MSE
 * @param maxGradNorm global gradient-norm clipping; {@code Double.POSITIVE_INFINITY} for none
 * @param trainFreq vector steps between training rounds
 * @param gradientSteps gradient updates per training round
 * @param learningStarts steps of uniformly random play before learning (and ε-greedy) start
 * @param batchSize transitions per gradient update
 * @param gamma the discount γ ∈ [0, 1]
 * @param distribution null for scalar Q values; otherwise a return distribution per action: {@link Categorical}
 *     (C51) or {@link Quantile} (QR-DQN); the {@code loss} field is then unused
 */
public record DqnConfig(
    Network network,
    Optimizer optimizer,
    Exploration exploration,
    TargetUpdate target,
    Replay replay,
    int nStep,
    boolean doubleQ,
    LossKind loss,
    double maxGradNorm,
    int trainFreq,
    int gradientSteps,
    long learningStarts,
    int batchSize,
    double gamma,
    Distribution distribution) {

  /** The regression loss on the TD error. */
  public enum LossKind { HUBER, MSE }

  /** The nonlinearity between hidden layers. */
  public enum ActivationKind { RELU, TANH }

  /** One convolution of the torso: {@code channels} filters of {@code kernel}×{@code kernel}, stride, no padding. */
  public record Conv(int channels, int kernel, int stride) {
    public Conv {
      Checks.atLeast("network.conv.channels", channels, 1);
      Checks.atLeast("network.conv.kernel", kernel, 1);
      Checks.atLeast("network.conv.stride", stride, 1);
    }
  }

  /**
   * The Q network: an optional convolutional torso (each convolution followed by the activation) over image
   * observations given channel-last as [H, W, C] (MinAtar's layout), then a multilayer perceptron.
   *
   * @param conv the convolutions (empty: observations are flat vectors and the network is an MLP)
   * @param hidden hidden layer widths, each ≥ 1 (may be empty: a linear Q function of the features)
   * @param activation after each convolution and hidden layer
   * @param dueling two heads V(s) and A(s, ·) joined as Q = V + A − mean A (Wang et al. 2016, eq. 9)
   * @param noisySigma0 0 for ordinary dense layers; otherwise every dense layer (hidden and output) is a noisy
   *     layer with factorised Gaussian noise of initial scale σ0/√in (Noisy Nets, Fortunato et al. 2018), the
   *     noise resampled before every action choice and every update, the mean weights used for greedy evaluation
   */
  public record Network(List<Conv> conv, List<Integer> hidden, ActivationKind activation, boolean dueling,
      double noisySigma0) {
    public Network {
      if (conv == null || hidden == null || activation == null) {
        throw new IllegalArgumentException("network.conv, network.hidden and network.activation are required");
      }
      conv = List.copyOf(conv);
      hidden = List.copyOf(hidden);
      for (int i = 0; i < hidden.size(); i++) {
        Checks.atLeast("network.hidden[" + i + "]", hidden.get(i), 1);
      }
      if (!(noisySigma0 >= 0) || Double.isInfinite(noisySigma0)) {
        throw new IllegalArgumentException("network.noisySigma0 is " + noisySigma0
            + "; it must be ≥ 0 (0: ordinary dense layers) and finite");
      }
    }

    /** Without noisy layers. */
    public Network(List<Conv> conv, List<Integer> hidden, ActivationKind activation, boolean dueling) {
      this(conv, hidden, activation, dueling, 0.0);
    }

    /** An MLP: {@code new Network(List.of(), hidden, activation, dueling)}. */
    public Network(List<Integer> hidden, ActivationKind activation, boolean dueling) {
      this(List.of(), hidden, activation, dueling, 0.0);
    }

    /** The same network with noisy dense layers of initial σ0 (Fortunato et al. 2018 use 0.5); 0 turns them off. */
    public Network withNoisy(double sigma0) {
      return new Network(conv, hidden, activation, dueling, sigma0);
    }

    public static Network mlp(int... widths) {
      return new Network(java.util.Arrays.stream(widths).boxed().toList(), ActivationKind.RELU, false);
    }

    /**
     * The network of the MinAtar paper (Young and Tian 2019, §4; the reference {@code examples/dqn.py}): one 3×3
     * convolution with 16 filters, stride 1, ReLU, then a 128-unit hidden layer.
     */
    public static Network minAtar() {
      return new Network(List.of(new Conv(16, 3, 1)), List.of(128), ActivationKind.RELU, false);
    }
  }

  /** Adam (Kingma and Ba 2015) with PyTorch's defaults except the learning rate. */
  public record Optimizer(double learningRate, double beta1, double beta2, double eps) {
    public Optimizer {
      Checks.positive("optimizer.learningRate", learningRate);
      Checks.inClosed("optimizer.beta1", beta1, 0, 0.999999);
      Checks.inClosed("optimizer.beta2", beta2, 0, 0.999999);
      Checks.positive("optimizer.eps", eps);
    }

    public static Optimizer adam(double learningRate) {
      return new Optimizer(learningRate, 0.9, 0.999, 1e-8);
    }
  }

  /** ε from {@code start} to {@code end} linearly over {@code steps} environment steps, then {@code end}. */
  public record Exploration(double start, double end, long steps) {
    public Exploration {
      Checks.inClosed("exploration.start", start, 0, 1);
      Checks.inClosed("exploration.end", end, 0, 1);
      Checks.atLeast("exploration.steps", steps, 1);
    }

    public double epsilon(long step) {
      return step >= steps ? end : start + (end - start) * ((double) step / steps);
    }
  }

  /**
   * Every {@code interval} environment steps, target ← τ·online + (1 − τ)·target; τ = 1 is the Nature paper's
   * hard copy, τ &lt; 1 Polyak averaging (Lillicrap et al. 2016).
   */
  public record TargetUpdate(long interval, double tau) {
    public TargetUpdate {
      Checks.atLeast("target.interval", interval, 1);
      Checks.inHalfOpen("target.tau", tau, 0, 1);
    }

    public static TargetUpdate hard(long interval) {
      return new TargetUpdate(interval, 1.0);
    }
  }

  /**
   * Proportional prioritized replay (Schaul et al. 2016, "Prioritized Experience Replay", ICLR): P(i) ∝ p_i^α with
   * p_i = |δ_i| + ε; importance weights (N·P(i))^−β / max_j (N·P(j))^−β with β annealed linearly from
   * {@code beta0} to 1 over {@code betaSteps} environment steps.
   */
  public record Prioritized(double alpha, double beta0, long betaSteps, double epsilon) {
    public Prioritized {
      Checks.inClosed("replay.prioritized.alpha", alpha, 0, 1);
      Checks.inClosed("replay.prioritized.beta0", beta0, 0, 1);
      Checks.atLeast("replay.prioritized.betaSteps", betaSteps, 1);
      Checks.positive("replay.prioritized.epsilon", epsilon);
    }

    /** The paper's proportional variant: α 0.6, β 0.4 → 1, ε 1e-6. */
    public static Prioritized of(long betaSteps) {
      return new Prioritized(0.6, 0.4, betaSteps, 1e-6);
    }

    public double beta(long step) {
      return beta0 + (1 - beta0) * Math.min(1.0, (double) step / betaSteps);
    }
  }

  /**
   * @param capacity transitions kept (oldest overwritten first)
   * @param prioritized null for uniform sampling
   */
  public record Replay(int capacity, Prioritized prioritized) {
    public Replay {
      Checks.atLeast("replay.capacity", capacity, 1);
    }

    public static Replay uniform(int capacity) {
      return new Replay(capacity, null);
    }
  }

  /**
   * C51 (Bellemare, Dabney and Munos 2017, "A Distributional Perspective on Reinforcement Learning", ICML): the
   * network gives, per action, a softmax over {@code atoms} returns evenly spaced on [vMin, vMax]; Q is its mean.
   */
  /** A distributional output: the network gives {@link #atoms()} numbers per action. */
  public sealed interface Distribution permits Categorical, Quantile {
    int atoms();
  }

  /**
   * QR-DQN (Dabney, Rowland, Bellemare and Munos 2018, "Distributional Reinforcement Learning with Quantile
   * Regression", AAAI): the network gives, per action, the values θ_i of the quantiles τ̂_i = (2i + 1)/(2N) of the
   * return, trained with the quantile Huber loss (κ = 1); Q is their mean.
   */
  public record Quantile(int quantiles) implements Distribution {
    public Quantile {
      Checks.atLeast("quantile.quantiles", quantiles, 1);
    }

    @Override
    public int atoms() {
      return quantiles;
    }
  }

  public record Categorical(int atoms, double vMin, double vMax) implements Distribution {
    public Categorical {
      Checks.atLeast("categorical.atoms", atoms, 2);
      if (!(vMin < vMax) || !Double.isFinite(vMin) || !Double.isFinite(vMax)) {
        throw new IllegalArgumentException("categorical.vMin is " + vMin + " and categorical.vMax " + vMax
            + "; they must be finite with vMin < vMax");
      }
    }

    /** The paper's 51 atoms. */
    public static Categorical c51(double vMin, double vMax) {
      return new Categorical(51, vMin, vMax);
    }

    /** z_j = vMin + j·Δz, Δz = (vMax − vMin)/(atoms − 1). */
    public double atom(int j) {
      return vMin + j * (vMax - vMin) / (atoms - 1);
    }
  }

  public DqnConfig {
    if (network == null || optimizer == null || exploration == null || target == null || replay == null
        || loss == null) {
      throw new IllegalArgumentException("network, optimizer, exploration, target, replay and loss are required");
    }
    Checks.atLeast("nStep", nStep, 1);
    if (!(maxGradNorm > 0)) {
      throw new IllegalArgumentException("maxGradNorm is " + maxGradNorm
          + "; it must be > 0 (Double.POSITIVE_INFINITY for no clipping)");
    }
    Checks.atLeast("trainFreq", trainFreq, 1);
    Checks.atLeast("gradientSteps", gradientSteps, 0);
    Checks.atLeast("learningStarts", learningStarts, 0);
    Checks.atLeast("batchSize", batchSize, 1);
    Checks.inClosed("gamma", gamma, 0, 1);
    if (batchSize > replay.capacity()) {
      throw new IllegalArgumentException("batchSize is " + batchSize + " but replay.capacity is only "
          + replay.capacity() + "; the batch must fit in the buffer");
    }
  }

  /**
   * rl-baselines3-zoo's CartPole-v1 DQN (hyperparams/dqn.yml, SB3 2.4.1): lr 2.3e-3, batch 64, buffer 1e5,
   * learning_starts 1000, γ 0.99, target_update_interval 10, train_freq 256, gradient_steps 128,
   * exploration_fraction 0.16 of n_timesteps 5e4 (8,000 steps) from 1.0 to 0.04, net [256, 256], Huber, clip 10.
   */
  public static DqnConfig rlZooCartPole() {
    return new DqnConfig(Network.mlp(256, 256), Optimizer.adam(2.3e-3), new Exploration(1.0, 0.04, 8_000),
        TargetUpdate.hard(10), Replay.uniform(100_000), 1, false, LossKind.HUBER, 10.0, 256, 128, 1_000, 64, 0.99, null);
  }

  /**
   * rl-baselines3-zoo's Acrobot-v1 DQN (hyperparams/dqn.yml): n_timesteps 1e5, lr 6.3e-4, batch 128, buffer 50,000,
   * learning_starts 0, γ 0.99, target_update_interval 250, train_freq 4, gradient_steps −1 (= 4, one per collected
   * step), exploration_fraction 0.12 (12,000 steps) to 0.1, net [256, 256].
   */
  public static DqnConfig rlZooAcrobot() {
    return new DqnConfig(Network.mlp(256, 256), Optimizer.adam(6.3e-4), new Exploration(1.0, 0.1, 12_000),
        TargetUpdate.hard(250), Replay.uniform(50_000), 1, false, LossKind.HUBER, 10.0, 4, 4, 0, 128, 0.99, null);
  }

  /**
   * rl-baselines3-zoo's MountainCar-v0 DQN (hyperparams/dqn.yml): n_timesteps 1.2e5, lr 4e-3, batch 128, buffer
   * 10,000, learning_starts 1,000, γ 0.98, target_update_interval 600, train_freq 16, gradient_steps 8,
   * exploration_fraction 0.2 (24,000 steps) to 0.07, net [256, 256].
   */
  public static DqnConfig rlZooMountainCar() {
    return new DqnConfig(Network.mlp(256, 256), Optimizer.adam(4e-3), new Exploration(1.0, 0.07, 24_000),
        TargetUpdate.hard(600), Replay.uniform(10_000), 1, false, LossKind.HUBER, 10.0, 16, 8, 1_000, 128, 0.98, null);
  }

  /**
   * Rainbow (Hessel et al. 2018, "Rainbow: Combining Improvements in Deep Reinforcement Learning", AAAI) as the
   * named combination of this record's options: Double, Dueling, prioritized replay (α 0.5, β 0.4 → 1), 3-step
   * returns, C51 (51 atoms on [vMin, vMax]) and Noisy Nets (σ0 0.5, no ε-greedy), with their Table 1 settings in
   * agent steps (Adam 6.25e-5 with ε 1.5e-4, target copy every 8,000 steps, learning from 20,000, an update every
   * 4 steps, batch 32, γ 0.99). Smaller tasks want a larger learning rate and earlier learning
   * ({@link #withOptimizer}, {@link #withTraining}).
   *
   * @param torso the network's convolutions and hidden widths (dueling and noise are set here)
   */
  public static DqnConfig rainbow(Network torso, double vMin, double vMax, int capacity, long betaSteps) {
    Network n = new Network(torso.conv(), torso.hidden(), torso.activation(), true, 0.5);
    return new DqnConfig(n, new Optimizer(6.25e-5, 0.9, 0.999, 1.5e-4), new Exploration(0, 0, 1),
        TargetUpdate.hard(8_000), new Replay(capacity, new Prioritized(0.5, 0.4, betaSteps, 1e-6)), 3, true,
        LossKind.HUBER, 10.0, 4, 1, 20_000, 32, 0.99, Categorical.c51(vMin, vMax));
  }

  public DqnConfig withNetwork(Network n) {
    return new DqnConfig(n, optimizer, exploration, target, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withDoubleQ(boolean d) {
    return new DqnConfig(network, optimizer, exploration, target, replay, nStep, d, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withDueling(boolean d) {
    return withNetwork(new Network(network.conv(), network.hidden(), network.activation(), d, network.noisySigma0()));
  }

  public DqnConfig withNStep(int n) {
    return new DqnConfig(network, optimizer, exploration, target, replay, n, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withReplay(Replay r) {
    return new DqnConfig(network, optimizer, exploration, target, r, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withTraining(int trainFreq, int gradientSteps, long learningStarts, int batchSize) {
    return new DqnConfig(network, optimizer, exploration, target, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withExploration(Exploration e) {
    return new DqnConfig(network, optimizer, e, target, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withOptimizer(Optimizer o) {
    return new DqnConfig(network, o, exploration, target, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withTarget(TargetUpdate t) {
    return new DqnConfig(network, optimizer, exploration, t, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withLoss(LossKind l, double maxGradNorm) {
    return new DqnConfig(network, optimizer, exploration, target, replay, nStep, doubleQ, l, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, distribution);
  }

  public DqnConfig withGamma(double g) {
    return new DqnConfig(network, optimizer, exploration, target, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, g, distribution);
  }

  public DqnConfig withDistribution(Distribution d) {
    return new DqnConfig(network, optimizer, exploration, target, replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, d);
  }
}
