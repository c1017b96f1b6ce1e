package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rlgan.envs.InvalidOptionException;
import org.rlgan.envs.Registry;
import org.rlgan.envs.wrappers.TimeLimit;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.MultiBinary;

/** The environment around the rules: ids, spaces, options, sticky actions, seeding. */
class MinAtarEnvTest {

  private static final Registry REGISTRY = Registry.builtin();

  @SuppressWarnings("unchecked")
  private static Env<int[], Integer> make(String id, Map<String, Object> options) {
    return (Env<int[], Integer>) REGISTRY.make(id, options);
  }

  @Test
  void allTenIdsWithReferenceActionSets() {
    Map<String, Integer> v1 = Map.of("Asterix", 5, "Breakout", 3, "Freeway", 3, "Seaquest", 6, "SpaceInvaders", 4);
    Map<String, Integer> channels =
        Map.of("Asterix", 4, "Breakout", 4, "Freeway", 7, "Seaquest", 10, "SpaceInvaders", 6);
    for (String game : v1.keySet()) {
      for (String v : List.of("-v0", "-v1")) {
        String id = "MinAtar/" + game + v;
        assertTrue(REGISTRY.ids().contains(id), id);
        assertTrue(REGISTRY.spec(id).maxEpisodeSteps().isEmpty(), "the reference registers no time limit");
        Env<int[], Integer> env = make(id, Map.of());
        assertFalse(env instanceof TimeLimit);
        assertEquals(new Discrete(v.equals("-v0") ? 6 : v1.get(game)), env.actionSpace(), id);
        assertEquals(new MultiBinary(10, 10, channels.get(game)), env.observationSpace(), id);
        MinAtarEnv m = (MinAtarEnv) env.unwrapped();
        assertEquals(channels.get(game), m.channels().size());
      }
    }
  }

