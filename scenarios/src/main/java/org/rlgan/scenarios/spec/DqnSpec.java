package org.rlgan.scenarios.spec;

import java.util.List;
import org.rlgan.agents.DqnConfig;
import org.rlgan.scenarios.config.Opt;
import org.rlgan.scenarios.run.AgentRunner;
import org.rlgan.scenarios.run.DqnRunner;

/**
 * The DQN family ({@code type: dqn}): every variant is an option of one agent (docs/agents.md). The defaults are
 * rl-baselines3-zoo's CartPole-v1 hyperparameters; {@code rainbow} is the named combination of Double, Dueling,
 * prioritised replay, 3-step returns, C51 and Noisy Nets with Hessel et al.'s settings where not given.
 */
public record DqnSpec(
    String type,
    @Opt(doc = "the Q network: {hidden: [256, 256], activation: relu|tanh, dueling: false, conv: [], "
        + "noisy_sigma0: 0}", def = "{}") NetworkSpec network,
    @Opt(doc = "Adam's learning rate", def = "0.0023", range = "(0, inf)") double learningRate,
    @Opt(doc = "transitions per gradient step", def = "64", range = "[1, inf)") int batchSize,
    @Opt(doc = "replay buffer capacity (transitions)", def = "100000", range = "[1, inf)") int bufferSize,
    @Opt(doc = "environment steps before the first gradient step", def = "1000", range = "[0, inf)")
    long learningStarts,
    @Opt(doc = "the discount γ", def = "0.99", range = "[0, 1]") double gamma,
    @Opt(doc = "environment steps between target updates", def = "10", range = "[1, inf)")
    long targetUpdateInterval,
    @Opt(doc = "Polyak τ of a target update (1: hard copy)", def = "1.0", range = "(0, 1]") double tau,
    @Opt(doc = "environment steps between training phases", def = "256", range = "[1, inf)") int trainFreq,
    @Opt(doc = "gradient steps per training phase", def = "128", range = "[0, inf)") int gradientSteps,
    @Opt(doc = "ε at step 0", def = "1.0", range = "[0, 1]") double explorationStart,
    @Opt(doc = "ε after exploration_steps", def = "0.04", range = "[0, 1]") double explorationEnd,
    @Opt(doc = "environment steps of the linear ε decay", def = "8000", range = "[1, inf)") long explorationSteps,
    @Opt(doc = "the TD loss: huber or mse", def = "huber") DqnConfig.LossKind loss,
    @Opt(doc = "gradient-norm clipping threshold", def = "10.0", range = "(0, inf)") double maxGradNorm,
    @Opt(doc = "Double DQN's target (van Hasselt et al. 2016)", def = "false") boolean doubleQ,
    @Opt(doc = "n-step returns (Sutton 1988; Hessel et al. 2018)", def = "1", range = "[1, 100]") int nStep,
    @Opt(doc = "prioritised replay {alpha: 0.6, beta0: 0.4, beta_steps: ..., epsilon: 1e-6} (Schaul et al. 2016)",
        def = "null") PrioritizedSpec prioritized,
    @Opt(doc = "a distributional head: {kind: categorical, atoms: 51, v_min, v_max} (C51) or "
        + "{kind: quantile, atoms: 200} (QR-DQN)", def = "null") DistributionSpec distribution,
    @Opt(doc = "sub-environments stepped together", def = "1", range = "[1, 1024]") int numEnvs,
    @Opt(doc = "environment steps between checkpoints for --resume (0: none)", def = "10000", range = "[0, inf)")
    long checkpointEvery,
    @Opt(doc = "stop once a greedy evaluation's mean return reaches this (e.g. 475 for CartPole)", def = "null")
    Double stopAtEvalReturn) implements AgentSpec {

  /** The network block. */
  public record NetworkSpec(
      @Opt(doc = "widths of the hidden dense layers", def = "[256, 256]") List<Integer> hidden,
      @Opt(doc = "hidden activation: relu or tanh", def = "relu") DqnConfig.ActivationKind activation,
      @Opt(doc = "a dueling head (Wang et al. 2016)", def = "false") boolean dueling,
      @Opt(doc = "convolutions before the dense layers (MinAtar): [{channels: 16, kernel: 3, stride: 1}]",
          def = "[]") List<ConvSpec> conv,
      @Opt(doc = "Noisy Nets' σ0 (Fortunato et al. 2018); 0: ordinary layers", def = "0.0", range = "[0, inf)")
      double noisySigma0) {

    DqnConfig.Network network() {
      return new DqnConfig.Network(conv.stream().map(c -> new DqnConfig.Conv(c.channels, c.kernel, c.stride)).toList(),
          hidden, activation, dueling, noisySigma0);
    }
  }

  /** One convolution of the torso. */
  public record ConvSpec(
      @Opt(doc = "output channels", range = "[1, inf)") int channels,
      @Opt(doc = "kernel size", def = "3", range = "[1, inf)") int kernel,
      @Opt(doc = "stride", def = "1", range = "[1, inf)") int stride) {}

  /** Prioritised replay. */
  public record PrioritizedSpec(
      @Opt(doc = "priority exponent α", def = "0.6", range = "[0, 1]") double alpha,
      @Opt(doc = "importance-sampling exponent β at step 0, annealed to 1", def = "0.4", range = "[0, 1]")
      double beta0,
      @Opt(doc = "environment steps over which β reaches 1", def = "100000", range = "[1, inf)") long betaSteps,
      @Opt(doc = "added to every priority", def = "1e-6", range = "(0, inf)") double epsilon) {}

  /** The kinds of distributional head. */
  public enum DistributionKind { CATEGORICAL, QUANTILE }

  /** A distributional head. */
  public record DistributionSpec(
      @Opt(doc = "categorical (C51, Bellemare et al. 2017) or quantile (QR-DQN, Dabney et al. 2018)") DistributionKind kind,
      @Opt(doc = "atoms (C51) or quantiles (QR-DQN)", def = "51", range = "[1, 1000]") int atoms,
      @Opt(doc = "the support's lower end (categorical)", def = "-10.0") double vMin,
      @Opt(doc = "the support's upper end (categorical)", def = "10.0") double vMax) {}

  /** The agent configuration this block describes (validated by its records). */
  public DqnConfig config() {
    DqnConfig.Replay replay = new DqnConfig.Replay(bufferSize, prioritized == null ? null
        : new DqnConfig.Prioritized(prioritized.alpha, prioritized.beta0, prioritized.betaSteps, prioritized.epsilon));
    DqnConfig.Distribution dist = distribution == null ? null
        : distribution.kind == DistributionKind.CATEGORICAL
            ? new DqnConfig.Categorical(distribution.atoms, distribution.vMin, distribution.vMax)
            : new DqnConfig.Quantile(distribution.atoms);
    return new DqnConfig(network.network(), DqnConfig.Optimizer.adam(learningRate),
        new DqnConfig.Exploration(explorationStart, explorationEnd, explorationSteps),
        new DqnConfig.TargetUpdate(targetUpdateInterval, tau), replay, nStep, doubleQ, loss, maxGradNorm, trainFreq,
        gradientSteps, learningStarts, batchSize, gamma, dist);
  }

  public DqnSpec {
    // The cross-field rules of DqnConfig, checked here so a bad file is reported at this block when it is read.
    if (batchSize > bufferSize) {
      throw new IllegalArgumentException("batch_size is " + batchSize + " but buffer_size is only " + bufferSize
          + "; the batch must fit in the buffer");
    }
    if (distribution != null && distribution.kind() == DistributionKind.CATEGORICAL
        && !(distribution.vMin() < distribution.vMax())) {
      throw new IllegalArgumentException("distribution.v_min (" + distribution.vMin() + ") must be below v_max ("
          + distribution.vMax() + ")");
    }
  }

  @Override
  public boolean tabular() {
    return false;
  }

  @Override
  public AgentRunner runner() {
    return new DqnRunner(this);
  }
}
