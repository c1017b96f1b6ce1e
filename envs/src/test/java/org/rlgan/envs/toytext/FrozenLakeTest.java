package org.rlgan.envs.toytext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rlgan.envs.InvalidOptionException;
import org.rlgan.envs.Registry;
import org.rlgan.envs.wrappers.TimeLimit;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;

/**
 * FrozenLake against Gymnasium 1.4's own tables (src/test/resources/reference/toy-text, recorded from Gymnasium
 * 1.4.0): every entry of P[s][a] in order, isd, time limits, and the exact V*, Q* of the model handed out by
 * HasTransitionModel.
 */
class FrozenLakeTest {

  private static JsonNode load(String file) throws IOException {
    try (InputStream in = FrozenLakeTest.class.getResourceAsStream("/reference/toy-text/" + file)) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static Map<String, Object> kwargs(JsonNode ref) {
    Map<String, Object> m = new HashMap<>();
    ref.get("kwargs_used").fields().forEachRemaining(e -> m.put(e.getKey(),
        e.getValue().isBoolean() ? (Object) e.getValue().booleanValue() : e.getValue().asText()));
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"FrozenLake-v1_4x4_deterministic.json", "FrozenLake-v1_4x4_slippery.json",
      "FrozenLake8x8-v1_slippery.json"})
  void tablesAndSolutionsMatchGymnasium(String file) throws IOException {
    JsonNode ref = load(file);
    Env<?, ?> env = Registry.builtin().make(ref.get("registered_id").asText(), kwargs(ref));
    assertEquals(ref.get("max_episode_steps").intValue(), ((TimeLimit<?, ?>) env).maxEpisodeSteps());
    FrozenLake lake = (FrozenLake) env.unwrapped();
    TransitionTable t = lake.transitions();
    int n = ref.get("n_states").intValue();
    assertEquals(n, t.states());
    assertEquals(ref.get("n_actions").intValue(), t.actions());
    List<String> map = new ArrayList<>();
    ref.get("map").forEach(r -> map.add(r.asText()));
    assertEquals(map, lake.config().desc());
    double[] isd = t.initialDistribution();
    for (int s = 0; s < n; s++) {
      assertEquals(ref.get("isd").get(s).doubleValue(), isd[s], 0.0, "isd[" + s + "]");
      for (int a = 0; a < 4; a++) {
        JsonNode row = ref.get("P").get(s).get(a);
        List<Transition> ours = t.get(s, a);
        assertEquals(row.size(), ours.size(), "P[" + s + "][" + a + "] length");
        for (int k = 0; k < row.size(); k++) {
          JsonNode e = row.get(k);
          Transition o = ours.get(k);
          String where = file + " P[" + s + "][" + a + "][" + k + "]";
          assertEquals(e.get(0).doubleValue(), o.prob(), 0.0, where + " prob"); // bit-identical
          assertEquals(e.get(1).intValue(), o.next(), where + " next");
          assertEquals(e.get(2).doubleValue(), o.reward(), 0.0, where + " reward");
          assertEquals(e.get(3).booleanValue(), o.terminated(), where + " terminated");
        }
      }
    }
    FiniteMdp m = lake.transitionModel();
    for (String g : List.of("0.9", "0.99")) {
      JsonNode sol = ref.get("solutions").get(g);
      Solution s = new PolicyIteration(PolicyIteration.Config.of(Double.parseDouble(g))).solve(m);
      for (int i = 0; i < n; i++) {
        assertEquals(sol.get("V_star").get(i).doubleValue(), s.value(i), 1e-9, file + " V*(" + i + ") γ=" + g);
        for (int a = 0; a < 4; a++) {
          assertEquals(sol.get("Q_star").get(i).get(a).doubleValue(), s.q(i, a), 1e-9,
              file + " Q*(" + i + "," + a + ") γ=" + g);
        }
      }
    }
  }

  @Test
  void modelHasTheTablesEntriesInOrderWithDuplicates() {
    FrozenLake lake = new FrozenLake(FrozenLake.Config.of("4x4"));
    FiniteMdp m = lake.transitionModel();
    // State 0, action LEFT: entries (UP->0, LEFT->0, DOWN->4); the two self-loops stay separate entries.
    int row = m.row(0, 0);
    assertEquals(3, m.end(row) - m.start(row));
    List<Transition> t = lake.transitions().get(0, 0);
    for (int k = 0; k < 3; k++) {
      assertEquals(t.get(k).next(), m.next(m.start(row) + k));
      assertEquals(t.get(k).prob(), m.prob(m.start(row) + k), 0.0);
    }
    assertEquals(List.of(0, 0, 4), t.stream().map(Transition::next).toList());
  }

  @Test
  void successRateAndRewardScheduleShapeTheTable() {
    FrozenLake lake = (FrozenLake) Registry.builtin().make("FrozenLake-v1",
        Map.of("success_rate", 0.8, "reward_schedule", List.of(2, -1, -0.01))).unwrapped();
    List<Transition> t = lake.transitions().get(14, FrozenLake.RIGHT); // (3,2) -> right is G
    assertEquals(List.of(0.09999999999999998, 0.8, 0.09999999999999998), t.stream().map(Transition::prob).toList());
    assertEquals(List.of(14, 15, 10), t.stream().map(Transition::next).toList()); // down (blocked), right, up
    assertEquals(List.of(-0.01, 2.0, -0.01), t.stream().map(Transition::reward).toList());
    assertEquals(-1.0, lake.transitions().get(4, FrozenLake.RIGHT).get(1).reward()); // (1,0) -> (1,1) is H
  }

