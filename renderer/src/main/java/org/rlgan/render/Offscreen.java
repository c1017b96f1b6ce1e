package org.rlgan.render;

import java.awt.image.BufferedImage;
import java.util.function.Consumer;
import org.rlgan.render.gl.Framebuffer;
import org.rlgan.render.gl.Gfx;
import org.rlgan.render.gl.GlContext;

/**
 * Offscreen rendering: a hidden GL context, the drawing kit and a framebuffer of the frame size. Each
 * {@link #render} call draws one frame into the framebuffer and reads it back; no window is shown. Use from one
 * thread.
 *
 * <pre>{@code
 * try (Offscreen off = new Offscreen(600, 400)) {
 *   int[] argb = off.render(g -> Scenes.paint(g, env.scene(), 0, 0, 600, 400));
 * }
 * }</pre>
 */
public final class Offscreen implements AutoCloseable {

  private final GlContext gl;
  private final Gfx gfx;
  private Framebuffer fbo;

  /** A hidden context with a {@code width × height} framebuffer. */
  public Offscreen(int width, int height) {
    gl = GlContext.hidden(Math.max(1, width), Math.max(1, height));
    try {
      gfx = new Gfx();
      fbo = new Framebuffer(width, height);
    } catch (RuntimeException e) {
      gl.close();
      throw e;
    }
  }

  /** The context (for its version and renderer strings). */
  public GlContext context() {
    return gl;
  }

  /** The drawing kit. */
  public Gfx gfx() {
    return gfx;
  }

  /** Frame width, pixels. */
  public int width() {
    return fbo.width();
  }

  /** Frame height, pixels. */
  public int height() {
    return fbo.height();
  }

  /** Changes the frame size (a new framebuffer when it differs). */
  public void resize(int width, int height) {
    gl.makeCurrent();
    if (width != fbo.width() || height != fbo.height()) {
      fbo.close();
      fbo = new Framebuffer(width, height);
    }
  }

  /** Draws one frame and returns its pixels, ARGB row-major from the top. */
  public int[] render(Consumer<Gfx> draw) {
    int[] out = new int[fbo.width() * fbo.height()];
    render(draw, out);
    return out;
  }

  /** Draws one frame into {@code out} (ARGB, top row first). */
  public void render(Consumer<Gfx> draw, int[] out) {
    drawOnly(draw);
    fbo.readArgb(out);
  }

  /** Draws one frame and finishes it on the GPU without reading it back (for timing). */
  public void drawOnly(Consumer<Gfx> draw) {
    gl.makeCurrent();
    fbo.bind();
    gfx.canvas().begin(fbo.width(), fbo.height());
    draw.accept(gfx);
    gfx.canvas().end();
    org.lwjgl.opengl.GL11C.glFinish();
  }

  /** Draws one frame as an RGB image. */
  public BufferedImage renderImage(Consumer<Gfx> draw) {
    int[] px = render(draw);
    BufferedImage img = new BufferedImage(fbo.width(), fbo.height(), BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, fbo.width(), fbo.height(), px, 0, fbo.width());
    return img;
  }

  @Override
  public void close() {
    try {
      gl.makeCurrent();
      fbo.close();
      gfx.close();
    } finally {
      gl.close();
    }
  }
}
