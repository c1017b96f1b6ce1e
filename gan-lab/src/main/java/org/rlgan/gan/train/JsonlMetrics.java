package org.rlgan.gan.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes every {@code every}-th step's {@link StepMetrics} as one JSON line (deterministic: same seed, same
 * bytes). Wall-clock timing goes to a separate file, {@code timingFile} (may be null), as
 * {@code {"step":…,"seconds":…}} lines, so the metrics file stays comparable byte for byte. Appends, so a resumed
 * run continues its files; flushes after each line written. Close it when training ends.
 */
public final class JsonlMetrics implements GanListener, AutoCloseable {
  private final BufferedWriter metrics;
  private final BufferedWriter timing;
  private final int every;
  private final long start = System.nanoTime();

  public JsonlMetrics(Path metricsFile, Path timingFile, int every) throws IOException {
    if (every < 1) {
      throw new IllegalArgumentException("every = " + every + " is invalid: it must be >= 1");
    }
    this.every = every;
    this.metrics = open(metricsFile);
    this.timing = timingFile == null ? null : open(timingFile);
  }

  private static BufferedWriter open(Path p) throws IOException {
    if (p.getParent() != null) {
      Files.createDirectories(p.getParent());
    }
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public boolean onStep(GanTrainer trainer, StepMetrics m) {
    if (m.step() % every != 0) {
      return true;
    }
    try {
      metrics.write(m.toJson());
      metrics.newLine();
      if (timing != null) {
        timing.write("{\"step\":" + m.step() + ",\"seconds\":" + (System.nanoTime() - start) / 1e9 + "}");
        timing.newLine();
        timing.flush();
      }
      metrics.flush(); // a long run's progress is visible while it runs, and survives a kill
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    metrics.close();
    if (timing != null) {
      timing.close();
    }
  }
}
