package org.rlgan.render.gl;

/**
 * What painters draw with: the {@link Canvas} and the bundled monospace font at two sizes (small for labels and
 * overlays, large for captions). Owns all three; create and close on the context's thread.
 */
public final class Gfx implements AutoCloseable {

  private final Canvas canvas;
  private final Font small;
  private final Font large;

  /** A canvas and the fonts (14 px and 22 px) on the current context. */
  public Gfx() {
    canvas = new Canvas();
    small = Font.monospace(14);
    large = Font.monospace(22);
  }

  /** The batch renderer. */
  public Canvas canvas() {
    return canvas;
  }

  /** 14-pixel text. */
  public Font small() {
    return small;
  }

  /** 22-pixel text. */
  public Font large() {
    return large;
  }

  @Override
  public void close() {
    small.close();
    large.close();
    canvas.close();
  }
}
