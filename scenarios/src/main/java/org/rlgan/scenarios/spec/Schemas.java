package org.rlgan.scenarios.spec;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rlgan.envs.Registry;
import org.rlgan.scenarios.config.Binder;
import org.rlgan.scenarios.config.TypeRegistry;
import org.rlgan.scenarios.sweep.Distribution;

/**
 * The closed registries of the scenario format: every {@code kind:} and {@code type:} a file may name. Nothing
 * outside these lists can be built from a file.
 */
public final class Schemas {

  private Schemas() {}

  public static final TypeRegistry<ScenarioSpec> KINDS = TypeRegistry.builder("scenario", "kind", ScenarioSpec.class)
      .add("rl", RlScenario.class, "train an agent on an environment")
      .add("mdp", MdpScenario.class, "solve a finite MDP exactly, optionally with tabular learners beside")
      .add("gan", GanScenario.class, "train a GAN on a data set (2-D mixtures, MNIST, environment frames), with metrics and pictures")
      .build();

  /**
   * Agents: the tabular learners and the DQN family. Another family is one record implementing {@link AgentSpec}
   * and one line here (see docs/scenarios.md, "Adding an agent").
   */
  public static final TypeRegistry<AgentSpec> AGENTS = TypeRegistry.builder("agent", "type", AgentSpec.class)
      .add("q_learning", TabularSpec.class, "tabular Q-learning (Watkins 1989)")
      .add("sarsa", TabularSpec.class, "tabular SARSA (Rummery & Niranjan 1994)")
      .add("expected_sarsa", TabularSpec.class, "tabular Expected SARSA (van Seijen et al. 2009)")
      .add("double_q", TabularSpec.class, "tabular Double Q-learning (van Hasselt 2010)")
      .add("dqn", DqnSpec.class, "the DQN family: Double, Dueling, PER, n-step, C51, QR-DQN, Noisy (docs/agents.md)")
      .build();

  public static final TypeRegistry<SolverSpec> SOLVERS = TypeRegistry.builder("solver", "type", SolverSpec.class)
      .add("value_iteration", SolverSpec.ValueIterationSpec.class, "value iteration, V within a guaranteed bound")
      .add("policy_iteration", SolverSpec.PolicyIterationSpec.class, "policy iteration, exact evaluation")
      .add("modified_policy_iteration", SolverSpec.ModifiedPolicyIterationSpec.class,
          "modified policy iteration (m partial sweeps)")
      .add("relative_value_iteration", SolverSpec.RelativeValueIterationSpec.class,
          "average reward by relative value iteration")
      .add("linear_programming", SolverSpec.LinearProgrammingSpec.class, "the LP of V* (small models)")
      .add("finite_horizon", SolverSpec.FiniteHorizonSpec.class, "backward induction over N stages")
      .add("mdptoolbox", SolverSpec.MdpToolboxSpec.class, "pymdptoolbox compatibility mode, rule for rule")
      .build();

  public static final TypeRegistry<ModelSpec> MODELS = TypeRegistry.builder("model", "type", ModelSpec.class)
      .add("env", ModelSpec.EnvModel.class, "the transition model of a toy-text environment")
      .add("forest", ModelSpec.Forest.class, "pymdptoolbox's forest management")
      .add("gambler", ModelSpec.Gambler.class, "Sutton & Barto's gambler's problem")
      .add("grid_world", ModelSpec.GridWorld.class, "Sutton & Barto's 5x5 grid world (Ex. 3.5)")
      .add("grid_world_4x4", ModelSpec.GridWorld4x4.class, "Sutton & Barto's 4x4 grid world (Ex. 4.1)")
      .add("random_sparse", ModelSpec.RandomSparse.class, "a random sparse model")
      .build();

  public static final TypeRegistry<ExplorationSpec> EXPLORATION =
      TypeRegistry.builder("exploration", "type", ExplorationSpec.class)
          .add("epsilon_greedy", ExplorationSpec.EpsilonGreedy.class, "ε-greedy")
          .add("softmax", ExplorationSpec.Softmax.class, "Boltzmann")
          .build();

  public static final TypeRegistry<StepSizeSpec> STEP_SIZES =
      TypeRegistry.builder("step size", "type", StepSizeSpec.class)
          .add("one_over_visits", StepSizeSpec.OneOverVisits.class, "α = 1/n^ω")
          .add("constant", StepSizeSpec.Constant.class, "constant α")
          .numberMeans("constant")
          .build();

  public static final TypeRegistry<ScheduleSpec> SCHEDULES =
      TypeRegistry.builder("schedule", "type", ScheduleSpec.class)
          .add("constant", ScheduleSpec.Constant.class, "a constant")
          .add("linear", ScheduleSpec.Linear.class, "linear then constant")
          .add("exponential", ScheduleSpec.Exponential.class, "exponential decay to a floor")
          .numberMeans("constant")
          .build();

  public static final TypeRegistry<LrScheduleSpec> LEARNING_RATES =
      TypeRegistry.builder("learning rate", "type", LrScheduleSpec.class)
          .add("constant", LrScheduleSpec.Constant.class, "a constant rate")
          .add("linear", LrScheduleSpec.Linear.class, "held, then linear to an end rate")
          .add("cosine", LrScheduleSpec.Cosine.class, "held, then cosine annealing to an end rate")
          .add("step", LrScheduleSpec.Step.class, "multiplied by gamma every 'every' updates")
          .numberMeans("constant")
          .build();

