package org.rlgan.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.agents.Agent;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.replay.Batch;
import org.rlgan.mdp.Lxm;
import org.rlgan.mdp.Rngs;
import org.rlgan.nets.Tensor;

class DqnAgentTest {

  private static DqnConfig small() {
    return DqnConfig.rlZooCartPole().withNetwork(DqnConfig.Network.mlp(8)).withReplay(DqnConfig.Replay.uniform(100))
        .withTraining(1, 1, 0, 4).withGamma(0.9);
  }

  /** Re-draws every parameter of a network so online and target differ. */
  private static void scramble(QNetwork q, long seed) {
    Lxm r = Rngs.seeded(seed);
    for (Tensor p : q.parameters()) {
      INDArray v = p.value();
      float[] f = new float[(int) v.length()];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) r.nextGaussian();
      }
      v.assign(Nd4j.createFromArray(f).reshape(v.shape()));
    }
  }

  private static int argmax(float[] q, int off, int n) {
    return DqnAgent.argmax(q, off, n);
  }

  /** van Hasselt et al. 2016, eq. 4: Y = R + γ Q(S', argmax_a Q(S', a; θ_online); θ_target). */
  @Test
  void doubleDqnTargetValuesTheOnlineArgmaxWithTheTargetNetwork() {
    for (boolean dbl : new boolean[] {true, false}) {
      DqnAgent agent = new DqnAgent(small().withDoubleQ(dbl), 2, 3, 1, 7);
      scramble(agent.online(), 99);
      Lxm r = Rngs.seeded(5);
      int found = 0;
      for (int k = 0; k < 50; k++) {
        float[] s = {(float) r.nextGaussian(), (float) r.nextGaussian()};
        float[] s2 = {(float) r.nextGaussian(), (float) r.nextGaussian()};
        agent.observe(0, s, 1, 0.5, s2, false, true, false); // truncated: still bootstraps with γ
      }
      for (int slot = 0; slot < 50; slot++) {
        Batch b = agent.replay().get(slot);
        float[] qt = agent.target().values(b.nextObs(), 1);
        float[] qo = agent.online().values(b.nextObs(), 1);
        int aOnline = argmax(qo, 0, 3);
        int aTarget = argmax(qt, 0, 3);
        float y = agent.targets(b)[0];
        float expected = 0.5f + 0.9f * qt[dbl ? aOnline : aTarget];
        assertEquals(expected, y, 1e-6, "slot " + slot);
        if (aOnline != aTarget) {
          found++;
          assertNotEquals(0.5f + 0.9f * qt[dbl ? aTarget : aOnline], y, "double=" + dbl);
        }
      }
      assertTrue(found > 0, "the test needs next states where the two networks disagree");
    }
  }

  @Test
  void terminatedTransitionsDoNotBootstrap() {
    DqnAgent agent = new DqnAgent(small(), 2, 3, 1, 7);
    scramble(agent.target(), 3);
    agent.observe(0, new float[] {1, 2}, 0, 1.25, new float[] {3, 4}, true, false, false);
    assertEquals(1.25f, agent.targets(agent.replay().get(0))[0]);
  }

  /** Wang et al. 2016, eq. 9: Q(s, a) = V(s) + A(s, a) − mean_a' A(s, a'). */
  @Test
  void duelingHeadsCombineAsValuePlusCentredAdvantage() {
    DqnConfig c = small().withNetwork(new DqnConfig.Network(List.of(8, 8), DqnConfig.ActivationKind.TANH, true));
    DqnAgent agent = new DqnAgent(c, 2, 4, 1, 3);
    QNetwork q = agent.online();
    assertTrue(q.namedParameters().keySet().containsAll(List.of("trunk.0.weight", "heads.value.0.bias",
        "heads.advantage.0.weight")), q.namedParameters().keySet().toString());
    float[] x = {0.3f, -1.2f, 2.0f, 0.1f};
    float[] values = q.values(x, 2);
    Map<String, Tensor> h = q.heads(Tensor.of(x, 2, 2));
    float[] v = h.get("value").value().reshape(-1).toFloatVector();
    float[] adv = h.get("advantage").value().reshape(-1).toFloatVector();
    for (int i = 0; i < 2; i++) {
      double mean = 0;
      for (int a = 0; a < 4; a++) {
        mean += adv[i * 4 + a] / 4.0;
      }
      for (int a = 0; a < 4; a++) {
        assertEquals(v[i] + adv[i * 4 + a] - mean, values[i * 4 + a], 1e-5);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new DqnAgent(
        small().withNetwork(new DqnConfig.Network(List.of(), DqnConfig.ActivationKind.RELU, true)), 2, 4, 1, 3));
  }

  @Test
  void trainingOnOneTransitionDrivesItsTdErrorDown() {
    for (boolean per : new boolean[] {false, true}) {
      DqnConfig c = small().withReplay(new DqnConfig.Replay(100, per ? DqnConfig.Prioritized.of(10) : null));
      DqnAgent agent = new DqnAgent(c, 2, 3, 1, 11);
      agent.observe(0, new float[] {1, -1}, 2, 3.0, new float[] {0, 0}, true, false, false);
      Agent.TrainStats first = agent.trainStep(0);
      Agent.TrainStats last = first;
      for (int i = 0; i < 200; i++) {
        last = agent.trainStep(i);
      }
      assertTrue(last.absTdSum() < 0.05 * first.absTdSum(), first + " -> " + last);
      assertEquals(201, agent.updates());
    }
  }

  @Test
  void hardTargetUpdatesCopyEveryIntervalSteps() {
    DqnConfig c = small().withTarget(DqnConfig.TargetUpdate.hard(4)).withTraining(1000, 1, 0, 4);
    DqnAgent agent = new DqnAgent(c, 2, 3, 1, 1);
    scramble(agent.online(), 8);
    float[] x = {0.5f, 0.5f};
    for (int s = 1; s <= 3; s++) {
      agent.afterStep(s, s);
      assertNotEquals(agent.online().values(x, 1)[0], agent.target().values(x, 1)[0]);
    }
    agent.afterStep(4, 4);
    assertEquals(agent.online().values(x, 1)[0], agent.target().values(x, 1)[0]);
  }

  @Test
  void configurationErrorsNameTheFieldTheValueAndTheRange() {
    var e = assertThrows(IllegalArgumentException.class, () -> new DqnConfig.Exploration(1.5, 0.1, 10));
    assertEquals("exploration.start is 1.5; it must be in [0.0, 1.0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().withGamma(1.2));
    assertEquals("gamma is 1.2; it must be in [0.0, 1.0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().withNStep(0));
    assertEquals("nStep is 0; it must be at least 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DqnConfig.TargetUpdate(10, 0));
    assertEquals("target.tau is 0.0; it must be in (0.0, 1.0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().withTraining(1, 1, 0, 1000));
    assertTrue(e.getMessage().startsWith("batchSize is 1000 but replay.capacity is only 100"), e.getMessage());
  }
}
