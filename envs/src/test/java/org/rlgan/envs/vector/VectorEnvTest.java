package org.rlgan.envs.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.EnvChecker;
import org.rlgan.envs.RandomWalk;
import org.rlgan.envs.wrappers.TimeLimit;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;

class VectorEnvTest {

  private static List<Env<double[], Integer>> walks(int n) {
    List<Env<double[], Integer>> envs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      envs.add(new TimeLimit<>(new RandomWalk(), 6));
    }
    return envs;
  }

  private static List<Integer> actions(RandomGenerator rng, int n) {
    List<Integer> a = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(rng.nextInt(2));
    }
    return a;
  }

  @Test
  void nextStepAutoresetMatchesSteppingOneByOne() {
    int n = 5;
    List<Env<double[], Integer>> singles = walks(n);
    try (VectorEnv<double[], Integer> vec = VectorEnv.sync(walks(n), AutoReset.NEXT_STEP)) {
      double[] obs = vec.reset(100);
      boolean[] ended = new boolean[n];
      for (int i = 0; i < n; i++) {
        assertEquals(singles.get(i).reset(100 + i).observation()[0], obs[i]);
      }
      RandomGenerator rng = Rngs.seeded(1);
      for (int t = 0; t < 60; t++) {
        List<Integer> a = actions(rng, n);
        VectorStep s = vec.step(a);
        for (int i = 0; i < n; i++) {
          if (ended[i]) {
            // the autoreset step: reset observation, reward 0, no flags
            assertEquals(singles.get(i).reset().observation()[0], s.observations()[i]);
            assertEquals(0.0, s.rewards()[i]);
            assertFalse(s.terminated()[i] || s.truncated()[i]);
            ended[i] = false;
            continue;
          }
          Step<double[]> one = singles.get(i).step(a.get(i));
          assertEquals(one.observation()[0], s.observations()[i]);
          assertEquals(one.reward(), s.rewards()[i]);
          assertEquals(one.terminated(), s.terminated()[i]);
          assertEquals(one.truncated(), s.truncated()[i]);
          ended[i] = one.done();
        }
      }
    }
  }

  @Test
  void sameStepAutoresetReturnsTheResetObservationAndTheFinalOne() {
    try (VectorEnv<double[], Integer> vec = VectorEnv.sync(walks(2), AutoReset.SAME_STEP)) {
      vec.reset(7);
      int ends = 0;
      for (int t = 0; t < 40; t++) {
        VectorStep s = vec.step(List.of(1, 0));
        for (int i = 0; i < 2; i++) {
          if (s.terminated()[i] || s.truncated()[i]) {
            ends++;
            double[] fin = (double[]) s.infos().get(i).get("final_obs");
            assertTrue(fin != null && fin.length == 1);
            assertTrue(Math.abs(s.observations()[i]) <= 1, "a reset observation starts in [-1, 1]");
          }
        }
      }
      assertTrue(ends > 0);
    }
  }

  @Test
  void threadedEqualsSync() {
    int n = 8;
    try (VectorEnv<double[], Integer> sync = VectorEnv.sync(walks(n), AutoReset.NEXT_STEP);
        VectorEnv<double[], Integer> par = VectorEnv.threaded(walks(n), AutoReset.NEXT_STEP, 2)) {
      assertArrayEquals(sync.reset(3), par.reset(3));
      RandomGenerator rng = Rngs.seeded(9);
      for (int t = 0; t < 200; t++) {
        List<Integer> a = actions(rng, n);
        VectorStep x = sync.step(a);
        VectorStep y = par.step(a);
        assertArrayEquals(x.observations(), y.observations());
        assertArrayEquals(x.rewards(), y.rewards());
        assertArrayEquals(x.terminated(), y.terminated());
        assertArrayEquals(x.truncated(), y.truncated());
      }
    }
  }

  @Test
  void envCheckerPassesAGoodEnvAndCatchesABadOne() {
    assertEquals(List.of(), EnvChecker.check(new RandomWalk(), new RandomWalk(), 300, 4));
    // An env whose reset ignores the seed fails the seeding check.
    RandomWalk unseeded = new RandomWalk() {
      @Override
      public org.rlgan.mdp.Reset<double[]> reset(java.util.OptionalLong seed, Map<String, Object> options) {
        return super.reset(java.util.OptionalLong.empty(), options);
      }
    };
    List<String> problems = EnvChecker.check(unseeded, new RandomWalk(), 50, 4);
    assertTrue(problems.stream().anyMatch(p -> p.contains("different observations") || p.contains("differs")),
        problems.toString());
  }
}
