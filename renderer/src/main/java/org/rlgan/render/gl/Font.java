package org.rlgan.render.gl;

import static org.lwjgl.stb.STBTruetype.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.lwjgl.stb.STBTTAlignedQuad;
import org.lwjgl.stb.STBTTBakedChar;
import org.lwjgl.stb.STBTTFontinfo;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.rlgan.render.RenderException;

/**
 * Text with stb_truetype: printable ASCII (32–126) of a TrueType font baked at one pixel height into an alpha-mask
 * atlas on the current context. The bundled font is DejaVu Sans Mono (Bitstream Vera licence, copied from Debian's
 * {@code fonts-dejavu-core}; the licence is {@code org/rlgan/render/fonts/DejaVu-LICENSE.txt} beside it). Characters
 * outside the range draw as {@code ?}.
 */
public final class Font implements AutoCloseable {

  private static final String BUNDLED = "/org/rlgan/render/fonts/DejaVuSansMono.ttf";
  private static final int FIRST = 32;
  private static final int COUNT = 95;

  private final float pixelHeight;
  private final float ascent;
  private final STBTTBakedChar.Buffer chars;
  private final Texture atlas;
  private final int atlasSize;

  private Font(ByteBuffer ttf, float pixelHeight) {
    this.pixelHeight = pixelHeight;
    atlasSize = pixelHeight <= 24 ? 256 : pixelHeight <= 56 ? 512 : 1024;
    chars = STBTTBakedChar.malloc(COUNT);
    ByteBuffer bitmap = MemoryUtil.memAlloc(atlasSize * atlasSize);
    try (MemoryStack s = MemoryStack.stackPush()) {
      int rows = stbtt_BakeFontBitmap(ttf, pixelHeight, bitmap, atlasSize, atlasSize, FIRST, chars);
      if (rows <= 0) {
        throw new RenderException("font atlas " + atlasSize + "px too small for " + pixelHeight + "px glyphs");
      }
      STBTTFontinfo info = STBTTFontinfo.malloc(s);
      if (!stbtt_InitFont(info, ttf)) {
        throw new RenderException("not a TrueType font");
      }
      var asc = s.mallocInt(1);
      var desc = s.mallocInt(1);
      var gap = s.mallocInt(1);
      stbtt_GetFontVMetrics(info, asc, desc, gap);
      ascent = asc.get(0) * stbtt_ScaleForPixelHeight(info, pixelHeight);
      atlas = Texture.alphaMask(bitmap, atlasSize, atlasSize, true);
    } finally {
      MemoryUtil.memFree(bitmap);
    }
  }

  /** The bundled DejaVu Sans Mono at {@code pixelHeight} pixels (line height). */
  public static Font monospace(float pixelHeight) {
    if (!(pixelHeight >= 6 && pixelHeight <= 120)) {
      throw new IllegalArgumentException("font size " + pixelHeight + "px; it must be in [6, 120]");
    }
    byte[] bytes;
    try (InputStream in = Font.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new RenderException("the bundled font " + BUNDLED + " is missing from the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new RenderException("could not read the bundled font " + BUNDLED, e);
    }
    // stb_truetype keeps pointers into the font data while baking only; the buffer is freed right after.
    ByteBuffer ttf = MemoryUtil.memAlloc(bytes.length).put(bytes).flip();
    try {
      return new Font(ttf, pixelHeight);
    } finally {
      MemoryUtil.memFree(ttf);
    }
  }

  /** The line height in pixels. */
  public float size() {
    return pixelHeight;
  }

  /** Width of {@code text} in pixels. */
  public float width(String text) {
    float w = 0;
    for (int i = 0; i < text.length(); i++) {
      w += chars.get(index(text.charAt(i))).xadvance();
    }
    return w;
  }

  private static int index(char c) {
    return c >= FIRST && c < FIRST + COUNT ? c - FIRST : '?' - FIRST;
  }

  /**
   * Draws {@code text} with its top-left corner at (x, y) (the baseline is one ascent below y). Returns the x where
   * the next character would go.
   */
  public float draw(Canvas canvas, String text, double x, double y, int argb) {
    try (MemoryStack s = MemoryStack.stackPush()) {
      var px = s.floats((float) x);
      var py = s.floats((float) (y + ascent));
      STBTTAlignedQuad q = STBTTAlignedQuad.malloc(s);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == ' ') {
          px.put(0, px.get(0) + chars.get(0).xadvance());
          continue;
        }
        stbtt_GetBakedQuad(chars, atlasSize, atlasSize, index(c), px, py, q, true);
        canvas.texturedQuad(atlas.id(), q.x0(), q.y0(), q.x1(), q.y1(), q.s0(), q.t0(), q.s1(), q.t1(), argb);
      }
      return px.get(0);
    }
  }

  @Override
  public void close() {
    atlas.close();
    chars.free();
  }
}
