package org.rlgan.mdp.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Schedule;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.FiniteMdpEnv;
import org.rlgan.mdp.model.FiniteMdpJson;
import org.rlgan.mdp.model.Problems;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;

/**
 * Tabular learners against the exact answer of the same model. Tolerances are stated here and in docs/mdp.md:
 * fixed seeds, 1,000,000 steps, α = 1/n^0.8.
 */
class TabularLearningTest {

  private static FiniteMdp frozenLake() throws Exception {
    return FiniteMdpJson.read(java.nio.file.Path.of("src/test/resources/reference/toy-text/FrozenLake-v1_4x4_slippery.json"));
  }

  private static TabularProgress run(FiniteMdp m, TabularConfig c, long steps, long seed, Solution opt) {
    TabularAgent agent = new TabularAgent(c, m.states(), m.actions(), Rngs.seeded(seed));
    return new TabularTrainer(TabularTrainer.Config.of(steps, seed))
        .train(new FiniteMdpEnv(m, "model", OptionalInt.of(100)), agent, opt);
  }

  private static TabularConfig config(TabularConfig.Algorithm alg, Schedule eps) {
    return new TabularConfig(alg, 0.9, new Exploration.EpsilonGreedy(eps), new StepSize.OneOverVisits(0.8), 0.0);
  }

  @Test
  void qLearningConvergesToQStarOnForest() {
    FiniteMdp m = Problems.forest();
    Solution opt = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(m);
    TabularProgress p = run(m, config(TabularConfig.Algorithm.Q_LEARNING, new Schedule.Constant(0.5)), 1_000_000, 7, opt);
    assertTrue(p.qError() < 0.25, "‖Q − Q*‖∞ = " + p.qError() + " (Q* is 26..33)");
    assertEquals(1.0, p.optimalFraction());
  }

  @Test
  void qLearningConvergesToQStarOnFrozenLake() throws Exception {
    FiniteMdp m = frozenLake();
    Solution opt = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(m);
    List<Double> errors = new ArrayList<>();
    TabularAgent agent = new TabularAgent(config(TabularConfig.Algorithm.Q_LEARNING, new Schedule.Constant(1.0)),
        16, 4, Rngs.seeded(1));
    TabularProgress p = new TabularTrainer(new TabularTrainer.Config(1_000_000, 100_000, 7, 1e-9))
        .listener(x -> errors.add(x.qError()))
        .listener(x -> true)
        .train(new FiniteMdpEnv(m, "FrozenLake", OptionalInt.of(100)), agent, opt);
    assertTrue(p.qError() < 0.05, "‖Q − Q*‖∞ = " + p.qError());
    assertEquals(1.0, p.optimalFraction());
    assertEquals(10, errors.size());
    assertTrue(errors.get(9) < errors.get(0), "the error falls as learning goes on: " + errors);
  }

  @Test
  void doubleQLearningConvergesOnFrozenLake() throws Exception {
    FiniteMdp m = frozenLake();
    Solution opt = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(m);
    TabularProgress p = run(m, config(TabularConfig.Algorithm.DOUBLE_Q_LEARNING, new Schedule.Constant(1.0)),
        1_000_000, 3, opt);
    assertTrue(p.qError() < 0.1, "‖Q − Q*‖∞ = " + p.qError());
    // FrozenLake has states whose best actions differ by less than that error: 14 of 16 is what 1M steps give.
    assertTrue(p.optimalFraction() >= 0.85, "optimal actions in " + p.optimalFraction() + " of states");
  }

  @Test
  void sarsaWithDecayingExplorationFindsTheOptimalPolicy() throws Exception {
    FiniteMdp m = frozenLake();
    Solution opt = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(m);
    for (TabularConfig.Algorithm alg : List.of(TabularConfig.Algorithm.SARSA, TabularConfig.Algorithm.EXPECTED_SARSA)) {
      TabularProgress p = run(m, config(alg, new Schedule.Linear(1.0, 0.02, 800_000)), 1_000_000, 5, opt);
      assertTrue(p.optimalFraction() >= 0.85, alg + ": optimal actions in " + p.optimalFraction() + " of states");
    }
  }

  @Test
  void softmaxExplorationLearnsToo() {
    FiniteMdp m = Problems.forest();
    Solution opt = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(m);
    TabularConfig c = new TabularConfig(TabularConfig.Algorithm.Q_LEARNING, 0.9,
        new Exploration.Softmax(new Schedule.Constant(5.0)), new StepSize.OneOverVisits(0.8), 0.0);
    assertEquals(1.0, run(m, c, 300_000, 2, opt).optimalFraction());
  }

  @Test
  void sameSeedSameTableDifferentSeedDifferentTable() throws Exception {
    FiniteMdp m = frozenLake();
    for (TabularConfig.Algorithm alg : TabularConfig.Algorithm.values()) {
      TabularConfig c = config(alg, new Schedule.Constant(0.3));
      double[][] tables = new double[3][];
      long[] seeds = {11, 11, 12};
      for (int i = 0; i < 3; i++) {
        TabularAgent agent = new TabularAgent(c, 16, 4, Rngs.seeded(seeds[i]));
        new TabularTrainer(TabularTrainer.Config.of(20_000, seeds[i]))
            .train(new FiniteMdpEnv(m, "FrozenLake", OptionalInt.of(100)), agent, null);
        tables[i] = agent.qTable();
      }
      assertArrayEquals(tables[0], tables[1], 0.0, alg + " is deterministic for a seed");
      assertFalse(Arrays.equals(tables[0], tables[2]), alg + " depends on the seed");
    }
  }

  @Test
  void listenersCanStopTraining() {
    FiniteMdp m = Problems.forest();
    TabularAgent agent = new TabularAgent(config(TabularConfig.Algorithm.Q_LEARNING, new Schedule.Constant(0.1)),
        3, 2, Rngs.seeded(0));
    TabularProgress p = new TabularTrainer(new TabularTrainer.Config(100_000, 1000, 0, 1e-9))
        .listener(x -> x.step() < 3000)
        .train(new FiniteMdpEnv(m, "forest", OptionalInt.of(100)), agent, null);
    assertEquals(3000, p.step());
    assertEquals(3000, agent.steps());
    assertTrue(Double.isNaN(p.qError()));
  }
}
