package org.rlgan.render.gl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lwjgl.system.JNI;
import org.lwjgl.system.Library;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.SharedLibrary;
import org.rlgan.render.RenderException;

/**
 * A private X server ({@code Xvfb}) for this process, for machines without a display: tests, headless recording.
 * {@link #start()} launches {@code Xvfb -displayfd 1 -noreset} (the server picks a free display number itself and
 * prints it; without {@code -noreset} it resets when its last client disconnects, and a context opened during the
 * reset fails),
 * waits for it, and sets {@code DISPLAY} in this process's C environment, where GLFW reads it (Java cannot change
 * its own environment; {@code setenv} is called through LWJGL's libc binding). {@link #close()} stops the server.
 * With Mesa's {@code libgl1-mesa-dri}, GLX on Xvfb gives llvmpipe's OpenGL 4.5 core.
 */
public final class VirtualDisplay implements AutoCloseable {

  /** The Debian/Ubuntu packages a virtual display needs. */
  public static final String PACKAGES = "xvfb xauth libgl1-mesa-dri";

  private final Process process;
  private final String display;
  /** DISPLAY in the C environment before this server: restored by {@link #close()} (null: unset). */
  private final String previous;

  /**
   * DISPLAY as this process's C environment holds it. Java's {@code System.getenv} is a snapshot taken at start-up
   * and does not see {@code setenv}, so the value set here is tracked here (guarded by the class).
   */
  private static String current = System.getenv("DISPLAY");

  private VirtualDisplay(Process process, String display, String previous) {
    this.previous = previous;
    this.process = process;
    this.display = display;
  }

  /** True when this process has an X display to talk to ({@code DISPLAY} is set in its environment). */
  public static synchronized boolean present() {
    return current != null && !current.isBlank();
  }

  /**
   * A private Xvfb when this process has no display ({@link #start()}), or null when it has one: for offscreen
   * work, which still needs an X server for GLX.
   */
  public static VirtualDisplay startIfAbsent() {
    return present() ? null : start();
  }

  /**
   * Starts Xvfb on a free display number with one 1280×1024×24 screen and points this process at it.
   *
   * @throws RenderException when Xvfb is not installed (naming the packages) or does not come up in 10 s
   */
  public static VirtualDisplay start() {
    if (!onPath("Xvfb")) {
      throw new RenderException("Xvfb is not installed, and there is no DISPLAY to render on; install it with "
          + "apt-get install -y " + PACKAGES + " (or run with a display)");
    }
    // A shell watchdog owns the server: it stops Xvfb when told to (close(), the shutdown hook) and also when this
    // JVM dies without running its hooks (a crash, SIGKILL), so no server outlives the process.
    String script = "Xvfb -displayfd 1 -screen 0 1280x1024x24 -nolisten tcp -noreset 2>/dev/null & x=$!; "
        + "trap 'kill $x 2>/dev/null; exit 0' TERM INT; "
        + "while kill -0 $PPID 2>/dev/null && kill -0 $x 2>/dev/null; do sleep 1 & wait $!; done; "
        + "kill $x 2>/dev/null";
    Process p;
    try {
      p = new ProcessBuilder("sh", "-c", script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new RenderException("could not start Xvfb through sh: " + e.getMessage(), e);
    }
    String number;
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
      number = CompletableFuture.supplyAsync(() -> {
        try {
          return r.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(10, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly();
      throw new RenderException("Xvfb did not report a display within 10 s", e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new RenderException("interrupted while starting Xvfb", e);
    }
    if (number == null || !number.strip().matches("\\d+")) {
      p.destroyForcibly();
      throw new RenderException("Xvfb exited without a display (exit " + exitCode(p) + "); try: Xvfb -displayfd 1");
    }
    String display = ":" + number.strip();
    VirtualDisplay v;
    synchronized (VirtualDisplay.class) {
      v = new VirtualDisplay(p, display, current);
      setenv("DISPLAY", display);
      current = display;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "xvfb-stop"));
    return v;
  }

  private static String exitCode(Process p) {
    try {
      return p.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sets a variable in the C environment of this process ({@code setenv(name, value, 1)}), or removes it
   * ({@code unsetenv(name)}) when {@code value} is null.
   */
  static void setenv(String name, String value) {
    try (SharedLibrary libc = Library.loadNative(VirtualDisplay.class, "org.lwjgl", "libc.so.6");
        MemoryStack s = MemoryStack.stackPush()) {
      if (value == null) {
        long unset = libc.getFunctionAddress("unsetenv");
        if (unset == 0 || JNI.invokePI(org.lwjgl.system.MemoryUtil.memAddress(s.UTF8(name)), unset) != 0) {
          throw new RenderException("could not unset " + name + " in the process environment");
        }
        return;
      }
      long fn = libc.getFunctionAddress("setenv");
      if (fn == 0 || JNI.invokePPI(org.lwjgl.system.MemoryUtil.memAddress(s.UTF8(name)),
          org.lwjgl.system.MemoryUtil.memAddress(s.UTF8(value)), 1, fn) != 0) {
        throw new RenderException("could not set " + name + "=" + value + " in the process environment");
      }
    }
  }

  /** The display name, e.g. {@code ":99"}. */
  public String display() {
    return display;
  }

  /** True while the server runs (its watchdog is alive and the display's socket exists). */
  public boolean alive() {
    return process.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + display.substring(1)));
  }

  /**
   * Stops the server and puts {@code DISPLAY} back as it was before {@link #start()} (unset, or the display that
   * was in use), so that a later context does not try the dead server.
   */
  @Override
  public void close() {
    synchronized (VirtualDisplay.class) {
      if (display.equals(current)) {
        setenv("DISPLAY", previous);
        current = previous;
      }
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
