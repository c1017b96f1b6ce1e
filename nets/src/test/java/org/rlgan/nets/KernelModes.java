package org.rlgan.nets;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For tests that run under both kernel implementations ({@code @ExtendWith(KernelModes.class)}): restores
 * the mode after each test, and {@link #use} switches it, skipping Java mode where it cannot run.
 */
final class KernelModes implements BeforeEachCallback, AfterEachCallback {
  private Kernels.Mode previous;

  @Override
  public void beforeEach(ExtensionContext context) {
    previous = Kernels.mode();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Kernels.setMode(previous);
  }

  /** Switches to {@code mode}; aborts (skips) the test for Java mode off ND4J's CPU backend. */
  static void use(Kernels.Mode mode) {
    if (mode == Kernels.Mode.JAVA && !Nd4j.getEnvironment().isCPU()) {
      Assumptions.abort("Java kernels need the CPU backend");
    }
    Kernels.setMode(mode);
  }
}
