package org.rlgan.scenarios.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local engine and the trial executor: failures of every kind are results, each trial is reported once. */
class LocalEngineTest {

  @TempDir
  Path root;

  static final String SWEEP = "sweep:\n  grid:\n    agent.discount: [0.5]\n";

  /** Records what the engine reports, as the manifest would. */
  static final class Recorder implements SweepEngine.Listener {
    final List<String> started = Collections.synchronizedList(new ArrayList<>());
    final Map<String, TrialResult> results = new ConcurrentHashMap<>();
    final List<String> finished = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void started(Trial trial) {
      started.add(trial.id());
    }

    @Override
    public void finished(Trial trial, TrialResult result) {
      finished.add(trial.id());
      results.put(trial.id(), result);
    }
  }

  @Test
  void aBrokenTrialFailsWithItsErrorAndTheOtherFinishes() throws Exception {
    Trial good = SweepPlanTest.plan(SWEEP).trials().get(0);
    Trial broken = new Trial("s", "broken", 1, Map.of(), 0, "kind: rl\nenv: {id: NoSuchEnv-v0}\n", "broken");
    Recorder r = new Recorder();
    new LocalEngine(2, LocalEngine.currentJvm()).run(List.of(good, broken), root, r);
    assertEquals(2, r.finished.size(), r.finished.toString());
    assertEquals(2, r.started.size());
    assertEquals(TrialResult.State.FINISHED, r.results.get(good.id()).state(), r.results.toString());
    assertEquals("complete", r.results.get(good.id()).summary().get("status"));
    TrialResult b = r.results.get("broken");
    assertEquals(TrialResult.State.FAILED, b.state());
    assertTrue(b.error().contains("NoSuchEnv-v0") && b.error().startsWith("bad scenario"), b.error());
    assertTrue(Files.exists(root.resolve("broken/trial.json")));
    assertTrue(Files.exists(root.resolve(good.dir()).resolve("summary.json")));
  }

  @Test
  void aTrialWhoseProcessDiesIsAFailure() throws Exception {
    Trial good = SweepPlanTest.plan(SWEEP).trials().get(0);
    List<String> jvm = new ArrayList<>(LocalEngine.currentJvm());
    // A heap the JVM refuses to start with (the last -Xmx wins): the process exits at once without a result.
    jvm.add(jvm.indexOf("-cp"), "-Xmx1k");
    Recorder r = new Recorder();
    new LocalEngine(1, jvm).run(List.of(good), root, r);
    TrialResult t = r.results.get(good.id());
    assertEquals(TrialResult.State.FAILED, t.state());
    assertTrue(t.error().contains("exited with code") && t.error().contains("process.log"), t.error());
  }

  @Test
  void anExceptionInsideTheExecutorIsAFailedResult() throws Exception {
    Trial good = SweepPlanTest.plan(SWEEP).trials().get(0);
    Path file = Files.writeString(root.resolve("not-a-folder"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TrialResult t = TrialExecutor.execute(good, file, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(TrialResult.State.FAILED, t.state());
    assertTrue(t.error().contains("FileSystemException") || t.error().contains("FileAlreadyExistsException")
        || t.error().contains("NotDirectoryException"), t.error());
  }

  @Test
  void aCompleteTrialIsNotRunAgain() throws Exception {
    Trial good = SweepPlanTest.plan(SWEEP).trials().get(0);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    TrialResult first = TrialExecutor.execute(good, root, quiet);
    assertEquals(TrialResult.State.FINISHED, first.state(), String.valueOf(first.error()));
    String metrics = Files.readString(root.resolve(good.dir()).resolve("metrics.csv"));
    long stamp = Files.getLastModifiedTime(root.resolve(good.dir()).resolve("summary.json")).toMillis();
    TrialResult again = TrialExecutor.execute(good, root, quiet);
    assertEquals(first.summary(), again.summary());
    assertEquals(stamp, Files.getLastModifiedTime(root.resolve(good.dir()).resolve("summary.json")).toMillis());
    assertEquals(metrics, Files.readString(root.resolve(good.dir()).resolve("metrics.csv")));
  }
}
