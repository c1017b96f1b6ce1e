package org.rlgan.gan.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Periodic checkpoints that are never half written: the trainer is saved into {@code NAME.tmp/} (with any extra files
 * of the caller), then the folders are renamed, so a run killed at any moment leaves either the previous complete
 * checkpoint or the new one under {@code NAME/}. ({@link GanTrainer#save} alone writes file by file: a kill between
 * two files would pair one step's generator with another step's discriminator.)
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** Writes extra files into the new checkpoint folder before it is moved into place. */
  @FunctionalInterface
  public interface Extra {
    void write(Path dir) throws IOException;
  }

  /** Saves {@code trainer} (and {@code extra}, may be null) to {@code dir} as described in the class comment. */
  public static void saveAtomically(GanTrainer trainer, Path dir, Extra extra) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    Path old = dir.resolveSibling(dir.getFileName() + ".old");
    deleteTree(tmp);
    trainer.save(tmp);
    if (extra != null) {
      extra.write(tmp);
    }
    deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Deletes a folder and everything in it (nothing when it does not exist). */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
