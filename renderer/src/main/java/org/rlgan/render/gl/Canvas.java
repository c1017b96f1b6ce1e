package org.rlgan.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;
import org.rlgan.render.RenderException;

/**
 * 2-D drawing in pixel coordinates (origin top left, y down) on an OpenGL 3.3 core context: filled rectangles,
 * triangles, thick lines, circles, images and text, batched into one vertex buffer and drawn with one shader. A
 * frame is {@link #begin(int, int)}, draw calls, {@link #end()}. Colours are {@code 0xAARRGGBB} ints; alpha blends.
 *
 * <p>Every primitive is triangles of (x, y, u, v, rgba) vertices; the fragment colour is the vertex colour times
 * the bound texture, a 1×1 white texel for solid shapes, a font atlas (white with alpha) for text, an RGBA image for
 * pictures. A change of texture or a full buffer flushes the batch.
 */
public final class Canvas implements AutoCloseable {

  private static final String VERTEX = """
      #version 330 core
      layout(location = 0) in vec2 pos;
      layout(location = 1) in vec2 uv;
      layout(location = 2) in vec4 colour;
      uniform vec2 size;
      out vec2 vUv;
      out vec4 vColour;
      void main() {
        // pixels (y down) to normalised device coordinates (y up)
        gl_Position = vec4(pos.x / size.x * 2.0 - 1.0, 1.0 - pos.y / size.y * 2.0, 0.0, 1.0);
        vUv = uv;
        vColour = colour;
      }
      """;
  private static final String FRAGMENT = """
      #version 330 core
      in vec2 vUv;
      in vec4 vColour;
      uniform sampler2D tex;
      out vec4 fragColour;
      void main() {
        fragColour = vColour * texture(tex, vUv);
      }
      """;
  /** Bytes per vertex: x, y, u, v floats and four colour bytes. */
  private static final int STRIDE = 20;
  private static final int MAX_VERTICES = 3 * 8192;

  private final int program;
  private final int sizeUniform;
  private final int vao;
  private final int vbo;
  private final Texture white;
  private final ByteBuffer vertices = MemoryUtil.memAlloc(MAX_VERTICES * STRIDE);
  private int count;
  private int texture;
  private int width;
  private int height;
  private int drawCalls;

