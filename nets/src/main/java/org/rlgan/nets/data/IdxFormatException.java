package org.rlgan.nets.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An IDX file that cannot be read as what it should be: a bad magic number, an element type other than unsigned
 * byte, a negative or too large dimension, data shorter or longer than the header promises, or (for a data set
 * such as {@link Mnist}) dimensions, counts or values that do not fit the data set.
 *
 * <p>Checked, and an {@link IOException}, because it arises while reading a file (as
 * {@link org.rlgan.nets.io.NpzFormatException}). The message names the file and the problem, with the expected
 * and found values, e.g. {@code /data/mnist/train-labels-idx1-ubyte: magic number 0x00000803 (2051), expected
 * 0x00000801 (2049): this is an IDX file of 3 dimensions, not 1}.
 */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  /**
   * @param file the file being read, or null when reading a bare stream
   * @param problem what is wrong, with the expected and the found values
   */
  public IdxFormatException(Path file, String problem) {
    this(file, problem, null);
  }

  /** As {@link #IdxFormatException(Path, String)}, keeping the low-level cause. */
  public IdxFormatException(Path file, String problem, Throwable cause) {
    super(file == null ? problem : file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file being read, or null when reading a bare stream. */
  public Path file() {
    return file;
  }

  /** What is wrong, without the file prefix. */
  public String problem() {
    return problem;
  }
}
