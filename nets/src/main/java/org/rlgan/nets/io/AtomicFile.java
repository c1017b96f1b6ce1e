package org.rlgan.nets.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old file or the whole new one: the content goes to a hidden
 * temporary sibling, is forced to disk, then renamed over the target. On failure the temporary file is
 * removed and an existing target is untouched.
 */
final class AtomicFile {
  private static final int BUFFER = 1 << 16;

  private AtomicFile() {}

  /** What writes the content; it must not close the stream. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  static void write(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(file.toString(), null, "cannot write: directory " + dir + " does not exist");
    }
    // Hidden, unique, in the same directory (so the rename stays on one file system). CREATE_NEW with
    // default permissions, unlike Files.createTempFile's owner-only ones, which the move would keep.
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER)) {
        body.writeTo(out);
        out.flush();
        channel.force(true); // the data must be on disk before the rename makes it the file
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      syncDirectory(dir);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
          // The original failure matters more; the leftover is a hidden .tmp file.
        }
      }
    }
  }

  /** Makes the rename durable where the platform allows opening a directory (POSIX); else a no-op. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open directories; the rename is still atomic there, only its durability waits.
    }
  }
}
