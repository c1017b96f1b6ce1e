package org.rlgan.scenarios.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.Json;

/**
 * Runs trials on this machine, {@code parallel} at a time, each in its own JVM ({@link TrialProcess}).
 *
 * <p>Why processes rather than threads: a trial's numbers must depend on its description alone. Separate JVMs
 * share no static state (ND4J's, the JIT's, a library's caches), each runs native code single-threaded as the
 * workbench does everywhere ({@code OMP_NUM_THREADS=1}), a trial that exhausts its memory or crashes the JVM sinks
 * only itself, and a stopped sweep can stop its trials for certain. The price is a JVM start per trial (about a
 * second, more when ND4J loads), small beside any trial worth sweeping.
 *
 * <p>Each trial's standard output and error go to {@code <trial dir>/process.log}.
 */
public final class LocalEngine implements SweepEngine {

  /** The log of a trial's process inside its folder. */
  public static final String PROCESS_LOG = "process.log";

  private final int parallel;
  private final List<String> java;

  /**
   * @param parallel how many trials run at once (at least 1)
   * @param java the command that starts a JVM with the workbench on its class path, up to the main class
   *     ({@link #currentJvm()} for this JVM's)
   */
  public LocalEngine(int parallel, List<String> java) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
    }
    this.parallel = parallel;
    this.java = List.copyOf(java);
  }

  /**
   * This JVM's java, its memory and system-property flags (not agents or debuggers) and its class path: children
   * run the same code with the same limits.
   */
  public static List<String> currentJvm() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")
          && !a.startsWith("-Xdebug")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    return cmd;
  }

  @Override
  public String describe() {
    return "local, " + parallel + (parallel == 1 ? " process" : " processes at a time");
  }

  @Override
  public void run(List<Trial> trials, Path outputRoot, Listener listener) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "sweep-trial");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (Trial t : trials) {
        futures.add(pool.submit(() -> {
          listener.started(t);
          listener.finished(t, runOne(t, outputRoot));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          // runOne never throws for a failing trial; this is the listener failing (the manifest not writable)
          throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
      }
    } finally {
      // Interrupted or done: waiting threads are interrupted and destroy their processes.
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private TrialResult runOne(Trial trial, Path outputRoot) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Path dir = outputRoot.resolve(trial.dir());
    Files.createDirectories(dir);
    Path spec = dir.resolve(TrialProcess.TRIAL);
    AtomicFiles.write(spec, Json.write(trial));
    Path result = dir.resolve(TrialProcess.RESULT);
    Files.deleteIfExists(result);
    List<String> cmd = new ArrayList<>(java);
    cmd.add(TrialProcess.class.getName());
    cmd.add(spec.toAbsolutePath().toString());
    cmd.add(outputRoot.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(PROCESS_LOG).toFile()));
    Map<String, String> env = pb.environment();
    for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
      env.putIfAbsent(v, "1");
    }
    // stdin stays a pipe held by this JVM: its end of file tells the child the driver is gone.
    Process p = pb.start();
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw e;
    } finally {
      p.getOutputStream().close();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    if (Files.exists(result)) {
      TrialResult r = Json.mapper().readValue(result.toFile(), TrialResult.class);
      return new TrialResult(r.id(), r.state(), r.error(), r.summary(), secs);
    }
    return TrialResult.failed(trial.id(), "the trial's process exited with code " + code + " without a result"
        + lastLines(dir.resolve(PROCESS_LOG)) + " (" + trial.dir() + "/" + PROCESS_LOG + ")", Map.of(), secs);
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
      return tail.isEmpty() ? "" : ": " + String.join(" | ", tail);
    } catch (IOException e) {
      return "";
    }
  }
}
