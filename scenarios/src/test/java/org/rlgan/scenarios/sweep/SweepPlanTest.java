package org.rlgan.scenarios.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.run.Json;
import org.rlgan.scenarios.spec.RlScenario;
import org.rlgan.scenarios.spec.TabularSpec;

/** Expanding a sweep block: order, counts, ids, the seeded draws and their ranges, and trials that travel. */
class SweepPlanTest {

  static final String BASE = String.join("\n", "kind: rl", "env:", "  id: FrozenLake-v1", "agent:",
      "  type: q_learning", "train:", "  steps: 1000", "");

  static SweepPlan plan(String sweep) {
    return ScenarioLoader.load(BASE + sweep, "test.yaml", Path.of("lr.yaml"), List.of()).sweep();
  }

  @Test
  void gridTimesSeedsInOrder() {
    SweepPlan p = plan("sweep:\n  seeds: [3, 4]\n  grid:\n    agent.discount: [0.9, 0.99]\n"
        + "    agent.initial_q: [0, 1, 2]\n");
    assertEquals(6, p.configs());
    assertEquals(12, p.trials().size());
    Trial t = p.trials().get(3);
    assertEquals("c01-s4", t.id());
    assertEquals("c01-s4", t.dir());
    assertEquals("lr", t.sweep());
    assertEquals(Map.of("agent.discount", "0.9", "agent.initial_q", "1"), t.params());
    assertEquals("agent.discount=0.9 agent.initial_q=1", t.label());
    // the trial's scenario is the resolved file with its values and seed, and binds back to them
    RlScenario s = (RlScenario) ScenarioLoader.load(t.scenarioYaml(), "t", Path.of("x.yaml"), List.of()).spec();
    assertEquals(4, s.seed());
    assertEquals(0.9, ((TabularSpec) s.agent()).discount());
    assertEquals(1.0, ((TabularSpec) s.agent()).initialQ());
    assertEquals("lr", s.name());
    assertEquals("c05-s3", p.trials().get(10).id());
  }

  @Test
  void withoutSeedsTheScenarioSeed() {
    SweepPlan p = ScenarioLoader.load(BASE + "seed: 7\nsweep:\n  grid:\n    agent.discount: [0.5]\n", "t",
        Path.of("a.yaml"), List.of()).sweep();
    assertEquals(List.of(7L), p.seeds());
    assertEquals("c00-s7", p.trials().get(0).id());
  }

  @Test
  void randomDrawsAreSeededAndInRange() {
    String block = "sweep:\n  random:\n    trials: 50\n    seed: SEED\n    params:\n"
        + "      agent.discount: {type: log_uniform, low: 0.01, high: 0.5}\n"
        + "      agent.initial_q: {type: integer, low: -2, high: 2}\n"
        + "      agent.step_size: {type: choice, values: [0.1, 0.2]}\n";
    SweepPlan a = plan(block.replace("SEED", "1"));
    SweepPlan b = plan(block.replace("SEED", "1"));
    SweepPlan c = plan(block.replace("SEED", "2"));
    assertEquals(a.trials(), b.trials(), "same sampler seed, same draws");
    assertNotEquals(a.trials().get(0).params(), c.trials().get(0).params());
    java.util.Set<String> ints = new java.util.TreeSet<>();
    boolean small = false;
    boolean large = false;
    for (Trial t : a.trials()) {
      double d = Double.parseDouble(t.params().get("agent.discount"));
      assertTrue(d >= 0.01 && d < 0.5, t.label());
      small |= d < 0.05;
      large |= d > 0.1;
      ints.add(t.params().get("agent.initial_q"));
      assertTrue(List.of("0.1", "0.2").contains(t.params().get("agent.step_size")), t.label());
    }
    assertTrue(small && large, "50 log-uniform draws over 1.7 decades cover both ends");
    assertEquals(java.util.Set.of("-2", "-1", "0", "1", "2"), ints);
  }

  @Test
  void gridTimesRandom() {
    SweepPlan p = plan("sweep:\n  seeds: [0, 1]\n  grid:\n    agent.initial_q: [0, 1]\n  random:\n    trials: 3\n"
        + "    params:\n      agent.discount: {type: uniform, low: 0.5, high: 0.9}\n");
    assertEquals(6, p.configs());
    assertEquals(12, p.trials().size());
    // the draws are the same three for each grid point
    assertEquals(p.trials().get(0).params().get("agent.discount"), p.trials().get(6).params().get("agent.discount"));
  }

  @Test
  void trialsSurviveJavaSerialisationAndJson() throws Exception {
    Trial t = plan("sweep:\n  grid:\n    agent.discount: [0.5]\n").trials().get(0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(t);
      o.writeObject(TrialResult.finished(t.id(), Map.of("final_eval_return_mean", 1.5), 2.0));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(t, in.readObject());
      assertEquals(1.5, ((TrialResult) in.readObject()).summary().get("final_eval_return_mean"));
    }
    assertEquals(t, Json.mapper().readValue(Json.write(t), Trial.class));
  }

  @Test
  void trialFoldersStayUnderTheRoot() {
    for (String bad : List.of("/abs", "../up", "a/../../b", "")) {
      assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> new Trial("s", "i", 0, Map.of(), 0, "kind: rl", bad)).getMessage().contains("relative"), bad);
    }
  }
}
