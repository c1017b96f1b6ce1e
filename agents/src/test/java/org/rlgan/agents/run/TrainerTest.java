package org.rlgan.agents.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.RunConfig;
import org.rlgan.agents.dqn.DqnAgent;
import org.rlgan.agents.TabularAdapter;
import org.rlgan.envs.Registry;
import org.rlgan.envs.wrappers.NormalizeObservation;
import org.rlgan.envs.wrappers.NormalizeReward;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Schedule;
import org.rlgan.mdp.tabular.Exploration;
import org.rlgan.mdp.tabular.StepSize;
import org.rlgan.mdp.tabular.TabularAgent;
import org.rlgan.mdp.tabular.TabularConfig;

/** Same seed, same metrics file; a run killed after a checkpoint and resumed equals one that ran straight through. */
class TrainerTest {
  private static final Registry ENVS = Registry.builtin();

  /** Every option that carries state across steps is on: PER, 3-step windows, Double, Dueling, two sub-envs. */
  private static DqnConfig config() {
    return DqnConfig.rlZooCartPole()
        .withNetwork(new DqnConfig.Network(List.of(32), DqnConfig.ActivationKind.RELU, true))
        .withReplay(new DqnConfig.Replay(5_000, DqnConfig.Prioritized.of(2_000)))
        .withNStep(3).withDoubleQ(true).withTraining(4, 2, 300, 32)
        .withExploration(new DqnConfig.Exploration(1.0, 0.05, 1_000))
        .withTarget(new DqnConfig.TargetUpdate(50, 0.5));
  }

  private static RunConfig run(long steps, long seed) {
    return new RunConfig(steps, seed, 2, 600, 3, 77, 100, 400);
  }

  private static Trainer.Result train(Path dir, long steps, long seed, Path resumeFrom) throws Exception {
    DqnConfig c = config();
    DqnAgent agent = new DqnAgent(c, 4, 2, 2, seed);
    Trainer t = new Trainer(run(steps, seed), () -> ENVS.make("CartPole-v1"), agent, dir, c);
    if (resumeFrom != null) {
      t.resumeFrom(resumeFrom);
    }
    return t.train();
  }

  private static byte[] bytes(Path p) throws Exception {
    return Files.readAllBytes(p);
  }

  @Test
  void sameSeedGivesAByteIdenticalMetricsFileAndAnotherSeedDoesNot(@TempDir Path tmp) throws Exception {
    train(tmp.resolve("a"), 1_200, 5, null);
    train(tmp.resolve("b"), 1_200, 5, null);
    train(tmp.resolve("c"), 1_200, 6, null);
    byte[] a = bytes(tmp.resolve("a/metrics.jsonl"));
    assertTrue(new String(a).contains("\"event\": \"eval\""));
    assertTrue(new String(a).contains("\"event\": \"train\""));
    assertFalse(new String(a).contains("wall"), "the deterministic file has no wall-clock field");
    assertArrayEquals(a, bytes(tmp.resolve("b/metrics.jsonl")));
    assertArrayEquals(bytes(tmp.resolve("a/final/online.npz")), bytes(tmp.resolve("b/final/online.npz")));
    assertFalse(java.util.Arrays.equals(a, bytes(tmp.resolve("c/metrics.jsonl"))));
  }

  @Test
  void resumeAfterAKillGivesTheSameNumbersAsAStraightRun(@TempDir Path tmp) throws Exception {
    Path straight = tmp.resolve("straight");
    Trainer.Result s = train(straight, 2_000, 3, null);

    Path killed = tmp.resolve("killed");
    train(killed, 1_400, 3, null); // checkpoints at 400, 800, 1200; lines for 1200..1400 are past the checkpoint
    long linesAtKill = Files.readAllLines(killed.resolve("metrics.jsonl")).size();
    Trainer.Result r = train(killed, 2_000, 3, killed.resolve("checkpoint"));

    assertTrue(linesAtKill > 0);
    assertEquals(s.steps(), r.steps());
    assertEquals(s.updates(), r.updates());
    assertEquals(s.episodes(), r.episodes());
    assertArrayEquals(bytes(straight.resolve("metrics.jsonl")), bytes(killed.resolve("metrics.jsonl")));
    for (String f : List.of("final/online.npz", "checkpoint/online.npz", "checkpoint/target.npz",
        "checkpoint/replay.npz", "checkpoint/agent.json", "best/online.npz")) {
      assertArrayEquals(bytes(straight.resolve(f)), bytes(killed.resolve(f)), f);
    }
  }

