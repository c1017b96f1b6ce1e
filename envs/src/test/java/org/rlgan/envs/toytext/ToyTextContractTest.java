package org.rlgan.envs.toytext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Spaces;

/** Every toy-text id: same seed, same rollout; seeds matter where the dynamics are random; misuse is refused. */
class ToyTextContractTest {

  private static final List<String> IDS = List.of("FrozenLake-v1", "FrozenLake8x8-v1", "CliffWalking-v1",
      "CliffWalkingSlippery-v1", "Taxi-v4", "Taxi-v3", "Blackjack-v1");

  /** A rollout through resets: observation, reward, flags and info per step, with random actions. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<String> rollout(String id, long seed, int steps) {
    Env env = Registry.builtin().make(id);
    RandomGenerator actions = Rngs.seeded(1234);
    List<String> out = new ArrayList<>();
    out.add(Spaces.describe(env.reset(seed).observation()));
    for (int t = 0; t < steps; t++) {
      Step s = env.step(env.actionSpace().sample(actions));
      out.add(Spaces.describe(s.observation()) + " " + s.reward() + " " + s.terminated() + " " + s.truncated() + " "
          + s.info().get("prob"));
      if (s.done()) {
        out.add("reset " + Spaces.describe(env.reset().observation()));
      }
    }
    return out;
  }

  @Test
  void sameSeedSameRolloutDifferentSeedsDiffer() {
    for (String id : IDS) {
      List<String> a = rollout(id, 7, 400);
      assertEquals(a, rollout(id, 7, 400), id);
      if (!id.equals("CliffWalking-v1")) { // the only deterministic one: start 36, no slips
        assertNotEquals(a, rollout(id, 8, 400), id);
      }
    }
  }

  @Test
  void everyStepDrawsOneUniformEvenWhenDeterministic() {
    // Taxi's dry moves have probability 1, yet each step consumes one draw: the start state of the next episode
    // (reset without a seed) is the (k+2)-th uniform of the seed's stream after k steps.
    for (int k : new int[] {0, 1, 5}) {
      Taxi env = new Taxi(Taxi.Config.defaults());
      env.reset(99);
      for (int i = 0; i < k; i++) {
        env.step(Taxi.actionMask(env.state())[0] == 1 ? 0 : 1);
      }
      int next = env.reset().observation();
      RandomGenerator r = Rngs.seeded(99);
      for (int i = 0; i < k + 1; i++) {
        r.nextDouble();
      }
      assertEquals(env.transitions().toFiniteMdp().sampleInitial(r), next, "after " + k + " steps");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FrozenLake-v1", "CliffWalking-v1", "Taxi-v4", "Blackjack-v1"})
  @SuppressWarnings({"unchecked", "rawtypes"})
  void misuseIsRefusedWithAMessage(String id) {
    Env env = Registry.builtin().make(id);
    ResetNeededException r = assertThrows(ResetNeededException.class, () -> env.step(0));
    assertTrue(r.getMessage().contains("reset"), r.getMessage());
    env.reset(0);
    int n = ((org.rlgan.mdp.spaces.Discrete) env.actionSpace()).n();
    InvalidActionException e = assertThrows(InvalidActionException.class, () -> env.step(n));
    assertTrue(e.getMessage().contains("action " + n) && e.getMessage().contains("Discrete(" + n + ")"),
        e.getMessage());
    assertThrows(InvalidActionException.class, () -> env.step(-1));
  }

  @Test
  void scenesNeedAReset() {
    assertThrows(ResetNeededException.class, () -> new FrozenLake(FrozenLake.Config.of("4x4")).renderAnsi());
    assertThrows(ResetNeededException.class, () -> new Taxi(Taxi.Config.defaults()).scene());
    assertThrows(ResetNeededException.class, () -> new Blackjack(Blackjack.Config.defaults()).scene());
    Taxi t = new Taxi(Taxi.Config.defaults());
    int s = t.reset(5).observation();
    TaxiScene scene = t.scene();
    int[] d = Taxi.decode(s);
    assertEquals(List.of(d[0], d[1], d[2], d[3]),
        List.of(scene.taxiRow(), scene.taxiCol(), scene.passenger(), scene.destination()));
    assertEquals("taxi", scene.kind());
  }

  @Test
  void registeredIdsAndLimits() {
    Registry r = Registry.builtin();
    assertTrue(r.ids().containsAll(IDS));
    assertEquals(100, r.spec("FrozenLake-v1").maxEpisodeSteps().getAsInt());
    assertEquals(200, r.spec("FrozenLake8x8-v1").maxEpisodeSteps().getAsInt());
    assertEquals(0.70, r.spec("FrozenLake-v1").rewardThreshold().getAsDouble());
    assertEquals(0.85, r.spec("FrozenLake8x8-v1").rewardThreshold().getAsDouble());
    assertTrue(r.spec("CliffWalking-v1").maxEpisodeSteps().isEmpty());
    assertTrue(r.spec("Blackjack-v1").maxEpisodeSteps().isEmpty());
    // Truncation at the limit: a 4x4 lake walked into its top-left corner never terminates.
    Env<Integer, Integer> env = (Env<Integer, Integer>) (Env<?, ?>) r.make("FrozenLake-v1",
        java.util.Map.of("is_slippery", false));
    env.reset(0);
    Step<Integer> s = null;
    for (int i = 0; i < 100; i++) {
      s = env.step(FrozenLake.LEFT);
    }
    assertTrue(s.truncated());
  }
}
