package org.rlgan.render.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlgan.render.gl.Canvas;
import org.rlgan.render.gl.Font;
import org.rlgan.render.gl.Gfx;
import org.rlgan.render.scene.Colours;

/**
 * The overlay panel beside a scene: episode, step, return, frames per second, the action taken, and Q(s, ·) as a
 * bar chart (the greedy action's bar highlighted, zero marked), then free lines (status, key help).
 */
public final class Hud {

  /** The panel's width in pixels. */
  public static final int WIDTH = 250;

  static final int BACKGROUND = Colours.rgb(32, 34, 40);
  static final int TEXT = Colours.rgb(230, 230, 230);
  static final int DIM = Colours.rgb(150, 150, 160);
  static final int BAR = Colours.rgb(90, 140, 220);
  static final int BEST = Colours.rgb(250, 190, 40);

  /**
   * What the panel shows.
   *
   * @param fps measured frames per second (NaN before the first second)
   * @param action the last action as text ("" before any)
   * @param qValues Q(s, ·) of the current state, or null
   * @param notes further lines (policy name, paused, key help)
   */
  public record State(int episode, int episodes, long step, double episodeReturn, double fps, double speed,
      String action, double[] qValues, List<String> actionNames, List<String> notes) {}

  private Hud() {}

  /** Draws the panel into (x, y, w, h). */
  public static void paint(Gfx g, State s, double x, double y, double w, double h) {
    Canvas c = g.canvas();
    Font f = g.small();
    c.rect(x, y, w, h, BACKGROUND);
    double lh = f.size() + 4;
    double ty = y + 8;
    double tx = x + 10;
    List<String> lines = new ArrayList<>();
    lines.add("episode " + s.episode() + (s.episodes() > 0 ? " / " + s.episodes() : ""));
    lines.add("step    " + s.step());
    lines.add(String.format(Locale.ROOT, "return  %.2f", s.episodeReturn()));
    lines.add(Double.isNaN(s.fps()) ? "fps     -" : String.format(Locale.ROOT, "fps     %.1f", s.fps())
        + (s.speed() != 1 ? String.format(Locale.ROOT, " (x%s)", trim(s.speed())) : ""));
    lines.add("action  " + s.action());
    for (String l : lines) {
      f.draw(c, l, tx, ty, TEXT);
      ty += lh;
    }
    double[] q = s.qValues();
    if (q != null && q.length > 0) {
      ty += 6;
      f.draw(c, "Q(s, a)", tx, ty, DIM);
      ty += lh;
      ty = bars(g, q, s.actionNames(), tx, ty, w - 20, lh);
    }
    ty += 6;
    for (String l : s.notes()) {
      if (ty + lh > y + h) {
        break;
      }
      f.draw(c, l, tx, ty, DIM);
      ty += lh;
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
  }

  /** Horizontal bars, one per action, scaled to max |Q|; returns the y below the chart. */
  static double bars(Gfx g, double[] q, List<String> names, double x, double y, double w, double lh) {
    Canvas c = g.canvas();
    Font f = g.small();
    int best = 0;
    double m = 0;
    for (int a = 0; a < q.length; a++) {
      if (q[a] > q[best]) {
        best = a;
      }
      m = Math.max(m, Math.abs(q[a]));
    }
    double label = f.width("dropoff ");
    double valueColumn = f.width(" -0.000e+00");
    double bw = w - label - valueColumn;
    boolean negative = false;
    for (double v : q) {
      negative |= v < 0;
    }
    double zero = negative ? x + label + bw / 2 : x + label;
    double half = negative ? bw / 2 : bw;
    for (int a = 0; a < q.length; a++) {
      String name = a < names.size() ? names.get(a) : Integer.toString(a);
      f.draw(c, name.length() > 7 ? name.substring(0, 7) : name, x, y, a == best ? BEST : TEXT);
      double len = m > 0 ? q[a] / m * half : 0;
      double top = y + 2;
      double bh = lh - 6;
      c.rect(Math.min(zero, zero + len), top, Math.abs(len), bh, a == best ? BEST : BAR);
      String v = String.format(Locale.ROOT, "%.3g", q[a]);
      f.draw(c, v, x + w - f.width(v), y, TEXT);
      y += lh;
    }
    c.rect(zero - 0.5, y - lh * q.length, 1, lh * q.length, DIM);
    return y;
  }
}
