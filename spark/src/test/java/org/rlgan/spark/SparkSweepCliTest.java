package org.rlgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.rlgan.scenarios.cli.Workbench;
import org.rlgan.scenarios.sweep.LocalEngine;
import org.rlgan.scenarios.sweep.Manifest;
import org.rlgan.scenarios.sweep.TrialExecutor;
import org.rlgan.scenarios.sweep.TrialResult;

/**
 * {@code workbench sweep FILE --engine spark} end to end: the command line finds the engine through ServiceLoader,
 * bad Spark options are exit 2 before anything runs, and a sweep whose driver is killed mid-way (SIGKILL, executors
 * and all) and resumed finishes every trial exactly once with the numbers of an uninterrupted sweep.
 */
class SparkSweepCliTest {

  static final Path SPARSE = SparkEngineTest.SWEEPS.resolve("sparse-models.yaml");

  /** Trials of about a second each, so the kill lands while some have finished and some have not. */
  static final List<String> LONGER = List.of("--set", "train.steps=300000", "--set", "train.log_every=50000");

  @TempDir
  Path tmp;

  record Cli(int exit, String out, String err) {}

  static Cli cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Workbench.execute(args, po, pe);
    }
    return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  static String[] args(List<String> head, List<String> tail) {
    List<String> a = new ArrayList<>(head);
    a.addAll(tail);
    return a.toArray(String[]::new);
  }

  @Test
  void badSparkOptionsAreBadInputBeforeAnythingRuns() {
    Cli master = cli("sweep", SPARSE.toString(), "--engine", "spark", "--master", "lokal[2]", "--out",
        tmp.toString());
    assertEquals(Workbench.BAD_INPUT, master.exit(), master.err());
    assertTrue(master.err().contains("--master lokal[2]") && master.err().contains("not a Spark master URL"),
        master.err());
    Cli cluster = cli("sweep", SPARSE.toString(), "--engine", "spark", "--master", "spark://nohost:7077", "--out",
        tmp.toString());
    assertEquals(Workbench.BAD_INPUT, cluster.exit(), cluster.err());
    assertTrue(cluster.err().contains("need the workbench's classes: submit the shaded jar with spark-submit"),
        cluster.err());
    Cli uri = cli("sweep", SPARSE.toString(), "--engine", "spark", "--output-uri", "nosuch://host/sweeps", "--out",
        tmp.toString());
    assertEquals(Workbench.BAD_INPUT, uri.exit(), uri.err());
    assertTrue(uri.err().contains("no Hadoop file system for 'nosuch'"), uri.err());
    Cli local = cli("sweep", SPARSE.toString(), "--master", "local[2]", "--out", tmp.toString());
    assertEquals(Workbench.BAD_INPUT, local.exit(), local.err());
    assertTrue(local.err().contains("--master is for --engine spark"), local.err());
    Cli unknown = cli("sweep", SPARSE.toString(), "--engine", "sprak", "--out", tmp.toString());
    assertEquals(Workbench.BAD_INPUT, unknown.exit(), unknown.err());
    assertTrue(unknown.err().contains("did you mean 'spark'"), unknown.err());
    for (Cli c : List.of(master, cluster, uri, local, unknown)) {
      assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
    }
    assertTrue(tmp.toFile().list().length == 0, "nothing was created");
  }

  @Test
  void killedMidwayAndResumedFinishesEveryTrialOnceWithTheNumbersOfAnUninterruptedSweep() throws Exception {
    // Uninterrupted, in-process.
    Cli clean = cli(args(List.of("sweep", SPARSE.toString(), "--engine", "spark", "--master", "local[2]", "--out",
        tmp.resolve("clean").toString()), LONGER));
    assertEquals(Workbench.OK, clean.exit(), clean.err());
    assertTrue(clean.err().contains("spark, master local[2]"), clean.err());
    Path cleanDir = Path.of(clean.out().strip());
    assertEquals(6, Manifest.read(cleanDir).count(TrialResult.State.FINISHED));

    // Killed: a separate driver process on one core, SIGKILLed once some trials have finished.
    List<String> cmd = new ArrayList<>(LocalEngine.currentJvm());
    cmd.addAll(List.of(Workbench.class.getName(), "sweep", SPARSE.toString(), "--engine", "spark", "--master",
        "local[1]", "--out", tmp.resolve("killed").toString()));
    cmd.addAll(LONGER);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path dir = null;
    long finishedAtKill = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      dir = sweepFolder(tmp.resolve("killed/sparse-models"));
      if (dir != null && Manifest.isSweep(dir)) {
        finishedAtKill = Manifest.read(dir).count(TrialResult.State.FINISHED);
        if (finishedAtKill >= 1) {
          p.destroyForcibly();
          break;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(finishedAtKill >= 1 && finishedAtKill < 6,
        "killed with " + finishedAtKill + " finished: " + Files.readString(tmp.resolve("killed.log")));
    Manifest atKill = Manifest.read(dir);
    Map<String, String> keptSummaries = new HashMap<>();
    for (Manifest.Entry e : atKill.entries()) {
      if (e.state() == TrialResult.State.FINISHED) {
        keptSummaries.put(e.trial().id(), Files.readString(dir.resolve(e.trial().dir()).resolve("summary.json")));
      }
    }

    // Resumed, in-process, on two cores.
    Cli resumed = cli(args(List.of("sweep", SPARSE.toString(), "--engine", "spark", "--master", "local[2]",
        "--resume", dir.toString()), LONGER));
    assertEquals(Workbench.OK, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains((6 - finishedAtKill) + " to run"), resumed.err());
    Manifest done = Manifest.read(dir);
    assertEquals(6, done.count(TrialResult.State.FINISHED));
    for (Manifest.Entry e : done.entries()) {
      Path trialDir = dir.resolve(e.trial().dir());
      if (keptSummaries.containsKey(e.trial().id())) {
        // Finished before the kill: not run again.
        assertEquals(1, e.attempts(), e.trial().id());
        assertEquals(keptSummaries.get(e.trial().id()), Files.readString(trialDir.resolve("summary.json")));
      }
      Path cleanTrial = cleanDir.resolve(e.trial().dir());
      assertEquals(SparkEngineTest.withoutClock(TrialExecutor.summary(cleanTrial)),
          SparkEngineTest.withoutClock(TrialExecutor.summary(trialDir)), e.trial().id());
      assertEquals(Files.readString(cleanTrial.resolve("metrics.csv")), Files.readString(trialDir.resolve("metrics.csv")),
          e.trial().id());
    }
    // Every trial's folder once (no second folder for a rerun trial), beside the sweep's own files.
    try (Stream<Path> s = Files.list(dir)) {
      List<String> folders = s.filter(Files::isDirectory).map(x -> x.getFileName().toString()).sorted().toList();
      assertEquals(List.of("c00-s0", "c00-s1", "c01-s0", "c01-s1", "c02-s0", "c02-s1"), folders);
    }
    try (Stream<Path> s = Files.list(cleanDir)) {
      List<String> files = s.filter(Files::isRegularFile).map(x -> x.getFileName().toString()).sorted().toList();
      try (Stream<Path> t = Files.list(dir)) {
        assertEquals(files, t.filter(Files::isRegularFile).map(x -> x.getFileName().toString()).sorted().toList());
      }
    }
  }

  private static Path sweepFolder(Path parent) throws java.io.IOException {
    if (!Files.isDirectory(parent)) {
      return null;
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(x -> x.getFileName().toString().startsWith("sweep-")).findFirst().orElse(null);
    }
  }
}
