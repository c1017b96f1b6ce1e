package org.rlgan.envs.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.RandomWalk;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.model.FiniteMdpEnv;
import org.rlgan.mdp.model.Problems;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.DType;
import org.rlgan.mdp.spaces.Space;

class WrappersTest {

  @Test
  void timeLimitTruncatesAtTheLimitEvenWhenTerminated() {
    TimeLimit<double[], Integer> env = new TimeLimit<>(new RandomWalk(), 3);
    env.reset(1);
    assertFalse(env.step(1).truncated());
    assertFalse(env.step(1).truncated());
    Step<double[]> third = env.step(1);
    assertTrue(third.truncated());
    assertEquals(3, env.elapsedSteps());
    assertEquals(3, env.spec().maxEpisodeSteps().getAsInt());
    env.reset(1);
    assertEquals(0, env.elapsedSteps());
  }

  @Test
  void recordEpisodeStatisticsReportsReturnAndLength() {
    RecordEpisodeStatistics<double[], Integer> env = new RecordEpisodeStatistics<>(new TimeLimit<>(new RandomWalk(), 4), 2);
    for (int ep = 0; ep < 3; ep++) {
      env.reset(ep);
      double ret = 0;
      Step<double[]> s;
      do {
        s = env.step(1);
        ret += s.reward();
      } while (!s.done());
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) s.info().get("episode");
      assertEquals(ret, (double) e.get("r"), 1e-12);
      assertTrue((long) e.get("l") <= 4);
    }
    assertEquals(3, env.episodeCount());
    assertEquals(2, env.recentEpisodes().size());
  }

  @Test
  void frameStackKeepsTheLastFramesOldestFirst() {
    FrameStack<Integer> env = new FrameStack<>(new RandomWalk(), 3, FrameStack.Padding.RESET);
    assertArrayEquals(new int[] {3, 1}, env.observationSpace().shape());
    double[] r = env.reset(5).observation();
    assertEquals(r[0], r[1]);
    assertEquals(r[1], r[2]);
    double[] s1 = env.step(1).observation();
    double[] s2 = env.step(0).observation();
    assertEquals(r[0], s2[0]);
    assertEquals(s1[2], s2[1]);
    assertTrue(env.observationSpace().contains(s2));
    FrameStack<Integer> zero = new FrameStack<>(new RandomWalk(), 2, FrameStack.Padding.ZERO);
    assertEquals(0.0, zero.reset(5).observation()[0]);
  }

  @Test
  void normalizeObservationUsesRunningStatisticsAndCanFreeze() {
    NormalizeObservation<Integer> env = new NormalizeObservation<>(new RandomWalk());
    env.reset(3);
    for (int t = 0; t < 200; t++) {
      Step<double[]> s = env.step(t % 3 == 0 ? 0 : 1);
      assertTrue(env.observationSpace().contains(s.observation()));
      if (s.done()) {
        env.reset();
      }
    }
    RunningMeanStd.Snapshot snap = env.statistics();
    assertTrue(snap.count() > 200);
    env.setUpdating(false);
    env.step(1);
    env.step(0);
    assertEquals(snap.count(), env.statistics().count());
    NormalizeObservation<Integer> other = new NormalizeObservation<>(new RandomWalk());
    other.restore(snap);
    assertArrayEquals(snap.mean(), other.statistics().mean());
  }

  /** Two copies of a normalising chain, one restored from the other's saved state mid-run, continue identically. */
  @Test
  void statefulWrapperChainSavesAndLoadsExactly() {
    java.util.function.Supplier<NormalizeReward<double[], Integer>> make =
        () -> new NormalizeReward<>(new NormalizeObservation<>(new RandomWalk()), 0.9);
    NormalizeReward<double[], Integer> a = make.get();
    a.reset(4);
    for (int t = 0; t < 150; t++) {
      if (a.step(t % 3 == 0 ? 1 : 0).done()) {
        a.reset();
      }
    }
    List<Map<String, double[]>> saved = StatefulWrapper.saveChain(a);
    assertEquals(2, saved.size());
    assertEquals(List.of("mean", "var", "count", "discounted_return"), List.copyOf(saved.get(0).keySet()));
    NormalizeReward<double[], Integer> b = make.get();
    StatefulWrapper.loadChain(b, saved);
    assertArrayEquals(a.reset(11).observation(), b.reset(11).observation());
    for (int t = 0; t < 100; t++) {
      Step<double[]> sa = a.step(t % 2);
      Step<double[]> sb = b.step(t % 2);
      assertArrayEquals(sa.observation(), sb.observation());
      assertEquals(sa.reward(), sb.reward());
      if (sa.done()) {
        break;
      }
    }
    // A fresh chain (statistics at their start values) normalises differently, so the test can fail.
    NormalizeReward<double[], Integer> fresh = make.get();
    assertNotEquals(a.reset(11).observation()[0], fresh.reset(11).observation()[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StatefulWrapper.loadChain(new NormalizeObservation<>(new RandomWalk()), saved));
    assertTrue(e.getMessage().contains("2 stateful wrapper(s)"), e.getMessage());
  }

  @Test
  void normalizeRewardDividesByTheReturnsDeviation() {
    NormalizeReward<double[], Integer> env = new NormalizeReward<>(new TransformReward<>(new RandomWalk(), r -> 10 * r), 0.99);
    env.reset(0);
    double last = 0;
    for (int t = 0; t < 500; t++) {
      Step<double[]> s = env.step(t % 2);
      last = s.reward();
      if (s.done()) {
        env.reset();
      }
    }
    RunningMeanStd.Snapshot snap = env.statistics();
    assertTrue(snap.var()[0] > 1, "the 10x rewards give a return variance above 1: " + snap.var()[0]);
    assertTrue(Math.abs(last) < 10);
  }

  @Test
  void clipOneHotAndDiscretize() {
    ClipReward<double[], Integer> clip = new ClipReward<>(new TransformReward<>(new RandomWalk(), r -> 100 * r), -1, 1);
    clip.reset(0);
    assertTrue(Math.abs(clip.step(1).reward()) <= 1);

    OneHotObservation<Integer> hot = new OneHotObservation<>(new FiniteMdpEnv(Problems.gridWorld4x4(), "Grid", OptionalInt.empty()));
    double[] x = hot.reset(2).observation();
    assertEquals(16, x.length);
    assertEquals(1.0, java.util.Arrays.stream(x).sum());
    assertTrue(hot.observationSpace().contains(x));

    List<double[]> seen = new ArrayList<>();
    Env<double[], double[]> continuous = new ContinuousEcho(seen);
    DiscretizeActions<double[]> d = new DiscretizeActions<>(continuous, 5);
    assertEquals("Discrete(25)", d.actionSpace().toString());
    d.reset(0);
    d.step(0);
    d.step(24);
    d.step(7); // dimension 0: 7 % 5 = 2 (middle), dimension 1: 7 / 5 = 1
    assertArrayEquals(new double[] {-2, -1}, seen.get(0));
    assertArrayEquals(new double[] {2, 1}, seen.get(1));
    assertArrayEquals(new double[] {0, -0.5}, seen.get(2));
    assertThrows(InvalidActionException.class, () -> d.step(25));
    assertSame(continuous, d.unwrapped());
  }

  @Test
  void stickyActionsRepeatWithTheirProbability() {
    List<double[]> seen = new ArrayList<>();
    DiscretizeActions<double[]> d = new DiscretizeActions<>(new ContinuousEcho(seen), 2);
    StickyActions<double[], Integer> sticky = new StickyActions<>(d, 0.25);
    sticky.reset(11);
    int repeats = 0;
    int n = 20_000;
    sticky.step(0);
    for (int t = 0; t < n; t++) {
      sticky.step(t % 2 == 0 ? 3 : 0);
      double[] now = seen.get(seen.size() - 1);
      double[] before = seen.get(seen.size() - 2);
      repeats += java.util.Arrays.equals(now, before) ? 1 : 0;
    }
    // Intended actions alternate. A step repeats the previous taken action when sticky (p), or when not sticky
    // while the previous step had itself stuck to the action intended now: with q = P(taken = intended) =
    // (1 − p) + p(1 − q), q = 1/(1 + p), so P(repeat) = p + (1 − p)(1 − q) = 0.25 + 0.75 · 0.2 = 0.4.
    assertEquals(0.4, repeats / (double) n, 0.015);
  }

  /** A continuous-action env that records the actions it receives. */
  static final class ContinuousEcho implements Env<double[], double[]> {
    private final List<double[]> seen;
    private final Box act = new Box(new double[] {-2, -1}, new double[] {2, 1}, new int[] {2}, DType.FLOAT32);

    ContinuousEcho(List<double[]> seen) {
      this.seen = seen;
    }

    @Override
    public Reset<double[]> reset(java.util.OptionalLong seed, Map<String, Object> options) {
      return new Reset<>(new double[] {0}, Map.of());
    }

    @Override
    public Step<double[]> step(double[] action) {
      assertTrue(act.contains(action));
      seen.add(action);
      return new Step<>(new double[] {0}, 0, false, false, Map.of());
    }

    @Override
    public Space<double[]> observationSpace() {
      return Box.of(-1, 1, DType.FLOAT32, 1);
    }

    @Override
    public Space<double[]> actionSpace() {
      return act;
    }

    @Override
    public EnvSpec spec() {
      return EnvSpec.of("Echo-v0", true);
    }
  }
}
