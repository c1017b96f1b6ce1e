package org.rlgan.agents.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.TabularAdapter;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.run.Trainer;
import org.rlgan.envs.Registry;
import org.rlgan.envs.toytext.FrozenLake;
import org.rlgan.envs.wrappers.OneHotObservation;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Schedule;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.mdp.tabular.Exploration;
import org.rlgan.mdp.tabular.StepSize;
import org.rlgan.mdp.tabular.TabularAgent;
import org.rlgan.mdp.tabular.TabularConfig;

/**
 * FrozenLake 4x4 slippery against its exact solution (mdp-core's PolicyIteration on the env's own transition
 * model), γ = 0.9: the greedy policy of the learned Q must be in Q*'s optimal action set in ≥ 90 % of the
 * non-terminal states (10 of 11), with ‖Q − Q*‖∞ over them reported during training.
 */
class FrozenLakeTest {
  private static final double GAMMA = 0.9;
  private static final Registry ENVS = Registry.builtin();

  private static Env<?, ?> lake() {
    return ENVS.make("FrozenLake-v1", Map.of("map_name", "4x4", "is_slippery", true));
  }

  @SuppressWarnings("unchecked")
  private static Env<double[], Integer> oneHotLake() {
    return new OneHotObservation<>((Env<Integer, Integer>) lake());
  }

  private static Solution exact() {
    FrozenLake fl = (FrozenLake) lake().unwrapped();
    return new PolicyIteration(PolicyIteration.Config.of(GAMMA)).solve(fl.transitionModel());
  }

  private static boolean[] terminal() {
    String map = String.join("", FrozenLake.MAPS.get("4x4"));
    boolean[] t = new boolean[16];
    for (int s = 0; s < 16; s++) {
      t[s] = map.charAt(s) == 'H' || map.charAt(s) == 'G';
    }
    return t;
  }

  /** {‖Q − Q*‖∞, fraction of non-terminal states whose greedy action is optimal}. */
  static double[] compare(double[] q, Solution star) {
    boolean[] term = terminal();
    double err = 0;
    int ok = 0;
    int n = 0;
    for (int s = 0; s < 16; s++) {
      if (term[s]) {
        continue;
      }
      n++;
      int best = 0;
      for (int a = 0; a < 4; a++) {
        err = Math.max(err, Math.abs(q[s * 4 + a] - star.q(s, a)));
        if (q[s * 4 + a] > q[s * 4 + best]) {
          best = a;
        }
      }
      for (int a : star.optimalActions(s, 1e-9)) {
        if (a == best) {
          ok++;
          break;
        }
      }
    }
    return new double[] {err, (double) ok / n};
  }

  private static double[] qTable(DqnAgent agent) {
    float[] eye = new float[16 * 16];
    for (int s = 0; s < 16; s++) {
      eye[s * 16 + s] = 1;
    }
    float[] q = agent.qValues(eye, 16);
    double[] out = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      out[i] = q[i];
    }
    return out;
  }

  @Test
  void dqnOnOneHotObservationsLearnsAnOptimalGreedyPolicy() throws Exception {
    Solution star = exact();
    DqnConfig c = new DqnConfig(DqnConfig.Network.mlp(32), DqnConfig.Optimizer.adam(1e-3),
        new DqnConfig.Exploration(1.0, 0.5, 10_000), DqnConfig.TargetUpdate.hard(250), DqnConfig.Replay.uniform(50_000),
        1, true, DqnConfig.LossKind.MSE, 10.0, 1, 1, 1_000, 64, GAMMA, null);
    DqnAgent agent = new DqnAgent(c, 16, 4, 1, 0);
    List<String> progress = new ArrayList<>();
    double[][] last = new double[1][];
    new Trainer(RunConfig.of(40_000, 0), FrozenLakeTest::oneHotLake, agent, null, c)
        .listener(m -> {
          if (m.step() % 5_000 == 0) {
            last[0] = compare(qTable(agent), star);
            progress.add(String.format(Locale.ROOT, "step %d: |Q-Q*|inf %.4f, optimal %.2f", m.step(), last[0][0],
                last[0][1]));
          }
          return true;
        })
        .train();
    System.out.println("FrozenLake DQN: " + progress);
    assertTrue(last[0][1] >= 0.9, progress.toString());
    assertTrue(last[0][0] < 0.1, progress.toString());
  }

  @Test
  void tabularQLearningRunsInTheSameLoop() throws Exception {
    Solution star = exact();
    TabularConfig tc = new TabularConfig(TabularConfig.Algorithm.Q_LEARNING, GAMMA,
        new Exploration.EpsilonGreedy(new Schedule.Constant(1.0)), new StepSize.OneOverVisits(0.8), 0.0);
    TabularAgent t = new TabularAgent(tc, 16, 4, org.rlgan.mdp.Rngs.seeded(1));
    List<Double> evals = new ArrayList<>();
    new Trainer(RunConfig.of(1_000_000, 1).withEval(250_000, 20, 5), FrozenLakeTest::lake, new TabularAdapter(t, 0, 4),
        null, tc)
        .listener(m -> {
          m.evalMeanReturn().ifPresent(evals::add);
          return true;
        })
        .train();
    double[] cmp = compare(t.qTable(), star);
    System.out.printf(Locale.ROOT, "FrozenLake tabular: |Q-Q*|inf %.4f, optimal %.2f, evals %s%n", cmp[0], cmp[1],
        evals);
    assertTrue(cmp[1] >= 0.9, "optimal fraction " + cmp[1]);
    assertTrue(cmp[0] < 0.1, "error " + cmp[0]);
    assertEquals(4, evals.size());
  }
}
