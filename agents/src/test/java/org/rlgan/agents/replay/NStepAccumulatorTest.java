package org.rlgan.agents.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** n-step targets on hand-made trajectories, with the episode ending by termination or truncation mid-window. */
class NStepAccumulatorTest {
  private static final double G = 0.9;

  record T(float obs, int action, double reward, float next, double discount) {}

  private static List<T> run(int n, double[] rewards, int endAt, boolean terminated) {
    NStepAccumulator acc = new NStepAccumulator(n, G);
    List<T> out = new ArrayList<>();
    for (int t = 0; t < rewards.length; t++) {
      boolean end = t == endAt;
      acc.add(new float[] {t}, t % 2, rewards[t], new float[] {t + 1}, end && terminated, end && !terminated,
          (s, a, r, s2, d) -> out.add(new T(s[0], a, r, s2[0], d)));
      if (end) {
        assertEquals(0, acc.pending());
        break;
      }
    }
    return out;
  }

  @Test
  void fullWindowsSumNDiscountedRewardsAndBootstrapWithGammaToTheN() {
    List<T> out = run(3, new double[] {1, 2, 3, 4, 5}, -1, false);
    assertEquals(3, out.size()); // s0, s1, s2 have their 3 rewards; s3, s4 still wait
    assertEquals(new T(0, 0, 1 + G * 2 + G * G * 3, 3, G * G * G), out.get(0));
    assertEquals(new T(1, 1, 2 + G * 3 + G * G * 4, 4, G * G * G), out.get(1));
    assertEquals(new T(2, 0, 3 + G * 4 + G * G * 5, 5, G * G * G), out.get(2));
  }

  @Test
  void terminationFlushesTheWindowWithoutBootstrapping() {
    // s0..s3, terminated on the step from s3 (t = 3): the last three transitions have 3, 2 and 1 rewards left.
    List<T> out = run(3, new double[] {1, 2, 3, 4, 5}, 3, true);
    assertEquals(4, out.size());
    assertEquals(new T(0, 0, 1 + G * 2 + G * G * 3, 3, G * G * G), out.get(0));
    assertEquals(new T(1, 1, 2 + G * 3 + G * G * 4, 4, 0.0), out.get(1));
    assertEquals(new T(2, 0, 3 + G * 4, 4, 0.0), out.get(2));
    assertEquals(new T(3, 1, 4, 4, 0.0), out.get(3));
  }

  @Test
  void truncationFlushesTheWindowBootstrappingFromTheLastObservationWithFewerRewards() {
    List<T> out = run(3, new double[] {1, 2, 3, 4, 5}, 3, false);
    assertEquals(4, out.size());
    assertEquals(new T(1, 1, 2 + G * 3 + G * G * 4, 4, G * G * G), out.get(1));
    assertEquals(new T(2, 0, 3 + G * 4, 4, G * G), out.get(2));
    assertEquals(new T(3, 1, 4, 4, G), out.get(3));
  }

  @Test
  void anEpisodeShorterThanNIsEmittedWholeAtItsEnd() {
    List<T> out = run(5, new double[] {1, 1}, 1, true);
    assertEquals(List.of(new T(0, 0, 1 + G, 2, 0.0), new T(1, 1, 1, 2, 0.0)), out);
  }

  @Test
  void oneStepIsPlainDqn() {
    List<T> out = run(1, new double[] {1, 2, 3}, 2, false);
    assertEquals(List.of(new T(0, 0, 1, 1, G), new T(1, 1, 2, 2, G), new T(2, 0, 3, 3, G)), out);
  }
}
