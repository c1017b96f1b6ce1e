package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps through the command line: a sweep whose driver is killed with SIGKILL mid-way and then resumed ends with
 * every trial run to completion exactly once and the numbers of an uninterrupted sweep; a failing trial is recorded
 * with its error while the others complete; reports of sweeps.
 */
class SweepTest {

  static final String FROZEN = "src/test/resources/sweeps/frozenlake-sweep.yaml";

  @TempDir
  Path out;

  @Test
  void killedSweepResumesWithEveryTrialExactlyOnce() throws Exception {
    // The driver in its own JVM, one trial at a time, so it can be killed like a user's Ctrl-\ or an OOM killer.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.rlgan.scenarios.cli.Workbench", "sweep",
        FROZEN, "--out", out.resolve("killed").toString(), "--parallel", "1"));
    Process driver = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.resolve("driver.log").toFile()).start();
    Path sweep;
    List<ProcessHandle> children;
    try {
      sweep = awaitSweepFolder(out.resolve("killed/frozenlake-sweep"), driver);
      // Kill once one trial has finished and the next one is running.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (true) {
        assertTrue(driver.isAlive(), "the driver ended before it could be killed:\n" + log());
        assertTrue(System.nanoTime() < deadline, "no trial finished in time:\n" + log());
        JsonNode m = manifest(sweep);
        if (m != null && m.path("counts").path("finished").asInt() >= 1 && m.path("counts").path("running").asInt() == 1) {
          break;
        }
        Thread.sleep(20);
      }
      children = driver.descendants().toList();
    } finally {
      driver.destroyForcibly();
    }
    driver.waitFor();
    // Its trial process notices the driver is gone (its stdin closes) and exits: no orphan writes on.
    for (ProcessHandle c : children) {
      assertTrue(c.onExit().get(60, TimeUnit.SECONDS) != null);
    }
    JsonNode before = manifest(sweep);
    Map<String, Integer> attemptsBefore = new HashMap<>();
    List<String> finishedBefore = new ArrayList<>();
    for (JsonNode t : before.path("trials")) {
      attemptsBefore.put(t.path("id").asText(), t.path("attempts").asInt());
      if (t.path("state").asText().equals("finished")) {
        finishedBefore.add(t.path("id").asText());
      }
    }
    assertTrue(finishedBefore.size() >= 1 && finishedBefore.size() < 4, before.toString());
    long summaryTime = Files.getLastModifiedTime(sweep.resolve(finishedBefore.get(0)).resolve("summary.json"))
        .toMillis();

    Cli resumed = Cli.run("sweep", FROZEN, "--resume", sweep.toString(), "--parallel", "2");
    assertEquals(0, resumed.exit(), resumed.toString());
    assertEquals(sweep.toString(), resumed.out().trim());
    JsonNode after = manifest(sweep);
    assertEquals(4, after.path("trials").size());
    assertEquals(4, after.path("counts").path("finished").asInt(), after.toString());
    for (JsonNode t : after.path("trials")) {
      String id = t.path("id").asText();
      assertEquals("finished", t.path("state").asText(), t.toString());
      // finished trials are not run again; the one killed mid-run and the pending ones run once more
      int expected = finishedBefore.contains(id) ? attemptsBefore.get(id) : attemptsBefore.get(id) + 1;
      assertEquals(expected, t.path("attempts").asInt(), id + " in " + after);
      assertEquals("complete", t.path("summary").path("status").asText(), t.toString());
    }
    assertEquals(summaryTime, Files.getLastModifiedTime(sweep.resolve(finishedBefore.get(0)).resolve("summary.json"))
        .toMillis(), "a finished trial was rewritten");
    // One folder per trial, nothing duplicated beside them.
    try (Stream<Path> s = Files.list(sweep)) {
      assertEquals(List.of("c00-s0", "c00-s1", "c01-s0", "c01-s1", "manifest.json", "sweep.yaml", "trials.json"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    // The same numbers as a sweep that was never interrupted.
    Cli clean = Cli.run("sweep", FROZEN, "--out", out.resolve("clean").toString(), "--parallel", "2");
    assertEquals(0, clean.exit(), clean.toString());
    Path other = Path.of(clean.out().trim());
    for (String id : List.of("c00-s0", "c00-s1", "c01-s0", "c01-s1")) {
      for (String f : List.of("metrics.csv", "eval.csv", "checkpoints/q_table.csv")) {
        assertEquals(Files.readString(other.resolve(id).resolve(f)), Files.readString(sweep.resolve(id).resolve(f)),
            id + "/" + f);
      }
    }
    // A second resume of a complete sweep runs nothing.
    Cli again = Cli.run("sweep", FROZEN, "--resume", sweep.toString());
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.err().contains("0 to run"), again.toString());
  }

  @Test
  void aFailingTrialIsRecordedAndTheOthersComplete() throws IOException {
    Cli r = Cli.run("sweep", "src/test/resources/sweeps/forest-failing-sweep.yaml", "--out", out.toString(),
        "--parallel", "2");
    assertEquals(1, r.exit(), r.toString());
    Path sweep = Path.of(r.out().trim());
    JsonNode m = manifest(sweep);
    JsonNode first = m.path("trials").get(0);
    JsonNode second = m.path("trials").get(1);
    assertEquals("failed", first.path("state").asText(), first.toString());
    assertTrue(first.path("error").asText().contains("finished with failures"), first.toString());
    assertEquals("not_converged", first.path("summary").path("solvers").get(0).path("status").asText());
    assertEquals("finished", second.path("state").asText(), second.toString());
    assertTrue(r.err().contains("1 finished, 1 failed"), r.toString());
    // --resume reruns the failed trial only (it fails again: it is deterministic)
    Cli again = Cli.run("sweep", "src/test/resources/sweeps/forest-failing-sweep.yaml", "--resume", sweep.toString());
    assertEquals(1, again.exit(), again.toString());
    assertTrue(again.err().contains("1 to run"), again.toString());
    assertEquals(1, manifest(sweep).path("trials").get(1).path("attempts").asInt());
  }

  @Test
  void resumeChecksTheFolderAndTheFile() throws IOException {
    Cli none = Cli.run("sweep", FROZEN, "--resume", out.toString());
    assertEquals(2, none.exit(), none.toString());
    assertTrue(none.err().contains("no manifest.json there"), none.toString());
    Cli noSweep = Cli.run("sweep", "../scenarios/examples/taxi-qlearning.yaml");
    assertEquals(2, noSweep.exit(), noSweep.toString());
    assertTrue(noSweep.err().contains("no 'sweep:' block"), noSweep.toString());
    Cli r = Cli.run("sweep", "src/test/resources/sweeps/forest-failing-sweep.yaml", "--out", out.toString());
    Path sweep = Path.of(r.out().trim());
    Cli changed = Cli.run("sweep", "src/test/resources/sweeps/forest-failing-sweep.yaml", "--resume",
        sweep.toString(), "--set", "model.p=0.2");
    assertEquals(2, changed.exit(), changed.toString());
    assertTrue(changed.err().contains("is not the one this folder ran"), changed.toString());
  }

  @Test
  void reportOfASweepAndOfRuns() throws IOException {
    Cli r = Cli.run("sweep", FROZEN, "--out", out.toString(), "--parallel", "2");
    assertEquals(0, r.exit(), r.toString());
    Path sweep = Path.of(r.out().trim());
    Cli rep = Cli.run("report", sweep.toString(), "--reps", "1000");
    assertEquals(0, rep.exit(), rep.toString());
    assertTrue(rep.out().contains("agent.step_size=0.1") && rep.out().contains("agent.step_size=0.5")
        && rep.out().contains("IQM 95% CI") && rep.out().contains("P(row > column)"), rep.toString());
    List<String> scores = Files.readAllLines(sweep.resolve("report/scores.csv"));
    assertEquals(3, scores.size(), scores.toString());
    assertTrue(scores.get(1).startsWith("agent.step_size=0.1,2,"), scores.toString());
    // the mean in the table is the mean of the two trials' scores
    double a = new ObjectMapper().readTree(sweep.resolve("c00-s0/summary.json").toFile())
        .path("final_eval_return_mean").asDouble();
    double b = new ObjectMapper().readTree(sweep.resolve("c00-s1/summary.json").toFile())
        .path("final_eval_return_mean").asDouble();
    assertEquals((a + b) / 2, Double.parseDouble(scores.get(1).split(",")[2]), 1e-12);
    for (String f : List.of("improvement.csv", "curves.csv", "profiles.csv", "scores.png", "learning_curves.png",
        "profiles.png")) {
      assertTrue(Files.size(sweep.resolve("report").resolve(f)) > 0, f);
    }
    // a trial's numbers are those of 'workbench run' on its own scenario.yaml (the engine adds nothing)
    Cli alone = Cli.run("run", sweep.resolve("c01-s1/scenario.yaml").toString(), "--out", out.resolve("alone")
        .toString());
    assertEquals(0, alone.exit(), alone.toString());
    for (String f : List.of("metrics.csv", "eval.csv")) {
      assertEquals(Files.readString(sweep.resolve("c01-s1").resolve(f)),
          Files.readString(Path.of(alone.out().trim()).resolve(f)), f);
    }
    // the same seed gives the same report
    String first = Files.readString(sweep.resolve("report/scores.csv"));
    Cli.run("report", sweep.toString(), "--reps", "1000");
    assertEquals(first, Files.readString(sweep.resolve("report/scores.csv")));
    // plain runs of one scenario are one configuration; a metric no run has is bad input
    Cli runs = Cli.run("report", sweep.resolve("c00-s0").toString(), sweep.resolve("c01-s0").toString(),
        "--out", out.resolve("cmp").toString(), "--reps", "200");
    assertEquals(0, runs.exit(), runs.toString());
    assertTrue(runs.out().contains("frozenlake-sweep"), runs.toString());
    Cli bad = Cli.run("report", sweep.toString(), "--metric", "final_eval_retrun_mean");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("final_eval_return_mean"), bad.toString());
  }

  private static Path awaitSweepFolder(Path parent, Process driver) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && driver.isAlive()) {
      if (Files.isDirectory(parent)) {
        try (Stream<Path> s = Files.list(parent)) {
          var f = s.filter(p -> Files.exists(p.resolve("manifest.json"))).findFirst();
          if (f.isPresent()) {
            return f.get();
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no sweep folder under " + parent);
  }

  private static JsonNode manifest(Path sweep) throws IOException {
    Path m = sweep.resolve("manifest.json");
    // written atomically (rename), so a read sees a whole file or the previous one
    return Files.exists(m) ? new ObjectMapper().readTree(m.toFile()) : null;
  }

  private String log() throws IOException {
    return Files.readString(out.resolve("driver.log"));
  }
}
