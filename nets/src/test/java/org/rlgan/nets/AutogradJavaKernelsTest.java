package org.rlgan.nets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every check of {@link AutogradTest} with the primitives computed by the Java kernels (plain loops and
 * direct BLAS on ND4J's memory), whatever {@code -Drlgan.nets.kernels} says. CPU backend only.
 */
class AutogradJavaKernelsTest extends AutogradTest {
  private static Kernels.Mode previous;

  @BeforeAll
  static void useJavaKernels() {
    assumeTrue(Nd4j.getEnvironment().isCPU(), "the Java kernels run on ND4J's CPU backend only");
    previous = Kernels.setMode(Kernels.Mode.JAVA);
  }

  @AfterAll
  static void restore() {
    if (previous != null) {
      Kernels.setMode(previous);
    }
  }
}
