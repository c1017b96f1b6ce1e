package org.rlgan.scenarios.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.rlgan.scenarios.run.AtomicFiles;
import org.rlgan.scenarios.run.Json;

/**
 * The child process of the {@link LocalEngine}: {@code TrialProcess TRIAL_JSON OUTPUT_ROOT} runs one trial with
 * {@link TrialExecutor} and writes its {@link TrialResult} to {@code <trial dir>/}{@value #RESULT} (atomically)
 * before exiting with 0 (finished) or 1 (failed).
 *
 * <p>It exits at once when its standard input closes: the driver holds the other end, so a driver that dies, even
 * by SIGKILL, takes its trials with it instead of leaving orphans that would write into folders a resumed sweep
 * is rerunning.
 */
public final class TrialProcess {

  /** The trial's description, written by the engine into the trial folder. */
  public static final String TRIAL = "trial.json";

  /** The result file the driver reads. */
  public static final String RESULT = "trial-result.json";

  /** Exit code of a process whose driver went away. */
  static final int ORPHANED = 3;

  private TrialProcess() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Thread watchdog = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // the driver never writes; anything read is ignored
        }
      } catch (IOException e) {
        // a broken pipe is the driver going away, as EOF is
      }
      Runtime.getRuntime().halt(ORPHANED);
    }, "driver-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Trial trial = Json.mapper().readValue(Path.of(args[0]).toFile(), Trial.class);
    Path root = Path.of(args[1]);
    TrialResult r = TrialExecutor.execute(trial, root, System.err);
    AtomicFiles.write(root.resolve(trial.dir()).resolve(RESULT), Json.write(r));
    System.err.flush();
    System.exit(r.state() == TrialResult.State.FINISHED ? 0 : 1);
  }
}
