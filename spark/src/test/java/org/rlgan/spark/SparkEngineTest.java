package org.rlgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.sweep.LocalEngine;
import org.rlgan.scenarios.sweep.Manifest;
import org.rlgan.scenarios.sweep.SweepEngine;
import org.rlgan.scenarios.sweep.SweepPlan;
import org.rlgan.scenarios.sweep.Trial;
import org.rlgan.scenarios.sweep.TrialExecutor;
import org.rlgan.scenarios.sweep.TrialResult;

/**
 * The Spark engine on one shared embedded context ({@code local[2,2]}: two cores, two attempts per task; a context
 * start costs seconds, so the class shares one): same numbers as the local engine trial for trial, a trial that
 * throws is failed while the rest complete, a task that dies is retried, trial folders on a Hadoop file system.
 */
class SparkEngineTest {

  static final Path SWEEPS = Path.of("src/test/resources/sweeps");

  /** The example learning-rate sweep of DQN on CartPole. */
  static final Path CARTPOLE = Path.of("../scenarios/examples/cartpole-lr-sweep.yaml");

  /**
   * The acceptance tests' tiny DQN budget (ExamplesTest) and two of the example's five seeds: 3 learning rates x 2
   * seeds = 6 trials.
   */
  static final List<String> DQN_TINY = List.of("train.steps=600", "train.log_every=200", "eval.every=600",
      "eval.episodes=1", "agent.network.hidden=[16]", "agent.learning_starts=200", "agent.train_freq=50",
      "agent.gradient_steps=2", "agent.batch_size=16", "agent.checkpoint_every=300", "sweep.seeds=[0, 1]");

  static final Path SPARSE = SWEEPS.resolve("sparse-models.yaml");