  @Test
  void minimalSetsMapToTheReferenceActions() {
    assertArrayEquals(new int[] {0, 1, 3}, actionSet("Breakout"));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, actionSet("Asterix"));
    assertArrayEquals(new int[] {0, 2, 4}, actionSet("Freeway"));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, actionSet("Seaquest"));
    assertArrayEquals(new int[] {0, 1, 3, 5}, actionSet("SpaceInvaders"));
    // v1 action 2 of Breakout is 'r'.
    MinAtarEnv env = (MinAtarEnv) make("MinAtar/Breakout-v1", Map.of("sticky_action_prob", 0.0));
    env.reset(3);
    env.step(2);
    assertEquals(5, ((Breakout) env.rules()).pos);
    assertEquals(MinAtarGame.RIGHT, env.lastAction());
  }

  private static int[] actionSet(String game) {
    return ((MinAtarEnv) make("MinAtar/" + game + "-v1", Map.of())).actionSet();
  }

  @Test
  void channelNamesAreTheReferences() {
    assertEquals(List.of("paddle", "ball", "trail", "brick"), Breakout.CHANNELS);
    assertEquals(List.of("player", "enemy", "trail", "gold"), Asterix.CHANNELS);
    assertEquals(List.of("chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"), Freeway.CHANNELS);
    assertEquals(List.of("sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet", "enemy_fish",
        "enemy_sub", "oxygen_guage", "diver_guage", "diver"), Seaquest.CHANNELS);
    assertEquals(List.of("cannon", "alien", "alien_left", "alien_right", "friendly_bullet", "enemy_bullet"),
        SpaceInvaders.CHANNELS);
  }

  @Test
  void optionsAreReadAndCheckedWithDidYouMean() {
    MinAtarEnv env = (MinAtarEnv) make("MinAtar/Asterix-v0",
        Map.of("sticky_action_prob", 0.25, "difficulty_ramping", false));
    assertEquals(new MinAtarEnv.Config(0.25, false, false), env.config());
    assertEquals(MinAtarEnv.Config.DEFAULT, ((MinAtarEnv) make("MinAtar/Asterix-v0", Map.of())).config());
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> make("MinAtar/Asterix-v0", Map.of("sticky_action_probability", 0.2)));
    assertTrue(e.getMessage().contains("did you mean 'sticky_action_prob'"), e.getMessage());
    e = assertThrows(InvalidOptionException.class,
        () -> make("MinAtar/Asterix-v0", Map.of("sticky_action_prob", 1.5)));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    assertThrows(InvalidOptionException.class, () -> make("MinAtar/Asterix-v0", Map.of("difficulty_ramping", 1)));
    Env<int[], Integer> limited = make("MinAtar/Breakout-v0", Map.of("max_episode_steps", 50));
    assertInstanceOf(TimeLimit.class, limited);
  }

  @Test
  void misuseIsATypedException() {
    Env<int[], Integer> env = make("MinAtar/Breakout-v1", Map.of());
    assertThrows(ResetNeededException.class, () -> env.step(0));
    env.reset(1);
    assertThrows(InvalidActionException.class, () -> env.step(3));
  }

  @Test
  void stickyProbabilityOneRepeatsThePreviousActionForever() {
    MinAtarEnv env = new MinAtarEnv(MinAtar.Game.BREAKOUT, new MinAtarEnv.Config(1.0, true, false));
    env.reset(5);
    for (int t = 0; t < 5; t++) {
      env.step(MinAtarGame.LEFT);
      assertEquals(MinAtarGame.NOOP, env.lastAction(), "the first action (n) sticks");
      assertEquals(4, ((Breakout) env.rules()).pos);
    }
  }

  @Test
  void stickyProbabilityZeroNeverRepeats() {
    MinAtarEnv env = new MinAtarEnv(MinAtar.Game.SPACE_INVADERS, new MinAtarEnv.Config(0.0, true, false));
    env.reset(5);
    RandomGenerator rng = Rngs.seeded(9);
    for (int t = 0; t < 500 && !((SpaceInvaders) env.rules()).terminal; t++) {
      int a = rng.nextInt(6);
      env.step(a);
      assertEquals(a, env.lastAction());
    }
  }

  @Test
  void stickyProbabilityIsHonouredOnAverage() {
    // Alternate l and r: with p the applied action is the previous applied one, else the chosen one.
    MinAtarEnv env = new MinAtarEnv(MinAtar.Game.SPACE_INVADERS, new MinAtarEnv.Config(0.1, true, false));
    env.reset(11);
    int differ = 0;
    int n = 20_000;
    for (int t = 0; t < n; t++) {
      if (env.rules().terminal()) {
        env.reset();
      }
      int chosen = t % 2 == 0 ? MinAtarGame.LEFT : MinAtarGame.RIGHT;
      env.step(chosen);
      differ += env.lastAction() != chosen ? 1 : 0;
    }
    // Applied differs from chosen when it sticks (p) and the previous applied action was the previous chosen one
    // (q = 1 - p + p (1 - q), so q = 1 / (1 + p)): rate p / (1 + p) = 0.0909 for p = 0.1.
    double rate = differ / (double) n;
    assertTrue(rate > 0.083 && rate < 0.099, "rate " + rate);
  }

  @Test
  void rampingOptionReachesTheGame() {
    MinAtarEnv on = (MinAtarEnv) make("MinAtar/SpaceInvaders-v0", Map.of("sticky_action_prob", 0.0));
    MinAtarEnv off = (MinAtarEnv) make("MinAtar/SpaceInvaders-v0",
        Map.of("sticky_action_prob", 0.0, "difficulty_ramping", false));
    for (MinAtarEnv env : List.of(on, off)) {
      env.reset(1);
      SpaceInvaders s = (SpaceInvaders) env.rules();
      java.util.Arrays.fill(s.aliens, 0);
      s.aliens[7] = 1 << 5;
      s.alienShotTimer = 1000;
      s.alienMoveTimer = 1000;
      env.step(MinAtarGame.FIRE);
      env.step(MinAtarGame.NOOP);
    }
    assertEquals(1, on.difficultyRamp());
    assertEquals(0, off.difficultyRamp());
  }

  private record Trace(List<int[]> obs, List<Double> rewards, List<Boolean> ends) {}

  private static Trace rollout(String id, long seed, int steps) {
    Env<int[], Integer> env = make(id, Map.of());
    RandomGenerator actions = Rngs.seeded(1234);
    Trace tr = new Trace(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    tr.obs.add(env.reset(seed).observation());
    for (int t = 0; t < steps; t++) {
      Step<int[]> s = env.step(env.actionSpace().sample(actions));
      assertTrue(env.observationSpace().contains(s.observation()));
      assertEquals(Math.rint(s.reward()), s.reward());
      tr.obs.add(s.observation());
      tr.rewards.add(s.reward());
      tr.ends.add(s.terminated());
      if (s.done()) {
        tr.obs.add(env.reset().observation());
      }
    }
    return tr;
  }

  @ParameterizedTest
  @EnumSource(MinAtar.Game.class)
  void sameSeedSameRolloutThroughResetsDifferentSeedDifferent(MinAtar.Game game) {
    for (boolean minimal : new boolean[] {false, true}) {
      String id = game.id(minimal);
      Trace a = rollout(id, 42, 3000);
      Trace b = rollout(id, 42, 3000);
      assertEquals(a.obs.size(), b.obs.size(), id);
      for (int i = 0; i < a.obs.size(); i++) {
        assertArrayEquals(a.obs.get(i), b.obs.get(i), id + " observation " + i);
      }
      assertEquals(a.rewards, b.rewards, id);
      assertEquals(a.ends, b.ends, id);
      assertTrue(a.ends.contains(true) || game == MinAtar.Game.FREEWAY, id + ": random play ends some episodes");
      Trace c = rollout(id, 43, 3000);
      boolean differ = a.obs.size() != c.obs.size();
      for (int i = 0; !differ && i < a.obs.size(); i++) {
        differ = !java.util.Arrays.equals(a.obs.get(i), c.obs.get(i));
      }
      assertTrue(differ, id + ": seeds 42 and 43 give the same rollout");
    }
  }

  @Test
  void reseedingReplaysTheEpisode() {
    MinAtarEnv env = (MinAtarEnv) make("MinAtar/Seaquest-v0", Map.of());
    List<int[]> first = new ArrayList<>();
    List<int[]> second = new ArrayList<>();
    for (List<int[]> out : List.of(first, second)) {
      RandomGenerator actions = Rngs.seeded(5);
      out.add(env.reset(77).observation());
      for (int t = 0; t < 300; t++) {
        Step<int[]> s = env.step(actions.nextInt(6));
        out.add(s.observation());
        if (s.done()) {
          break;
        }
      }
    }
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i), second.get(i));
    }
  }

  @Test
  void sceneIsTheObservationAsBooleans() {
    MinAtarEnv env = (MinAtarEnv) make("MinAtar/Freeway-v0", Map.of());
    int[] obs = env.reset(3).observation();
    MinAtarScene scene = env.scene();
    assertEquals("minatar", scene.kind());
    assertEquals("freeway", scene.game());
    assertEquals(Freeway.CHANNELS, scene.channels());
    boolean[] cells = scene.cells();
    assertEquals(obs.length, cells.length);
    for (int i = 0; i < obs.length; i++) {
      assertEquals(obs[i] == 1, cells[i]);
    }
    assertTrue(scene.at(9, 4, 0));
    assertEquals(0, scene.topChannel(9, 4));
    assertEquals(-1, scene.topChannel(9, 0));
    cells[0] = !cells[0];
    assertEquals(obs[0] == 1, scene.cells()[0], "the scene is immutable");
  }
}
