package org.rlgan.agents.learning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.run.RunListener;
import org.rlgan.agents.run.Trainer;
import org.rlgan.envs.Registry;

/**
 * DQN with rl-baselines3-zoo's CartPole-v1 hyperparameters ({@link DqnConfig#rlZooCartPole()}) at a CI budget:
 * at most 12,000 steps, greedy evaluation on 10 episodes every 1,000 steps, stopping at the env's threshold 475.
 * Seed 0 reached 500 at step 7,000 on the development machine; the assertion (best evaluation ≥ 400) leaves room
 * for machines whose BLAS rounds differently. A random policy scores about 22.
 */
class CartPoleLearningTest {

  @Test
  void rlZooSettingsLearnCartPoleWellWithinTheBudget() throws Exception {
    Registry envs = Registry.builtin();
    DqnConfig c = DqnConfig.rlZooCartPole();
    DqnAgent agent = new DqnAgent(c, 4, 2, 1, 0);
    List<Double> evals = new ArrayList<>();
    Trainer.Result r = new Trainer(RunConfig.of(12_000, 0).withEval(1_000, 10, 1_000_000L), () -> envs.make("CartPole-v1"),
        agent, null, c)
        .listener(m -> {
          m.evalMeanReturn().ifPresent(evals::add);
          return true;
        })
        .listener(RunListener.stopAtEvalReturn(475))
        .train();
    System.out.println("CartPole DQN evaluations every 1,000 steps: " + evals + "; " + r);
    assertTrue(r.bestEvalMeanReturn() >= 400, "best greedy evaluation " + r.bestEvalMeanReturn() + " in " + evals);
  }
}
