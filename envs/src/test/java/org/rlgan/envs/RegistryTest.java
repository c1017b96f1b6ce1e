package org.rlgan.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.wrappers.TimeLimit;
import org.rlgan.mdp.Env;

class RegistryTest {

  private static Registry withWalk() {
    return new Registry().register("RandomWalk-v0", 7, 3.0, false, (spec, o) -> {
      o.getDouble("noise", 0.5);
      return new RandomWalk(spec);
    });
  }

  @Test
  void makeWrapsTheTimeLimitAndKeepsTheOptions() {
    Env<?, ?> env = withWalk().make("RandomWalk-v0", Map.of("noise", 0.1));
    assertInstanceOf(TimeLimit.class, env);
    assertEquals(7, env.spec().maxEpisodeSteps().getAsInt());
    assertEquals(3.0, env.spec().rewardThreshold().getAsDouble());
    assertEquals(Map.of("noise", 0.1), env.spec().options());
    assertInstanceOf(RandomWalk.class, env.unwrapped());
    Env<?, ?> unlimited = withWalk().make("RandomWalk-v0", Map.of("max_episode_steps", 0));
    assertInstanceOf(RandomWalk.class, unlimited);
  }

  @Test
  void unknownIdsAndOptionsSayWhatWasMeant() {
    UnknownEnvException e = assertThrows(UnknownEnvException.class, () -> withWalk().make("RandomWalk-v1"));
    assertTrue(e.getMessage().contains("did you mean [RandomWalk-v0]"), e.getMessage());
    InvalidOptionException o = assertThrows(InvalidOptionException.class,
        () -> withWalk().make("RandomWalk-v0", Map.of("noize", 0.1)));
    assertTrue(o.getMessage().contains("'noize' (did you mean 'noise'?)"), o.getMessage());
    InvalidOptionException t = assertThrows(InvalidOptionException.class,
        () -> withWalk().make("RandomWalk-v0", Map.of("noise", "high")));
    assertTrue(t.getMessage().contains("option 'noise' is high (String); it must be a number"), t.getMessage());
  }

  @Test
  void aliasesAndDuplicates() {
    Registry r = withWalk().alias("Walk-v0", "RandomWalk-v0");
    assertEquals("RandomWalk-v0", r.make("Walk-v0").spec().id());
    assertTrue(r.ids().contains("Walk-v0"));
    assertThrows(IllegalArgumentException.class, () -> r.register("RandomWalk-v0", 0, Double.NaN, true, (s, o) -> null));
  }
}