  /** A checkpoint taken before the first evaluation and before learning starts (NaN and −∞ in its run.json). */
  @Test
  void resumeFromACheckpointBeforeAnyEvaluation(@TempDir Path tmp) throws Exception {
    Path straight = tmp.resolve("straight");
    train(straight, 800, 9, null);
    Path killed = tmp.resolve("killed");
    train(killed, 500, 9, null); // last checkpoint at 400, before the first evaluation at 600
    train(killed, 800, 9, killed.resolve("checkpoint"));
    assertArrayEquals(bytes(straight.resolve("metrics.jsonl")), bytes(killed.resolve("metrics.jsonl")));
    assertArrayEquals(bytes(straight.resolve("final/online.npz")), bytes(killed.resolve("final/online.npz")));
  }

  /** Rainbow's combination (C51, Noisy Nets, PER, 3-step, Double, Dueling) resumes exactly too. */
  @Test
  void rainbowResumesExactly(@TempDir Path tmp) throws Exception {
    DqnConfig c = DqnConfig.rainbow(DqnConfig.Network.mlp(32), 0, 200, 5_000, 2_000)
        .withOptimizer(DqnConfig.Optimizer.adam(1e-3)).withTraining(4, 2, 300, 32)
        .withTarget(DqnConfig.TargetUpdate.hard(200));
    java.util.function.BiFunction<Path, Long, Trainer> make = (dir, steps) -> new Trainer(run(steps, 4),
        () -> ENVS.make("CartPole-v1"), new DqnAgent(c, 4, 2, 2, 4), dir, c);
    make.apply(tmp.resolve("straight"), 1_600L).train();
    make.apply(tmp.resolve("killed"), 1_000L).train();
    make.apply(tmp.resolve("killed"), 1_600L).resumeFrom(tmp.resolve("killed/checkpoint")).train();
    assertArrayEquals(bytes(tmp.resolve("straight/metrics.jsonl")), bytes(tmp.resolve("killed/metrics.jsonl")));
    assertArrayEquals(bytes(tmp.resolve("straight/final/online.npz")), bytes(tmp.resolve("killed/final/online.npz")));
  }

  /**
   * NormalizeObservation and NormalizeReward carry statistics across episodes; their state at the current episode's
   * start travels in the checkpoint, so the resumed run still equals the straight one.
   */
  @Test
  @SuppressWarnings("unchecked")
  void normalizingWrappersResumeExactly(@TempDir Path tmp) throws Exception {
    DqnConfig c = config();
    java.util.function.Supplier<Env<?, ?>> env = () -> new NormalizeReward<>(
        new NormalizeObservation<>((Env<double[], Integer>) ENVS.make("CartPole-v1")), 0.99);
    java.util.function.BiFunction<Path, Long, Trainer> make = (dir, steps) -> new Trainer(run(steps, 5), env,
        new DqnAgent(c, 4, 2, 2, 5), dir, c);
    make.apply(tmp.resolve("straight"), 1_400L).train();
    make.apply(tmp.resolve("killed"), 1_000L).train();
    make.apply(tmp.resolve("killed"), 1_400L).resumeFrom(tmp.resolve("killed/checkpoint")).train();
    assertArrayEquals(bytes(tmp.resolve("straight/metrics.jsonl")), bytes(tmp.resolve("killed/metrics.jsonl")));
    assertArrayEquals(bytes(tmp.resolve("straight/final/online.npz")), bytes(tmp.resolve("killed/final/online.npz")));
    assertTrue(Files.readString(tmp.resolve("killed/checkpoint/run.json")).contains("\"discounted_return\""));
  }

  /** Tabular agents (Q-learning, and Double Q-learning with its coin) checkpoint their tables, counts and generator. */
  @Test
  void tabularAgentsResumeExactly(@TempDir Path tmp) throws Exception {
    for (TabularConfig.Algorithm alg : List.of(TabularConfig.Algorithm.Q_LEARNING,
        TabularConfig.Algorithm.DOUBLE_Q_LEARNING)) {
      TabularConfig tc = new TabularConfig(alg, 0.95, new Exploration.EpsilonGreedy(new Schedule.Linear(1.0, 0.1, 3_000)),
          new StepSize.OneOverVisits(0.8), 0.0);
      java.util.function.BiFunction<Path, Long, Trainer> make = (dir, steps) -> new Trainer(
          new RunConfig(steps, 6, 2, 1_000, 5, 8, 500, 1_000), () -> ENVS.make("FrozenLake-v1"),
          new TabularAdapter(new TabularAgent(tc, 16, 4, Rngs.seeded(6)), 0, 4), dir, tc);
      Path straight = tmp.resolve(alg + "-straight");
      Path killed = tmp.resolve(alg + "-killed");
      make.apply(straight, 6_000L).train();
      make.apply(killed, 3_600L).train(); // last checkpoint at 3,000
      make.apply(killed, 6_000L).resumeFrom(killed.resolve("checkpoint")).train();
      assertArrayEquals(bytes(straight.resolve("metrics.jsonl")), bytes(killed.resolve("metrics.jsonl")), alg.name());
      assertArrayEquals(bytes(straight.resolve("final/q.npz")), bytes(killed.resolve("final/q.npz")), alg.name());
    }
  }
}
