package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rlgan.render.gl.VirtualDisplay;

/** The private X server goes away with its owner: on close, and when the owning JVM is killed outright. */
@org.junit.jupiter.api.extension.ExtendWith(HeadlessDisplay.class)
class VirtualDisplayTest {

  /** A child JVM that starts a virtual display, prints its name and waits to be killed. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      VirtualDisplay d = VirtualDisplay.start();
      System.out.println(d.display());
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  static boolean gone(String display, long timeoutMs) throws InterruptedException {
    Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1));
    long until = System.nanoTime() + timeoutMs * 1_000_000;
    while (Files.exists(socket) && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    return !Files.exists(socket);
  }

  @Test
  void closeStopsTheServerAndGivesBackTheDisplayInUseBefore() throws Exception {
    // the shared test display (HeadlessDisplay) or the user's, then a private one on top of it
    try (Offscreen before = new Offscreen(4, 4)) {
      assertTrue(before.context().version().length() > 0);
    }
    VirtualDisplay d = VirtualDisplay.start();
    assertTrue(d.alive(), d.display());
    try (Offscreen on = new Offscreen(4, 4)) {
      assertTrue(on.context().version().length() > 0, "renders on " + d.display());
    }
    d.close();
    assertFalse(d.alive());
    assertTrue(gone(d.display(), 5000), "the socket of " + d.display() + " is removed");
    assertTrue(VirtualDisplay.present());
    try (Offscreen after = new Offscreen(4, 4)) {
      assertTrue(after.context().version().length() > 0, "DISPLAY points at the earlier server again");
    }
  }

  @Test
  void theServerDiesWithAKilledJvm() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Child.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String display;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.US_ASCII))) {
      display = r.readLine();
      assertTrue(display != null && display.matches(":\\d+"), "child printed " + display);
      assertTrue(Files.exists(Path.of("/tmp/.X11-unix/X" + display.substring(1))));
      child.destroyForcibly();   // SIGKILL: no shutdown hooks run
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    }
    assertTrue(gone(display, 8000), "the watchdog stopped Xvfb " + display + " after its JVM was killed");
  }
}
