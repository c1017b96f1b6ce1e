package org.rlgan.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * A 2-D texture on the current context: RGBA images (a GAN's sample grid) or an alpha mask drawn in the vertex
 * colour (a font atlas: sampled as {@code (1, 1, 1, a)} through a swizzle). Nearest filtering by default, so a
 * 28×28 sample stays crisp when scaled up.
 */
public final class Texture implements AutoCloseable {

  private final int id;
  private final int width;
  private final int height;
  private final boolean alphaMask;

  private Texture(int id, int width, int height, boolean alphaMask) {
    this.id = id;
    this.width = width;
    this.height = height;
    this.alphaMask = alphaMask;
  }

  /** An RGBA texture of the given size, initially transparent black; fill it with {@link #uploadArgb}. */
  public static Texture rgba(int width, int height, boolean smooth) {
    int id = glGenTextures();
    glBindTexture(GL_TEXTURE_2D, id);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, (ByteBuffer) null);
    params(smooth);
    return new Texture(id, width, height, false);
  }

  /** An alpha-mask texture from one byte per pixel (row-major, top row first), drawn as (1, 1, 1, a). */
  public static Texture alphaMask(ByteBuffer alpha, int width, int height, boolean smooth) {
    int id = glGenTextures();
    glBindTexture(GL_TEXTURE_2D, id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, alpha);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, new int[] {GL_ONE, GL_ONE, GL_ONE, GL_RED});
    params(smooth);
    return new Texture(id, width, height, true);
  }

  private static void params(boolean smooth) {
    int f = smooth ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, f);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, f);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }

  /** Replaces the whole image with ARGB pixels, row-major from the top (length {@code width * height}). */
  public void uploadArgb(int[] argb) {
    if (alphaMask) {
      throw new IllegalStateException("an alpha-mask texture takes no ARGB pixels");
    }
    if (argb.length != width * height) {
      throw new IllegalArgumentException("argb has " + argb.length + " pixels; the texture has " + width * height);
    }
    ByteBuffer b = MemoryUtil.memAlloc(argb.length * 4);
    try {
      for (int p : argb) {
        b.put((byte) (p >>> 16)).put((byte) (p >>> 8)).put((byte) p).put((byte) (p >>> 24));
      }
      b.flip();
      glBindTexture(GL_TEXTURE_2D, id);
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, b);
    } finally {
      MemoryUtil.memFree(b);
    }
  }

  /** The GL name. */
  public int id() {
    return id;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  @Override
  public void close() {
    glDeleteTextures(id);
  }
}
