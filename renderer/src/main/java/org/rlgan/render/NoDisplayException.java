package org.rlgan.render;

/**
 * No display to open a window or a GL context on (GLFW reported {@code GLFW_PLATFORM_UNAVAILABLE} or
 * {@code GLFW_API_UNAVAILABLE}). The message says how to run headless: under {@code xvfb-run} with Mesa's software
 * OpenGL.
 */
public final class NoDisplayException extends RenderException {

  private static final long serialVersionUID = 1L;

  /** How to get a display on a headless Debian/Ubuntu machine. */
  public static final String HOW_TO = "run it under a virtual X server: xvfb-run -a -s '-screen 0 1280x1024x24' "
      + "<command> (Debian/Ubuntu: apt-get install xvfb xauth libgl1-mesa-dri)";

  /** @param detail what GLFW said */
  public NoDisplayException(String detail) {
    super("no display for OpenGL (" + detail + "); " + HOW_TO);
  }
}
