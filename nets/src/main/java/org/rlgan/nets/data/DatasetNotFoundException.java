package org.rlgan.nets.data;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A data set's files are not where the workbench looks for them. The message says where it looked and how to
 * put them there (the set-up script to run, or the environment variable to set), e.g.
 * {@code MNIST not found: no train-images-idx3-ubyte (or .gz) in /root/.cache/rlgan/mnist; run
 * scripts/fetch-mnist.sh ...}.
 *
 * <p>A {@link NoSuchFileException}, so callers that handle missing files handle this too.
 */
public final class DatasetNotFoundException extends NoSuchFileException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  /**
   * @param directory the folder that was searched
   * @param missingFile the first expected file that is absent (its name, without a folder)
   * @param message the whole explanation, including the fix
   */
  public DatasetNotFoundException(Path directory, String missingFile, String message) {
    super(directory.resolve(missingFile).toString(), null, message);
    this.directory = directory;
  }

  /** The folder that was searched. */
  public Path directory() {
    return directory;
  }

  @Override
  public String getMessage() {
    return getReason(); // NoSuchFileException would prefix the path; the reason already names it
  }
}
