package org.rlgan.render;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rlgan.render.gl.VirtualDisplay;

/**
 * JUnit 5 extension: gives GL tests a display. With {@code DISPLAY} set it does nothing; without, it starts one
 * private Xvfb for the whole test JVM ({@link VirtualDisplay}, a free display number picked by Xvfb itself) and
 * stops it after the last test. Where Xvfb is missing the test fails with a message naming the packages to install
 * ({@value VirtualDisplay#PACKAGES}), so {@code mvn verify} needs no wrapper script.
 */
public final class HeadlessDisplay implements BeforeAllCallback {

  private static final Object LOCK = new Object();
  private static boolean started;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (LOCK) {
      if (started || VirtualDisplay.present()) {
        return;
      }
      VirtualDisplay display = VirtualDisplay.start();
      started = true;
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(HeadlessDisplay.class.getName(),
          (ExtensionContext.Store.CloseableResource) display::close);
    }
  }
}
