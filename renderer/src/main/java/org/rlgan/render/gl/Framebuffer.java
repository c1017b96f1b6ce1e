package org.rlgan.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;
import org.rlgan.render.RenderException;

/**
 * An offscreen framebuffer object with one RGBA8 colour attachment: bind it, draw, {@link #readArgb()} the pixels.
 * Works on a hidden context, so recording needs no visible window. Must be used and closed on its context's thread.
 */
public final class Framebuffer implements AutoCloseable {

  private final int width;
  private final int height;
  private final int fbo;
  private final int colour;
  private final ByteBuffer pixels;

  /** A {@code width × height} RGBA8 framebuffer on the current context. */
  public Framebuffer(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("framebuffer size " + width + "x" + height + "; both must be positive");
    }
    this.width = width;
    this.height = height;
    fbo = glGenFramebuffers();
    colour = glGenRenderbuffers();
    glBindRenderbuffer(GL_RENDERBUFFER, colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
      glDeleteFramebuffers(fbo);
      glDeleteRenderbuffers(colour);
      throw new RenderException("framebuffer " + width + "x" + height + " is incomplete (status 0x"
          + Integer.toHexString(status) + ")");
    }
    pixels = MemoryUtil.memAlloc(width * height * 4);
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** Makes this the draw and read target and sets the viewport to it. */
  public void bind() {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, width, height);
  }

  /** Returns drawing to the window's framebuffer. */
  public static void unbind() {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
  }

  /**
   * The pixels as ARGB ints, row-major from the top row (GL reads bottom-up; this flips). Length
   * {@code width * height}; a new array per call.
   */
  public int[] readArgb() {
    int[] out = new int[width * height];
    readArgb(out);
    return out;
  }

  /** Reads the pixels into {@code out} (ARGB, top row first, length {@code width * height}). */
  public void readArgb(int[] out) {
    if (out.length != width * height) {
      throw new IllegalArgumentException("out has " + out.length + " entries; need " + width * height);
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    for (int y = 0; y < height; y++) {
      int src = (height - 1 - y) * width * 4;
      int dst = y * width;
      for (int x = 0; x < width; x++, src += 4) {
        int r = pixels.get(src) & 0xff;
        int g = pixels.get(src + 1) & 0xff;
        int b = pixels.get(src + 2) & 0xff;
        int a = pixels.get(src + 3) & 0xff;
        out[dst + x] = a << 24 | r << 16 | g << 8 | b;
      }
    }
  }

  /** The pixels as an opaque RGB image (alpha dropped). */
  public BufferedImage readImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, width, height, readArgb(), 0, width);
    return img;
  }

  @Override
  public void close() {
    glDeleteFramebuffers(fbo);
    glDeleteRenderbuffers(colour);
    MemoryUtil.memFree(pixels);
  }
}
