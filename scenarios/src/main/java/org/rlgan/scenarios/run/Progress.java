package org.rlgan.scenarios.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The progress line on stderr (steps, episodes, recent return, steps/s, ETA): redrawn in place when stderr is a
 * terminal, plain lines at most every two seconds otherwise. Every line also goes to the run's log.
 */
public final class Progress {

  private final PrintStream err;
  private final Path log;
  private final boolean terminal;
  /** The step and time the rate counts from: 0 at the start, a resumed run's step when it resumed. */
  private long baseStep;
  private long baseNanos = System.nanoTime();
  private long lastPrint;
  private boolean dirty;

  public Progress(PrintStream err, Path log, boolean terminal) {
    this.err = err;
    this.log = log;
    this.terminal = terminal;
  }

  /**
   * A resumed run continues at {@code step}: the steps/s and ETA of later reports count from here, not from step 0
   * (the steps before it were done by another process).
   */
  public synchronized void resumedAt(long step) {
    baseStep = step;
    baseNanos = System.nanoTime();
  }

  /** A message line (always printed and logged). */
  public synchronized void line(String message) {
    if (dirty) {
      err.println();
      dirty = false;
    }
    err.println(message);
    err.flush();
    log(message);
  }

  /** A progress report of a run with episodes; shown when due (or when {@code force}). */
  public synchronized void step(String label, long step, long total, long episodes, double recentReturn,
      String extra, boolean force) {
    step(label, step, total, String.format(Locale.ROOT, "episodes %,d  return %s", episodes,
        Double.isNaN(recentReturn) ? "-" : String.format(Locale.ROOT, "%.3g", recentReturn)), extra, force);
  }

  /**
   * A progress report: {@code [label] step s/total (p%)  fields  rate  ETA  extra}; shown when due (or when
   * {@code force}).
   */
  public synchronized void step(String label, long step, long total, String fields, String extra, boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastPrint < (terminal ? 200_000_000L : 2_000_000_000L)) {
      return;
    }
    lastPrint = now;
    double secs = (now - baseNanos) / 1e9;
    double rate = step > baseStep ? (step - baseStep) / Math.max(secs, 1e-9) : Double.NaN;
    double eta = rate > 0 ? (total - step) / rate : Double.NaN;
    String text = String.format(Locale.ROOT, "[%s] step %,d/%,d (%3.0f%%)  %s  %s steps/s  ETA %s%s", label,
        step, total, 100.0 * step / total, fields, Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%,.0f",
            rate), Double.isNaN(eta) ? "-" : String.format(Locale.ROOT, "%.0fs", eta),
        extra.isEmpty() ? "" : "  " + extra);
    if (terminal) {
      err.print("\r" + text + "\u001b[K");
      dirty = true;
    } else {
      err.println(text);
    }
    err.flush();
    log(text);
  }

  public synchronized void done() {
    if (dirty) {
      err.println();
      dirty = false;
    }
  }

  private void log(String text) {
    if (log == null) {
      return;
    }
    try {
      Files.writeString(log, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
