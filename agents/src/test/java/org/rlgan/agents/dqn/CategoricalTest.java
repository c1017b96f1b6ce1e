package org.rlgan.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.replay.Batch;

/** C51 (Bellemare, Dabney and Munos 2017): the categorical projection on hand-made cases, and the agent. */
class CategoricalTest {
  private static final DqnConfig.Categorical FIVE = new DqnConfig.Categorical(5, -2, 2); // z = -2, -1, 0, 1, 2

  @Test
  void projectionSplitsEachShiftedAtomBetweenItsTwoNeighbours() {
    float[] p = {0.1f, 0.2f, 0.4f, 0.2f, 0.1f};
    // r = 0.5, d = 1: Tz = -1.5, -0.5, 0.5, 1.5, 2.5 -> 2 (clamped); b = 0.5, 1.5, 2.5, 3.5, 4
    float[] m = DqnAgent.project(p, new float[] {0.5f}, new float[] {1f}, FIVE);
    assertArrayEquals(new float[] {0.05f, 0.15f, 0.3f, 0.3f, 0.2f}, m, 1e-6f);
  }

  @Test
  void terminationPutsAllMassAtTheRewardAndClippingAtTheEdge() {
    float[] p = {0.1f, 0.2f, 0.4f, 0.2f, 0.1f};
    float[] m = DqnAgent.project(new float[] {0.1f, 0.2f, 0.4f, 0.2f, 0.1f, 0.1f, 0.2f, 0.4f, 0.2f, 0.1f},
        new float[] {0.3f, 5f}, new float[] {0f, 0.9f}, FIVE);
    assertArrayEquals(new float[] {0, 0, 0.7f, 0.3f, 0, 0, 0, 0, 0, 1}, m, 1e-6f);
    float[] onAtom = DqnAgent.project(p, new float[] {1f}, new float[] {0f}, FIVE); // b is an atom: all mass there
    assertArrayEquals(new float[] {0, 0, 0, 1, 0}, onAtom, 1e-7f);
  }

  @Test
  void withoutClippingTheProjectionKeepsTheMeanAtRPlusDTimesTheMean() {
    DqnConfig.Categorical c = DqnConfig.Categorical.c51(-10, 10);
    float[] p = new float[51];
    for (int j = 20; j < 31; j++) {
      p[j] = 1f / 11; // mass on [-2, 2]
    }
    float[] m = DqnAgent.project(p, new float[] {0.37f}, new float[] {0.9f}, c);
    double mean = 0;
    double mass = 0;
    double meanNext = 0;
    for (int j = 0; j < 51; j++) {
      mean += m[j] * c.atom(j);
      mass += m[j];
      meanNext += p[j] * c.atom(j);
    }
    assertEquals(1.0, mass, 1e-6);
    assertEquals(0.37 + 0.9 * meanNext, mean, 1e-5);
  }

  @Test
  void targetsUseTheTargetNetworksDistributionOfTheNextState() {
    DqnConfig cfg = DqnConfig.rlZooCartPole().withNetwork(DqnConfig.Network.mlp(8))
        .withTraining(1, 1, 0, 1).withReplay(DqnConfig.Replay.uniform(10)).withDistribution(FIVE).withGamma(0.5);
    DqnAgent agent = new DqnAgent(cfg, 2, 3, 1, 4);
    agent.observe(0, new float[] {1, 0}, 2, 0.5, new float[] {0, 1}, false, false, false);
    Batch b = agent.replay().get(0);
    float[] q = agent.target().values(b.nextObs(), 1);
    int aStar = DqnAgent.argmax(q, 0, 3);
    float[] p = agent.target().probabilities(b.nextObs(), 1);
    float[] pa = java.util.Arrays.copyOfRange(p, aStar * 5, aStar * 5 + 5);
    assertArrayEquals(DqnAgent.project(pa, new float[] {0.5f}, new float[] {0.5f}, FIVE), agent.categoricalTargets(b));
  }

  @Test
  void trainingOnATerminalRewardConcentratesTheDistributionThere() {
    for (boolean dueling : new boolean[] {false, true}) {
      DqnConfig cfg = DqnConfig.rlZooCartPole()
          .withNetwork(new DqnConfig.Network(List.of(16), DqnConfig.ActivationKind.RELU, dueling))
          .withTraining(1, 1, 0, 4).withReplay(new DqnConfig.Replay(10, DqnConfig.Prioritized.of(10)))
          .withDistribution(FIVE);
      DqnAgent agent = new DqnAgent(cfg, 2, 3, 1, 4);
      agent.observe(0, new float[] {1, 0}, 1, 1.0, new float[] {0, 1}, true, false, false);
      for (int i = 0; i < 300; i++) {
        agent.trainStep(i);
      }
      float[] p = agent.online().probabilities(new float[] {1, 0}, 1);
      assertTrue(p[5 + 3] > 0.95, "p(z = 1 | s, a = 1) = " + p[8] + ", dueling " + dueling);
      assertEquals(1.0, agent.qValues(new float[] {1, 0}, 1)[1], 0.1);
    }
  }

  @Test
  void configurationIsValidated() {
    var e = assertThrows(IllegalArgumentException.class, () -> new DqnConfig.Categorical(1, 0, 1));
    assertEquals("categorical.atoms is 1; it must be at least 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DqnConfig.Categorical(51, 1, 1));
  }
}
