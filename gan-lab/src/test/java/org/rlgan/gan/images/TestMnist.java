package org.rlgan.gan.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.rlgan.nets.data.Mnist;

/**
 * The CI subset of MNIST (the first 3,000 training and 500 test digits, gzipped IDX) that nets keeps in its test
 * resources; read from there rather than copied, so the repository holds it once. Surefire runs each module's
 * tests in the module's folder ({@code basedir}).
 */
public final class TestMnist {
  private TestMnist() {}

  private static Mnist.Split train;
  private static Mnist.Split test;

  /** The folder holding the subset's four files. */
  public static Path directory() {
    return Path.of(System.getProperty("basedir", ".")).resolve("../nets/src/test/resources/mnist").normalize();
  }

  /** The 3,000 training digits (loaded once per JVM). */
  public static synchronized Mnist.Split train() {
    if (train == null) {
      train = load(Mnist.Part.TRAIN);
    }
    return train;
  }

  /** The 500 test digits (loaded once per JVM). */
  public static synchronized Mnist.Split test() {
    if (test == null) {
      test = load(Mnist.Part.TEST);
    }
    return test;
  }

  private static Mnist.Split load(Mnist.Part part) {
    try {
      return Mnist.load(directory(), part);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
