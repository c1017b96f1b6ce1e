package org.rlgan.scenarios.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code <out>/<scenario>/<date-time>-s<seed>/}: the resolved scenario, metrics.csv, eval.csv, summary.json,
 * checkpoints/, plots/ and log.txt of one run.
 */
public final class RunFolder {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  /** A new folder; a second run in the same second gets a {@code -2}, {@code -3}, ... suffix. */
  public static RunFolder create(Path outRoot, String scenario, long seed) {
    String base = STAMP.format(LocalDateTime.now()) + "-s" + seed;
    Path parent = outRoot.resolve(scenario);
    try {
      Files.createDirectories(parent);
      for (int i = 1; ; i++) {
        Path d = parent.resolve(i == 1 ? base : base + "-" + i);
        try {
          Files.createDirectory(d);
          RunFolder f = new RunFolder(d);
          Files.createDirectories(f.checkpoints());
          Files.createDirectories(f.plots());
          return f;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          // taken by a run started in the same second: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run folder under " + parent + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public Path checkpoints() {
    return dir.resolve("checkpoints");
  }

  public Path plots() {
    return dir.resolve("plots");
  }

  public Path log() {
    return dir.resolve("log.txt");
  }
}
