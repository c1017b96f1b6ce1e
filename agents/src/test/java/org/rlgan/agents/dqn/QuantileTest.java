package org.rlgan.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.replay.Batch;

/** QR-DQN (Dabney et al. 2018): target quantiles, and the quantile Huber loss recovering a known distribution. */
class QuantileTest {

  private static DqnConfig config(int quantiles, boolean dueling) {
    return DqnConfig.rlZooCartPole()
        .withNetwork(new DqnConfig.Network(List.of(16), DqnConfig.ActivationKind.RELU, dueling))
        .withOptimizer(DqnConfig.Optimizer.adam(1e-2))
        .withTraining(1, 1, 0, 16).withReplay(DqnConfig.Replay.uniform(100)).withGamma(0.5)
        .withDistribution(new DqnConfig.Quantile(quantiles));
  }

  @Test
  void targetQuantilesAreTheRewardPlusTheDiscountedTargetQuantilesOfTheGreedyNextAction() {
    DqnAgent agent = new DqnAgent(config(5, false), 2, 3, 1, 2);
    agent.observe(0, new float[] {1, 0}, 2, 0.25, new float[] {0.5f, -1}, false, false, false);
    Batch b = agent.replay().get(0);
    float[] q = agent.target().values(b.nextObs(), 1);
    int aStar = DqnAgent.argmax(q, 0, 3);
    float[] theta = agent.target().outputs(b.nextObs(), 1);
    float[] expected = new float[5];
    double mean = 0;
    for (int j = 0; j < 5; j++) {
      expected[j] = 0.25f + 0.5f * theta[aStar * 5 + j];
      mean += theta[aStar * 5 + j] / 5;
    }
    assertEquals(mean, q[aStar], 1e-6, "Q is the mean of the quantiles");
    assertArrayEquals(expected, agent.quantileTargets(b), 1e-6f);
  }

  /**
   * One state-action whose terminal reward is 0 or 10 with probability 1/2: the quantiles at τ̂ = 1/8, 3/8 converge
   * to 0 and those at 5/8, 7/8 to 10, up to the Huber zone κ = 1 around them (an expected-value loss would put all
   * four at 5). With rewards inside the zone (0 or 1) the minimiser is the τ-expectile instead, here τ̂ itself.
   */
  @Test
  void quantileHuberLossRecoversTheQuantilesOfABernoulliReturn() {
    for (boolean dueling : new boolean[] {false, true}) {
      DqnAgent agent = new DqnAgent(config(4, dueling), 2, 2, 1, 3);
      for (int k = 0; k < 50; k++) {
        agent.observe(0, new float[] {1, 1}, 0, 10 * (k % 2), new float[] {0, 0}, true, false, false);
      }
      for (int i = 0; i < 1500; i++) {
        agent.trainStep(i);
      }
      float[] out = agent.online().outputs(new float[] {1, 1}, 1);
      float[] theta = Arrays.copyOfRange(out, 0, 4);
      assertArrayEquals(new float[] {0, 0, 10, 10}, theta, 1.0f, Arrays.toString(theta) + " dueling " + dueling);
      assertEquals(5, agent.qValues(new float[] {1, 1}, 1)[0], 0.5);
    }
  }
}
