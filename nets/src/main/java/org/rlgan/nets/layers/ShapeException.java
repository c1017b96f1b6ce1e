package org.rlgan.nets.layers;

/** An architecture whose layers do not fit together; the message names the layer and the shapes. */
public class ShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ShapeException(String message) {
    super(message);
  }
}
