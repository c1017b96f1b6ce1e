package org.rlgan.render.gl;

import static org.lwjgl.glfw.GLFW.*;

import java.util.Locale;
import org.lwjgl.PointerBuffer;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11C;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.MemoryStack;
import org.rlgan.render.NoDisplayException;
import org.rlgan.render.RenderException;

/**
 * A GLFW window with an OpenGL 3.3 core context, visible (live playback) or hidden (offscreen rendering into a
 * {@link Framebuffer}). Close it to destroy the window; the last context closed terminates GLFW. All calls on one
 * context must come from the thread that created it; where one thread holds several, {@link #makeCurrent()} before
 * drawing with one.
 *
 * <pre>{@code
 * try (GlContext gl = GlContext.hidden(640, 480)) {
 *   System.out.println(gl.version());   // e.g. "4.5 (Core Profile) Mesa 22.3.6" under Xvfb
 * }
 * }</pre>
 *
 * <p>Without a display GLFW fails with {@code GLFW_PLATFORM_UNAVAILABLE}; that becomes a {@link NoDisplayException}
 * whose message says to use {@code xvfb-run}. On Linux the X11 platform is chosen unless {@code WAYLAND_DISPLAY} is
 * set: GLFW 3.4 otherwise probes Wayland first, and libwayland prints "XDG_RUNTIME_DIR is invalid or not set" to
 * stderr on machines without a session (harmless, but alarming).
 */
public final class GlContext implements AutoCloseable {

  private static final Object GLFW_LOCK = new Object();
  private static int open;
  private static GLFWErrorCallback previousCallback;
  /** The last GLFW error, kept by the error callback so that failures can name it (guarded by GLFW_LOCK). */
  private static String lastError = "";

  private final long window;
  private final GLCapabilities caps;
  private final Thread owner;
  private boolean closed;

  private GlContext(long window, GLCapabilities caps) {
    this.window = window;
    this.caps = caps;
    this.owner = Thread.currentThread();
  }

  /** A hidden window whose context renders into framebuffers (no window ever appears). */
  public static GlContext hidden(int width, int height) {
    return create(width, height, "rlgan", false, false);
  }

  /**
   * A visible, resizable window.
   *
   * @param vsync true to wait for the display's refresh on {@link #swapBuffers()}
   */
  public static GlContext window(int width, int height, String title, boolean vsync) {
    return create(width, height, title, true, vsync);
  }