  public static final TypeRegistry<WrapperSpec> WRAPPERS = TypeRegistry.builder("wrapper", "type", WrapperSpec.class)
      .add("normalize_observation", WrapperSpec.NormalizeObservationSpec.class, "observations by running statistics")
      .add("normalize_reward", WrapperSpec.NormalizeRewardSpec.class, "rewards by the return's running deviation")
      .add("frame_stack", WrapperSpec.FrameStackSpec.class, "the last k observations")
      .add("clip_reward", WrapperSpec.ClipRewardSpec.class, "rewards clipped to [min, max]")
      .add("sticky_actions", WrapperSpec.StickyActionsSpec.class, "repeat the previous action with probability p")
      .add("one_hot_observation", WrapperSpec.OneHotObservationSpec.class, "a Discrete state as a one-hot vector")
      .add("discretize_actions", WrapperSpec.DiscretizeActionsSpec.class, "a continuous action box as a grid")
      .build();

  public static final TypeRegistry<GanDataSpec> GAN_DATA = TypeRegistry.builder("GAN data set", "type",
          GanDataSpec.class)
      .add("ring", GanDataSpec.Ring.class, "K Gaussians on a circle")
      .add("grid", GanDataSpec.Grid.class, "Gaussians on a square grid")
      .add("pacgan_ring", GanDataSpec.PacganRing.class, "PacGAN's ring: 8 modes, radius 1, σ 0.01")
      .add("pacgan_grid", GanDataSpec.PacganGrid.class, "PacGAN's grid: 25 modes, σ 0.05")
      .add("veegan_ring", GanDataSpec.VeeganRing.class, "VEEGAN's ring: 8 modes, radius 2, σ 0.02")
      .add("swiss_roll", GanDataSpec.SwissRollSpec.class, "WGAN-GP's swiss roll")
      .add("mnist", GanDataSpec.MnistData.class, "MNIST's 60,000 training digits, [1, 28, 28] (scripts/fetch-mnist.sh)")
      .add("fashion_mnist", GanDataSpec.MnistData.class,
          "Fashion-MNIST's 60,000 training images, [1, 28, 28] (scripts/fetch-fashion-mnist.sh)")
      .add("env_frames", GanDataSpec.EnvFramesSpec.class,
          "observations of an environment (MinAtar) played by a policy, as [C, H, W] images")
      .build();

  public static final TypeRegistry<GanNetworkSpec> GAN_NETWORKS = TypeRegistry.builder("GAN networks", "type",
          GanNetworkSpec.class)
      .add("mlp", GanNetworkSpec.Mlp.class, "ReLU MLPs, two hidden layers each")
      .add("pacgan", GanNetworkSpec.Pacgan.class, "PacGAN's 2-D networks (batch-normalised G, maxout D)")
      .add("dcgan", GanNetworkSpec.DcganSpec.class, "DCGAN for images; conditional and InfoGAN options")
      .build();

  public static final TypeRegistry<GanPenaltySpec> GAN_PENALTIES = TypeRegistry.builder("penalty", "type",
          GanPenaltySpec.class)
      .add("none", GanPenaltySpec.None.class, "no penalty")
      .add("gradient_penalty", GanPenaltySpec.GradientPenalty.class, "WGAN-GP (Gulrajani et al. 2017)")
      .add("r1", GanPenaltySpec.R1.class, "R1 on real data (Mescheder et al. 2018)")
      .build();

  /** The GAN losses a {@code gan.loss} may name (gan-lab's {@code GanLoss.byName}). */
  public static final List<String> GAN_LOSSES = List.of("minimax", "non_saturating", "least_squares", "wasserstein",
      "hinge");

  /** How a {@code sweep.random} key is drawn. */
  public static final TypeRegistry<Distribution> DISTRIBUTIONS =
      TypeRegistry.builder("distribution", "type", Distribution.class)
          .add("uniform", Distribution.Uniform.class, "uniform on [low, high)")
          .add("log_uniform", Distribution.LogUniform.class, "log-uniform on [low, high): equal mass per decade")
          .add("integer", Distribution.IntegerRange.class, "a whole number in [low, high], both included")
          .add("choice", Distribution.Choice.class, "one of 'values', each equally likely")
          .build();

  /** Every registry, for {@code describe} and {@code list}. */
  public static final List<TypeRegistry<?>> ALL = List.of(KINDS, AGENTS, SOLVERS, MODELS, EXPLORATION, STEP_SIZES,
      SCHEDULES, LEARNING_RATES, WRAPPERS, GAN_DATA, GAN_NETWORKS, GAN_PENALTIES, DISTRIBUTIONS);

  /** What the binder may build. */
  public static Binder.Schema schema() {
    Map<Class<?>, TypeRegistry<?>> regs = new java.util.LinkedHashMap<>();
    ALL.forEach(r -> regs.put(r.base(), r));
    Map<String, Supplier<Collection<String>>> choices = Map.of("env", () -> Registry.builtin().ids(),
        "gan_loss", () -> GAN_LOSSES);
    return new Binder.Schema(regs, choices);
  }
}
