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
    RunFolder f = new RunFolder(unique(outRoot.resolve(scenario), STAMP.format(LocalDateTime.now()) + "-s" + seed));
    try {
      Files.createDirectories(f.checkpoints());
      Files.createDirectories(f.plots());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + f.checkpoints() + ": " + e.getMessage(), e);
    }
    return f;
  }

  /** The current time as folder names write it, {@code yyyyMMdd-HHmmss}. */
  public static String stamp() {
    return STAMP.format(LocalDateTime.now());
  }

  /**
   * Creates {@code parent/base}, or {@code parent/base-2}, {@code -3}, ... when taken (another run started in the
   * same second), atomically, so two processes never share a folder.
   */
  public static Path unique(Path parent, String base) {
    try {
      Files.createDirectories(parent);
      for (int i = 1; ; i++) {
        Path d = parent.resolve(i == 1 ? base : base + "-" + i);
        try {
          return Files.createDirectory(d);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          // taken by a run started in the same second: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder under " + parent + ": " + e.getMessage(), e);
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
