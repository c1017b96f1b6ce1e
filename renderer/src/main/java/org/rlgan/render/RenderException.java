package org.rlgan.render;

/** Rendering failed: a GL context could not be made, a shader did not compile, a file could not be written. */
public class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with a message that says what to do. */
  public RenderException(String message) {
    super(message);
  }

  /** An error with its cause. */
  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
