package org.rlgan.scenarios.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.config.BadInputException;
import org.rlgan.scenarios.config.ConfigError;
import org.rlgan.scenarios.run.Json;
import org.rlgan.scenarios.run.RunOptions;
import org.rlgan.scenarios.run.Runs;

/**
 * Runs one trial: the function every engine calls, in the driver's process, a child process or a Spark executor.
 * It depends only on its arguments (no static state, no working-directory assumptions beyond asking git for the
 * commit), never throws for a failing trial, and can be called again on the same folder to continue it.
 */
public final class TrialExecutor {

  private TrialExecutor() {}

  /**
   * Runs {@code trial} into {@code outputRoot.resolve(trial.dir())}, creating the folder, or continuing it as
   * {@code run --resume} would when it exists (a complete trial is not run again; its summary is returned).
   *
   * @param err where the run's progress lines go (they go to the trial's log.txt too)
   * @return finished with the summary.json values, or failed with the error; never null
   */
  public static TrialResult execute(Trial trial, Path outputRoot, PrintStream err) {
    long t0 = System.nanoTime();
    Path dir = outputRoot.resolve(trial.dir());
    try {
      Files.createDirectories(dir);
      ScenarioLoader.Loaded loaded = ScenarioLoader.load(trial.scenarioYaml(),
          "trial " + trial.id() + " of sweep " + trial.sweep(), dir.resolve("scenario.yaml"), List.of());
      Runs.Outcome o = Runs.run(loaded, new RunOptions(dir, err, false, Path.of("").toAbsolutePath()));
      Map<String, Object> summary = summary(dir);
      double secs = (System.nanoTime() - t0) / 1e9;
      return o.ok() ? TrialResult.finished(trial.id(), summary, secs)
          : TrialResult.failed(trial.id(), "the run finished with failures; see " + trial.dir() + "/summary.json",
              summary, secs);
    } catch (BadInputException e) {
      // The trial's scenario was validated when the sweep was planned; this means the sweep file's trial was
      // edited by hand or comes from another workbench version.
      StringBuilder b = new StringBuilder("bad scenario:");
      for (ConfigError c : e.errors()) {
        b.append(' ').append(c.format()).append(';');
      }
      return TrialResult.failed(trial.id(), b.toString(), Map.of(), (System.nanoTime() - t0) / 1e9);
    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
      // A trial that throws is a failed result, never an exception that sinks the sweep.
      return TrialResult.failed(trial.id(), message(e), safeSummary(dir), (System.nanoTime() - t0) / 1e9);
    }
  }

  /** A trial folder's summary.json as plain values, or an empty map when there is none yet. */
  public static Map<String, Object> summary(Path dir) throws IOException {
    Path f = dir.resolve("summary.json");
    if (!Files.exists(f)) {
      return Map.of();
    }
    return Json.mapper().readValue(f.toFile(), new TypeReference<Map<String, Object>>() {});
  }

  private static Map<String, Object> safeSummary(Path dir) {
    try {
      return summary(dir);
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /** The exception's class and message, and the innermost cause's when it differs (what a user can act on). */
  static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getClass().getSimpleName() + ": " + e.getMessage();
    return root == e ? m : m + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