  /** Compiles the shader and allocates the buffers on the current context. */
  public Canvas() {
    program = link(compile(GL_VERTEX_SHADER, VERTEX), compile(GL_FRAGMENT_SHADER, FRAGMENT));
    sizeUniform = glGetUniformLocation(program, "size");
    glUseProgram(program);
    glUniform1i(glGetUniformLocation(program, "tex"), 0);
    vao = glGenVertexArrays();
    vbo = glGenBuffers();
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, (long) MAX_VERTICES * STRIDE, GL_STREAM_DRAW);
    glVertexAttribPointer(0, 2, GL_FLOAT, false, STRIDE, 0);
    glVertexAttribPointer(1, 2, GL_FLOAT, false, STRIDE, 8);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, true, STRIDE, 16);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    ByteBuffer one = MemoryUtil.memAlloc(1).put(0, (byte) 255);
    try {
      white = Texture.alphaMask(one, 1, 1, false);
    } finally {
      MemoryUtil.memFree(one);
    }
  }

  private static int compile(int type, String source) {
    int s = glCreateShader(type);
    glShaderSource(s, source);
    glCompileShader(s);
    if (glGetShaderi(s, GL_COMPILE_STATUS) == GL_FALSE) {
      String log = glGetShaderInfoLog(s);
      glDeleteShader(s);
      throw new RenderException("shader did not compile: " + log);
    }
    return s;
  }

  private static int link(int vs, int fs) {
    int p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    if (glGetProgrami(p, GL_LINK_STATUS) == GL_FALSE) {
      throw new RenderException("shader program did not link: " + glGetProgramInfoLog(p));
    }
    return p;
  }

  /**
   * Starts a frame on the bound framebuffer of {@code width × height} pixels (sets the viewport, blending and the
   * shader).
   */
  public void begin(int width, int height) {
    this.width = width;
    this.height = height;
    drawCalls = 0;
    glViewport(0, 0, width, height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(program);
    glUniform2f(sizeUniform, width, height);
    glBindVertexArray(vao);
    glActiveTexture(GL_TEXTURE0);
    texture = white.id();
    glBindTexture(GL_TEXTURE_2D, texture);
    count = 0;
  }

  /** Draws what is batched; the frame is complete on the framebuffer after this. */
  public void end() {
    flush();
  }

  /** Width of the current frame, pixels. */
  public int width() {
    return width;
  }

  /** Height of the current frame, pixels. */
  public int height() {
    return height;
  }

  /** Draw calls issued in the current frame so far (for the benchmark). */
  public int drawCalls() {
    return drawCalls;
  }

  /** Fills the whole frame with one colour (the batch so far is drawn first). */
  public void clear(int argb) {
    flush();
    glClearColor((argb >>> 16 & 0xff) / 255f, (argb >>> 8 & 0xff) / 255f, (argb & 0xff) / 255f,
        (argb >>> 24) / 255f);
    glClear(GL_COLOR_BUFFER_BIT);
  }

  /** A filled axis-aligned rectangle. */
  public void rect(double x, double y, double w, double h, int argb) {
    quad(x, y, x + w, y, x + w, y + h, x, y + h, argb);
  }

  /** A rectangle outline of the given line width, drawn inside the rectangle. */
  public void rectOutline(double x, double y, double w, double h, double lineWidth, int argb) {
    rect(x, y, w, lineWidth, argb);
    rect(x, y + h - lineWidth, w, lineWidth, argb);
    rect(x, y + lineWidth, lineWidth, h - 2 * lineWidth, argb);
    rect(x + w - lineWidth, y + lineWidth, lineWidth, h - 2 * lineWidth, argb);
  }

  /** A filled convex quadrilateral, corners in order. */
  public void quad(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3,
      int argb) {
    useTexture(white.id());
    reserve(6);
    vertex(x0, y0, 0.5, 0.5, argb);
    vertex(x1, y1, 0.5, 0.5, argb);
    vertex(x2, y2, 0.5, 0.5, argb);
    vertex(x0, y0, 0.5, 0.5, argb);
    vertex(x2, y2, 0.5, 0.5, argb);
    vertex(x3, y3, 0.5, 0.5, argb);
  }

  /** A filled triangle. */
  public void triangle(double x0, double y0, double x1, double y1, double x2, double y2, int argb) {
    useTexture(white.id());
    reserve(3);
    vertex(x0, y0, 0.5, 0.5, argb);
    vertex(x1, y1, 0.5, 0.5, argb);
    vertex(x2, y2, 0.5, 0.5, argb);
  }

  /** A straight line of the given width (a rectangle along the segment, square ends flush with the points). */
  public void line(double x0, double y0, double x1, double y1, double lineWidth, int argb) {
    double dx = x1 - x0;
    double dy = y1 - y0;
    double len = Math.hypot(dx, dy);
    if (len == 0) {
      return;
    }
    double nx = -dy / len * lineWidth / 2;
    double ny = dx / len * lineWidth / 2;
    quad(x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny, argb);
  }

  /** A filled convex polygon (a triangle fan from the first point); xs and ys give the corners in order. */
  public void polygon(double[] xs, double[] ys, int argb) {
    for (int i = 1; i + 1 < xs.length; i++) {
      triangle(xs[0], ys[0], xs[i], ys[i], xs[i + 1], ys[i + 1], argb);
    }
  }

  /** A filled circle (a polygon of enough segments to look round at its size). */
  public void circle(double cx, double cy, double r, int argb) {
    int n = Math.max(12, Math.min(96, (int) Math.ceil(r * 1.5)));
    double px = cx + r;
    double py = cy;
    for (int i = 1; i <= n; i++) {
      double a = 2 * Math.PI * i / n;
      double qx = cx + r * Math.cos(a);
      double qy = cy + r * Math.sin(a);
      triangle(cx, cy, px, py, qx, qy, argb);
      px = qx;
      py = qy;
    }
  }

  /** A circle outline of the given line width, centred on the radius. */
  public void ring(double cx, double cy, double r, double lineWidth, int argb) {
    int n = Math.max(16, Math.min(96, (int) Math.ceil(r * 1.5)));
    double ri = r - lineWidth / 2;
    double ro = r + lineWidth / 2;
    for (int i = 0; i < n; i++) {
      double a0 = 2 * Math.PI * i / n;
      double a1 = 2 * Math.PI * (i + 1) / n;
      quad(cx + ri * Math.cos(a0), cy + ri * Math.sin(a0), cx + ro * Math.cos(a0), cy + ro * Math.sin(a0),
          cx + ro * Math.cos(a1), cy + ro * Math.sin(a1), cx + ri * Math.cos(a1), cy + ri * Math.sin(a1), argb);
    }
  }

  /** An arrow from (x0, y0) to (x1, y1): a shaft of the given width and a head {@code head} pixels long. */
  public void arrow(double x0, double y0, double x1, double y1, double lineWidth, double head, int argb) {
    double dx = x1 - x0;
    double dy = y1 - y0;
    double len = Math.hypot(dx, dy);
    if (len == 0) {
      return;
    }
    double ux = dx / len;
    double uy = dy / len;
    double h = Math.min(head, len);
    double bx = x1 - ux * h;
    double by = y1 - uy * h;
    line(x0, y0, bx, by, lineWidth, argb);
    triangle(x1, y1, bx - uy * h * 0.6, by + ux * h * 0.6, bx + uy * h * 0.6, by - ux * h * 0.6, argb);
  }

  /** Draws a texture into the rectangle, tinted by {@code argb} (0xFFFFFFFF: as it is). */
  public void image(Texture t, double x, double y, double w, double h, int argb) {
    texturedQuad(t.id(), x, y, x + w, y + h, 0, 0, 1, 1, argb);
  }

  /** A textured axis-aligned quad with texture coordinates (u0, v0) at the top left and (u1, v1) bottom right. */
  public void texturedQuad(int textureId, double x0, double y0, double x1, double y1, double u0, double v0,
      double u1, double v1, int argb) {
    useTexture(textureId);
    reserve(6);
    vertex(x0, y0, u0, v0, argb);
    vertex(x1, y0, u1, v0, argb);
    vertex(x1, y1, u1, v1, argb);
    vertex(x0, y0, u0, v0, argb);
    vertex(x1, y1, u1, v1, argb);
    vertex(x0, y1, u0, v1, argb);
  }

  private void useTexture(int id) {
    if (id != texture) {
      flush();
      texture = id;
      glBindTexture(GL_TEXTURE_2D, id);
    }
  }

  private void reserve(int n) {
    if (count + n > MAX_VERTICES) {
      flush();
    }
  }

  private void vertex(double x, double y, double u, double v, int argb) {
    int o = count * STRIDE;
    vertices.putFloat(o, (float) x).putFloat(o + 4, (float) y).putFloat(o + 8, (float) u)
        .putFloat(o + 12, (float) v);
    vertices.put(o + 16, (byte) (argb >>> 16)).put(o + 17, (byte) (argb >>> 8)).put(o + 18, (byte) argb)
        .put(o + 19, (byte) (argb >>> 24));
    count++;
  }

  private void flush() {
    if (count == 0) {
      return;
    }
    // bind again: a texture created or uploaded since the last flush (GAN views do) changed the binding
    glBindTexture(GL_TEXTURE_2D, texture);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    vertices.limit(count * STRIDE).position(0);
    glBufferSubData(GL_ARRAY_BUFFER, 0, vertices);
    vertices.clear();
    glDrawArrays(GL_TRIANGLES, 0, count);
    drawCalls++;
    count = 0;
  }

  @Override
  public void close() {
    white.close();
    glDeleteBuffers(vbo);
    glDeleteVertexArrays(vao);
    glDeleteProgram(program);
    MemoryUtil.memFree(vertices);
  }
}
