package org.rlgan.nets.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .npz} or {@code .npy} input that cannot be read: not a ZIP archive, a bad {@code .npy} magic
 * string, an unsupported dtype, a malformed header, data shorter than the header promises, a CRC
 * mismatch.
 *
 * <p>Checked, and an {@link IOException}, because it arises while reading a file: callers that already
 * handle I/O failures handle it too, and callers that care can tell a corrupt file apart from a missing
 * one. The message names the file, the archive entry and what is wrong, e.g.
 * {@code params.npz: entry 'w.npy': truncated data: expected 2400 bytes, got 1024}. Problems in
 * arguments to the writers (an unsupported data type, a blank key) are {@link IllegalArgumentException}s
 * instead: they are programming errors, not bad files.
 */
public final class NpzFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String entry;
  private final String problem;

  /**
   * @param file the archive or {@code .npy} file, or null when reading a bare stream
   * @param entry the ZIP entry name (e.g. {@code "w.npy"}), or null when the problem is not in one entry
   * @param problem what is wrong, with the expected and the found values where there are such
   */
  public NpzFormatException(Path file, String entry, String problem) {
    this(file, entry, problem, null);
  }

  /** As {@link #NpzFormatException(Path, String, String)}, keeping the low-level cause. */
  public NpzFormatException(Path file, String entry, String problem, Throwable cause) {
    super(message(file, entry, problem), cause);
    this.file = file;
    this.entry = entry;
    this.problem = problem;
  }

  private static String message(Path file, String entry, String problem) {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file).append(": ");
    }
    if (entry != null) {
      sb.append("entry '").append(entry).append("': ");
    }
    return sb.append(problem).toString();
  }

  /** The file being read, or null when reading a bare stream. */
  public Path file() {
    return file;
  }

  /** The ZIP entry name ({@code "<key>.npy"}), or null when the problem is not in one entry. */
  public String entry() {
    return entry;
  }

  /** What is wrong, without the file and entry prefix. */
  public String problem() {
    return problem;
  }
}
