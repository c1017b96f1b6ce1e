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
      SCHEDULES, DISTRIBUTIONS);

  /** What the binder may build. */
  public static Binder.Schema schema() {
    Map<Class<?>, TypeRegistry<?>> regs = new java.util.LinkedHashMap<>();
    ALL.forEach(r -> regs.put(r.base(), r));
    Map<String, Supplier<Collection<String>>> choices = Map.of("env", () -> Registry.builtin().ids());
    return new Binder.Schema(regs, choices);
  }
}