  private static GlContext create(int width, int height, String title, boolean visible, boolean vsync) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("window size " + width + "x" + height + "; both must be positive");
    }
    synchronized (GLFW_LOCK) {
      if (open == 0) {
        init();
      }
      glfwDefaultWindowHints();
      glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
      glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
      glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
      glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
      glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
      glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
      long w = glfwCreateWindow(width, height, title, 0, 0);
      if (w == 0) {
        String why = lastError;
        if (open == 0) {
          terminate();
        }
        if (why.contains("GLX") || why.contains("API_UNAVAILABLE") || why.contains("VERSION_UNAVAILABLE")) {
          throw new NoDisplayException("no OpenGL 3.3 core context: " + why);
        }
        throw new RenderException("could not open a " + width + "x" + height + " OpenGL 3.3 core window: " + why);
      }
      glfwMakeContextCurrent(w);
      glfwSwapInterval(vsync ? 1 : 0);
      GLCapabilities caps = GL.createCapabilities();
      open++;
      return new GlContext(w, caps);
    }
  }

  private static void init() {
    lastError = "";
    previousCallback = glfwSetErrorCallback((code, description) -> {
      lastError = name(code) + ": " + GLFWErrorCallback.getDescription(description);
    });
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        && System.getenv("WAYLAND_DISPLAY") == null) {
      glfwInitHint(GLFW_PLATFORM, GLFW_PLATFORM_X11);
    }
    if (!glfwInit()) {
      String why = lastError;
      int code = glfwGetError((PointerBuffer) null);
      terminate();
      if (code == GLFW_PLATFORM_UNAVAILABLE || why.startsWith("GLFW_PLATFORM_UNAVAILABLE")) {
        throw new NoDisplayException(why.isEmpty() ? "GLFW_PLATFORM_UNAVAILABLE" : why);
      }
      throw new RenderException("GLFW could not start: " + (why.isEmpty() ? "unknown error" : why));
    }
  }

  private static void terminate() {
    glfwTerminate();
    GLFWErrorCallback cb = glfwSetErrorCallback(previousCallback);
    if (cb != null) {
      cb.free();
    }
    previousCallback = null;
  }

  private static String name(int code) {
    return switch (code) {
      case GLFW_NOT_INITIALIZED -> "GLFW_NOT_INITIALIZED";
      case GLFW_NO_CURRENT_CONTEXT -> "GLFW_NO_CURRENT_CONTEXT";
      case GLFW_INVALID_ENUM -> "GLFW_INVALID_ENUM";
      case GLFW_INVALID_VALUE -> "GLFW_INVALID_VALUE";
      case GLFW_OUT_OF_MEMORY -> "GLFW_OUT_OF_MEMORY";
      case GLFW_API_UNAVAILABLE -> "GLFW_API_UNAVAILABLE";
      case GLFW_VERSION_UNAVAILABLE -> "GLFW_VERSION_UNAVAILABLE";
      case GLFW_PLATFORM_ERROR -> "GLFW_PLATFORM_ERROR";
      case GLFW_FORMAT_UNAVAILABLE -> "GLFW_FORMAT_UNAVAILABLE";
      case GLFW_NO_WINDOW_CONTEXT -> "GLFW_NO_WINDOW_CONTEXT";
      case GLFW_PLATFORM_UNAVAILABLE -> "GLFW_PLATFORM_UNAVAILABLE";
      default -> "GLFW error 0x" + Integer.toHexString(code);
    };
  }

  /**
   * Makes this the thread's current context, if it is not already (several contexts may live on one thread, e.g.
   * an {@code Offscreen} and a {@code Player}'s; each makes itself current before drawing).
   */
  public void makeCurrent() {
    check();
    if (glfwGetCurrentContext() != window) {
      glfwMakeContextCurrent(window);
      GL.setCapabilities(caps);
    }
  }

  /** The GLFW window handle (for input callbacks). */
  public long window() {
    check();
    return window;
  }

  /** The context's capabilities. */
  public GLCapabilities capabilities() {
    return caps;
  }

  /** {@code GL_VERSION}, e.g. {@code "4.5 (Core Profile) Mesa 22.3.6"}. */
  public String version() {
    check();
    return GL11C.glGetString(GL11C.GL_VERSION);
  }

  /** {@code GL_RENDERER}, e.g. {@code "llvmpipe (LLVM 15.0.6, 256 bits)"}. */
  public String renderer() {
    check();
    return GL11C.glGetString(GL11C.GL_RENDERER);
  }

  /** The window's framebuffer size in pixels {width, height} (differs from the window size on HiDPI screens). */
  public int[] framebufferSize() {
    check();
    try (MemoryStack s = MemoryStack.stackPush()) {
      var w = s.mallocInt(1);
      var h = s.mallocInt(1);
      glfwGetFramebufferSize(window, w, h);
      return new int[] {w.get(0), h.get(0)};
    }
  }

  /** True once the user asked to close the window. */
  public boolean shouldClose() {
    check();
    return glfwWindowShouldClose(window);
  }

  /** Asks the window to close (the loop sees {@link #shouldClose()}). */
  public void requestClose() {
    check();
    glfwSetWindowShouldClose(window, true);
  }

  /** Shows the back buffer. */
  public void swapBuffers() {
    check();
    glfwSwapBuffers(window);
  }

  /** Processes pending window events (keys, resizes, close). */
  public void pollEvents() {
    check();
    glfwPollEvents();
  }

  /** Sets the window title. */
  public void title(String title) {
    check();
    glfwSetWindowTitle(window, title);
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("this GL context is closed");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("GL context used from thread " + Thread.currentThread().getName()
          + "; it belongs to " + owner.getName());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (GLFW_LOCK) {
      if (glfwGetCurrentContext() == window) {
        glfwMakeContextCurrent(0);
        GL.setCapabilities(null);
      }
      org.lwjgl.glfw.Callbacks.glfwFreeCallbacks(window);
      glfwDestroyWindow(window);
      if (--open == 0) {
        terminate();
      }
    }
  }
}