  @Test
  void customDescAndRandomMaps() {
    FrozenLake custom = (FrozenLake) Registry.builtin().make("FrozenLake-v1",
        Map.of("desc", List.of("SFG", "HSF"), "is_slippery", false)).unwrapped();
    assertEquals(6, custom.observationSpace().contains(5) ? 6 : 0);
    double[] isd = custom.transitions().initialDistribution();
    assertEquals(0.5, isd[0]);
    assertEquals(0.5, isd[4]);

    Map<String, Object> random = new HashMap<>();
    random.put("map_name", null);
    // map_name None: a random 8x8 map (read through the options directly: EnvSpec keeps no null option values).
    FrozenLake.Config r = ToyText.frozenLake(new org.rlgan.envs.Options("FrozenLake-v1", random), "4x4");
    assertEquals(8, r.desc().size());
    assertTrue(FrozenLake.isValid(r.desc().stream().map(String::toCharArray).toArray(char[][]::new), 8));

    for (long seed = 0; seed < 20; seed++) {
      List<String> map = FrozenLake.generateRandomMap(6, 0.6, seed);
      assertEquals(map, FrozenLake.generateRandomMap(6, 0.6, seed));
      assertEquals('S', map.get(0).charAt(0));
      assertEquals('G', map.get(5).charAt(5));
      char[][] b = map.stream().map(String::toCharArray).toArray(char[][]::new);
      assertTrue(FrozenLake.isValid(b, 6), map.toString());
    }
    assertNotEquals(FrozenLake.generateRandomMap(8, 0.8, 1), FrozenLake.generateRandomMap(8, 0.8, 2));
    assertEquals(List.of("SFF", "FFF", "FFG"), FrozenLake.generateRandomMap(3, 1.5, 3)); // p capped at 1
    // is_valid: a wall of holes cuts S from G.
    assertEquals(false, FrozenLake.isValid(new char[][] {"SH".toCharArray(), "HG".toCharArray()}, 2));
  }

  @Test
  void badOptionsNameTheProblem() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> Registry.builtin().make("FrozenLake-v1", Map.of("is_slipery", false)));
    assertTrue(e.getMessage().contains("did you mean 'is_slippery'"), e.getMessage());
    e = assertThrows(InvalidOptionException.class,
        () -> Registry.builtin().make("FrozenLake-v1", Map.of("map_name", "5x5")));
    assertTrue(e.getMessage().contains("5x5"), e.getMessage());
    e = assertThrows(InvalidOptionException.class,
        () -> Registry.builtin().make("FrozenLake-v1", Map.of("desc", List.of("SFX", "FFG"))));
    assertTrue(e.getMessage().contains("'X'"), e.getMessage());
    e = assertThrows(InvalidOptionException.class,
        () -> Registry.builtin().make("FrozenLake-v1", Map.of("reward_schedule", List.of(1, 0))));
    assertTrue(e.getMessage().contains("reward_schedule"), e.getMessage());
  }

  @Test
  void ansiRenderOfTheDefaultMap() {
    FrozenLake lake = new FrozenLake(FrozenLake.Config.of("4x4").withSlippery(false));
    lake.reset(0);
    assertEquals("\n\u001b[41mS\u001b[0mFFF\nFHFH\nFFFH\nHFFG\n", lake.renderAnsi());
    lake.step(FrozenLake.RIGHT);
    assertEquals("  (Right)\nS\u001b[41mF\u001b[0mFF\nFHFH\nFFFH\nHFFG\n", lake.renderAnsi());
    lake.step(FrozenLake.DOWN);
    assertEquals("  (Down)\nSFFF\nF\u001b[41mH\u001b[0mFH\nFFFH\nHFFG\n", lake.renderAnsi());
    GridScene scene = lake.scene();
    assertEquals(1, scene.agentRow());
    assertEquals(1, scene.agentCol());
    assertEquals('H', scene.cell(1, 1));
    assertEquals(FrozenLake.DOWN, scene.lastAction().getAsInt());
  }

  @Test
  void stepInfoAndAbsorbingEnd() {
    FrozenLake lake = new FrozenLake(FrozenLake.Config.of("4x4").withSlippery(false));
    assertEquals(Map.of("prob", 1), lake.reset(3).info());
    var s = lake.step(FrozenLake.DOWN);
    assertEquals(4, s.observation());
    assertEquals(Map.of("prob", 1.0), s.info());
    s = lake.step(FrozenLake.RIGHT); // into the hole at 5
    assertEquals(5, s.observation());
    assertTrue(s.terminated());
    s = lake.step(FrozenLake.RIGHT); // Gymnasium lets it continue: the hole is absorbing, reward 0
    assertEquals(5, s.observation());
    assertEquals(0.0, s.reward());
    assertTrue(s.terminated());
  }

  @org.junit.jupiter.api.Test
  void randomMapThroughTheRegistryWithANullMapName() {
    java.util.Map<String, Object> opts = new java.util.HashMap<>();
    opts.put("map_name", null);
    org.rlgan.mdp.Env<?, ?> env = org.rlgan.envs.Registry.builtin().make("FrozenLake-v1", opts);
    org.junit.jupiter.api.Assertions.assertTrue(env.spec().options().containsKey("map_name"));
    env.reset(3);
    org.junit.jupiter.api.Assertions.assertEquals(64, ((org.rlgan.mdp.spaces.Discrete) env.observationSpace()).n(),
        "Gymnasium's random map is 8x8");
  }
}
