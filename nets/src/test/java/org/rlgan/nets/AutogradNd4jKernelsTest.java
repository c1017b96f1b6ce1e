package org.rlgan.nets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every check of {@link AutogradTest} with the primitives computed by ND4J operations (the path every
 * non-CPU backend takes), whatever {@code -Drlgan.nets.kernels} says.
 */
class AutogradNd4jKernelsTest extends AutogradTest {
  private static Kernels.Mode previous;

  @BeforeAll
  static void useNd4jKernels() {
    previous = Kernels.setMode(Kernels.Mode.ND4J);
  }

  @AfterAll
  static void restore() {
    Kernels.setMode(previous);
  }
}