  static JavaSparkContext sc;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkEngineTest"));
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.stop();
    }
  }

  static SweepPlan plan(Path file, List<String> sets) {
    return ScenarioLoader.load(file, sets).sweep();
  }

  /** Runs the plan's trials with {@code engine} into {@code dir} the way {@code workbench sweep} does. */
  static Manifest sweep(SweepEngine engine, SweepPlan plan, Path dir) throws InterruptedException {
    Manifest m = Manifest.create(dir, plan, Map.of());
    engine.run(m.unfinished(), dir, m);
    return m;
  }

  static SparkEngine engine() {
    return new SparkEngine(sc, null, System.err);
  }

  @Test
  void sameNumbersAsTheLocalEngineTrialForTrial() throws Exception {
    SweepPlan plan = plan(CARTPOLE, DQN_TINY);
    assertEquals(6, plan.trials().size());
    Manifest local = sweep(new LocalEngine(2, LocalEngine.currentJvm()), plan, tmp.resolve("local"));
    Manifest spark = sweep(engine(), plan, tmp.resolve("spark"));
    assertEquals(plan.trials().size(), spark.count(TrialResult.State.FINISHED), () -> states(spark));
    assertEquals(plan.trials().size(), local.count(TrialResult.State.FINISHED), () -> states(local));
    for (Trial t : plan.trials()) {
      Path a = tmp.resolve("local").resolve(t.dir());
      Path b = tmp.resolve("spark").resolve(t.dir());
      Map<String, Object> sa = withoutClock(TrialExecutor.summary(a));
      Map<String, Object> sb = withoutClock(TrialExecutor.summary(b));
      assertTrue(sa.containsKey("final_eval_return_mean"), t.id() + ": " + sa);
      assertEquals(sa, sb, t.id() + " summary.json");
      for (String f : List.of("metrics.csv", "eval.csv", "checkpoints/metrics.jsonl")) {
        assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), t.id() + " " + f);
      }
    }
    // Different learning rates learn differently: the comparison above compares something.
    assertFalse(Files.readString(tmp.resolve("spark").resolve(plan.trials().get(0).dir()).resolve("metrics.csv"))
        .equals(Files.readString(tmp.resolve("spark").resolve(plan.trials().get(plan.seeds().size()).dir())
            .resolve("metrics.csv"))), "two learning rates gave the same metrics");
  }

  @Test
  void aTrialThatThrowsIsFailedWithItsErrorAndTheRestComplete() throws Exception {
    SweepPlan plan = plan(SPARSE, List.of());
    assertEquals(6, plan.trials().size());
    // Configuration 1's folders are damaged before the sweep (a summary.json that is not JSON): its trials throw
    // in the runner when it reads them, as a trial fails by itself.
    for (String id : List.of("c01-s0", "c01-s1")) {
      Files.createDirectories(tmp.resolve(id));
      Files.writeString(tmp.resolve(id).resolve("summary.json"), "{\"status\": complete");
    }
    Manifest m = sweep(engine(), plan, tmp);
    for (Manifest.Entry e : m.entries()) {
      if (e.trial().config() == 1) {
        assertEquals(TrialResult.State.FAILED, e.state(), e.trial().id());
        assertTrue(e.error().contains("JsonParseException"), e.error());
      } else {
        assertEquals(TrialResult.State.FINISHED, e.state(), e.trial().id() + ": " + e.error());
        assertNull(e.error());
        assertEquals("complete", e.summary().get("status"), e.trial().id() + ": " + e.summary());
        assertTrue(Files.isRegularFile(tmp.resolve(e.trial().dir()).resolve("summary.json")));
        assertTrue(Files.isRegularFile(tmp.resolve(e.trial().dir()).resolve(LocalEngine.PROCESS_LOG)));
      }
      assertEquals(1, e.attempts(), e.trial().id() + ": a failing trial is not retried");
    }
    // The manifest on disk says the same.
    assertEquals(2, Manifest.read(tmp).count(TrialResult.State.FAILED));
    assertEquals(4, Manifest.read(tmp).count(TrialResult.State.FINISHED));
  }

  @Test
  void aTaskThatDiesIsRetriedAndOneThatKeepsDyingIsFailedAlone() throws Exception {
    SweepPlan plan = plan(SPARSE, List.of());
    Files.createDirectories(tmp.resolve("c01-s1"));
    Files.writeString(tmp.resolve("c01-s1").resolve("summary.json"), "not json");
    List<Trial> trials = plan.trials();
    String once = trials.get(0).id();
    String always = trials.get(4).id();
    // A task that throws before its trial runs is what Spark sees when an executor is lost: it retries the task.
    SparkEngine dying = engine().withTask((t, s) -> {
      if (t.id().equals(always) || (t.id().equals(once) && TaskContext.get().attemptNumber() == 0)) {
        throw new IOException("simulated lost worker, attempt " + TaskContext.get().attemptNumber());
      }
      return s.run(t);
    });
    Manifest m = sweep(dying, plan, tmp);
    Map<String, Manifest.Entry> byId = new LinkedHashMap<>();
    m.entries().forEach(e -> byId.put(e.trial().id(), e));
    assertEquals(TrialResult.State.FINISHED, byId.get(once).state(), byId.get(once).error());
    assertEquals(2, byId.get(once).attempts(), "retried once");
    assertEquals(TrialResult.State.FAILED, byId.get(always).state());
    assertEquals(2, byId.get(always).attempts(), "local[2,2]: two attempts");
    assertTrue(byId.get(always).error().contains("simulated lost worker, attempt 1"), byId.get(always).error());
    assertFalse(byId.get(always).error().contains("Driver stacktrace"), byId.get(always).error());
    // The rest as without failures: the damaged trial fails by itself (once), the others finish.
    for (String id : List.of("c00-s1", "c01-s0", "c01-s1", "c02-s1")) {
      assertEquals(id.equals("c01-s1") ? TrialResult.State.FAILED : TrialResult.State.FINISHED,
          byId.get(id).state(), id);
      assertEquals(1, byId.get(id).attempts(), id);
    }
  }

  @Test
  void trialFoldersOnAHadoopFileSystemAndResumedFromThere() throws Exception {
    SweepPlan plan = plan(SPARSE, List.of());
    Path sweepDir = tmp.resolve("runs/sparse-models/sweep-1");
    Files.createDirectories(sweepDir);
    Path remote = tmp.resolve("remote");
    ByteArrayOutputStream msgs = new ByteArrayOutputStream();
    SparkEngine onUri = new SparkEngine(sc, remote.toUri().toString(), new PrintStream(msgs, true,
        StandardCharsets.UTF_8));
    Manifest m = sweep(onUri, plan, sweepDir);
    assertEquals(6, m.count(TrialResult.State.FINISHED), () -> states(m));
    Path remoteSweep = remote.resolve("sparse-models/sweep-1");
    assertTrue(msgs.toString(StandardCharsets.UTF_8).contains(remoteSweep.toUri().toString().replaceAll("/$", "")),
        msgs.toString(StandardCharsets.UTF_8));
    for (Trial t : plan.trials()) {
      Path d = remoteSweep.resolve(t.dir());
      assertEquals(m.entries().stream().filter(e -> e.trial().id().equals(t.id())).findFirst().orElseThrow()
          .summary(), TrialExecutor.summary(d), t.id());
      assertFalse(Files.exists(sweepDir.resolve(t.dir())), "nothing written into the driver's sweep folder");
      try (Stream<Path> files = Files.walk(d)) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".crc")), "no Hadoop checksum files");
      }
    }
    try (Stream<Path> names = Files.list(remoteSweep)) {
      assertEquals(List.of("c00-s0", "c00-s1", "c01-s0", "c01-s1", "c02-s0", "c02-s1"), names.map(p -> p.getFileName().toString()).sorted().toList());
    }
    // A trial rerun on resume (e.g. its driver died) finds its folder remotely: a complete run is kept as it is.
    String before = Files.readString(remoteSweep.resolve("c00-s0/summary.json"));
    Manifest again = Manifest.create(tmp.resolve("again"), plan, Map.of());
    onUri.run(List.of(plan.trials().get(0)), sweepDir, again);
    assertEquals(before, Files.readString(remoteSweep.resolve("c00-s0/summary.json")));
  }

  /**
   * summary.json without the clock (the only values that depend on the machine rather than the trial):
   * {@code wall_seconds}, and each mdp solver's {@code seconds}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutClock(Map<String, Object> summary) {
    Map<String, Object> m = new LinkedHashMap<>(summary);
    assertNotNull(m.remove("wall_seconds"), "summary.json has wall_seconds: " + summary.keySet());
    if (m.get("solvers") instanceof List<?> solvers) {
      List<Object> kept = new ArrayList<>();
      for (Object o : solvers) {
        Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) o);
        assertNotNull(row.remove("seconds"), "a solver row has seconds: " + row);
        kept.add(row);
      }
      m.put("solvers", kept);
    }
    return m;
  }

  static String states(Manifest m) {
    List<String> s = new ArrayList<>();
    m.entries().forEach(e -> s.add(e.trial().id() + " " + e.state() + " " + e.error()));
    return String.join("\n", s);
  }
}
