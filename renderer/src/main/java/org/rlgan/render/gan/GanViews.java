package org.rlgan.render.gan;

import org.rlgan.render.gl.Canvas;
import org.rlgan.render.gl.Gfx;
import org.rlgan.render.gl.Texture;
import org.rlgan.render.scene.Colours;

/**
 * Draws a {@link GanFrame}: 2-D data as the discriminator's decision surface (blue where D judges fake, white at
 * ½, red where it judges real) with the real samples in dark grey and the generated ones in orange over it;
 * images as a square grid of the generated samples, uploaded as one texture. Keeps the textures between frames;
 * create and close on the GL thread.
 */
public final class GanViews implements AutoCloseable {

  /** The real samples' colour. */
  public static final int REAL = Colours.rgb(40, 40, 40);
  /** The generated samples' colour. */
  public static final int FAKE = Colours.rgb(245, 130, 0);

  private Texture surface;
  private Texture grid;

  /** The surface colour of D = p: blue (0) through white (½) to red (1). */
  public static int surfaceColour(double p) {
    return org.rlgan.gan.pictures.DecisionSurface.colour(p);   // one colour scale for the window and plots/decision.png
  }

  /** The grid's columns for n images: the smallest square that holds them. */
  public static int columns(int n) {
    return (int) Math.ceil(Math.sqrt(n));
  }

  /** Draws the frame into (x, y, w, h), with its caption on top. */
  public void paint(Gfx g, GanFrame f, double x, double y, double w, double h) {
    Canvas c = g.canvas();
    c.rect(x, y, w, h, Colours.WHITE);
    double cap = g.small().size() + 8;
    g.small().draw(c, "step " + f.step() + "  " + f.caption(), x + 6, y + 4, Colours.BLACK);
    double side = Math.min(w, h - cap);
    double vx = x + (w - side) / 2;
    double vy = y + cap + (h - cap - side) / 2;
    if (f.twoD()) {
      paint2d(g, f, vx, vy, side);
    } else {
      paintGrid(g, f, vx, vy, side);
    }
  }

  /** Canvas position of data point (px, py) in a square view of the frame's bounds at (vx, vy), side s. */
  public static double[] toView(GanFrame f, double px, double py, double vx, double vy, double s) {
    double[] b = f.bounds();
    return new double[] {vx + (px - b[0]) / (b[1] - b[0]) * s, vy + (b[3] - py) / (b[3] - b[2]) * s};
  }

  private void paint2d(Gfx g, GanFrame f, double vx, double vy, double s) {
    Canvas c = g.canvas();
    if (f.res() > 0) {
      if (surface == null || surface.width() != f.res()) {
        if (surface != null) {
          surface.close();
        }
        surface = Texture.rgba(f.res(), f.res(), true);
      }
      int[] px = new int[f.res() * f.res()];
      for (int i = 0; i < px.length; i++) {
        px[i] = surfaceColour(f.surface()[i]);
      }
      surface.uploadArgb(px);
      // grid values are at cell centres; the texture's linear filter interpolates between them
      c.image(surface, vx, vy, s, s, Colours.WHITE);
    }
    double r = Math.max(1.5, s / 250);
    for (double[] p : f.real()) {
      double[] q = toView(f, p[0], p[1], vx, vy, s);
      c.rect(q[0] - r, q[1] - r, 2 * r, 2 * r, REAL);
    }
    for (double[] p : f.fake()) {
      double[] q = toView(f, p[0], p[1], vx, vy, s);
      c.rect(q[0] - r, q[1] - r, 2 * r, 2 * r, FAKE);
    }
  }

  private void paintGrid(Gfx g, GanFrame f, double vx, double vy, double s) {
    int n = f.images().length;
    int cols = columns(n);
    int rows = (n + cols - 1) / cols;
    int h = f.imageShape()[0];
    int w = f.imageShape()[1];
    int ch = f.imageShape()[2];
    int tw = cols * (w + 1) + 1;
    int th = rows * (h + 1) + 1;
    if (grid == null || grid.width() != tw || grid.height() != th) {
      if (grid != null) {
        grid.close();
      }
      grid = Texture.rgba(tw, th, false);
    }
    int[] px = new int[tw * th];
    java.util.Arrays.fill(px, Colours.rgb(60, 60, 60));
    for (int k = 0; k < n; k++) {
      int ox = 1 + (k % cols) * (w + 1);
      int oy = 1 + (k / cols) * (h + 1);
      float[] img = f.images()[k];
      for (int yy = 0; yy < h; yy++) {
        for (int xx = 0; xx < w; xx++) {
          int o = (yy * w + xx) * ch;
          int r = level(img[o]);
          int gg = ch == 3 ? level(img[o + 1]) : r;
          int b = ch == 3 ? level(img[o + 2]) : r;
          px[(oy + yy) * tw + ox + xx] = Colours.rgb(r, gg, b);
        }
      }
    }
    grid.uploadArgb(px);
    double scale = Math.min(s / tw, s / th);
    g.canvas().image(grid, vx + (s - tw * scale) / 2, vy + (s - th * scale) / 2, tw * scale, th * scale,
        Colours.WHITE);
  }

  /** [−1, 1] (tanh output) to 0–255. */
  static int level(float v) {
    return Math.round(Math.max(0, Math.min(1, (v + 1) / 2)) * 255);
  }

  @Override
  public void close() {
    if (surface != null) {
      surface.close();
    }
    if (grid != null) {
      grid.close();
    }
  }
}
