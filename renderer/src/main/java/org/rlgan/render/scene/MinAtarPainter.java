package org.rlgan.render.scene;

import org.rlgan.envs.minatar.MinAtarScene;
import org.rlgan.render.gl.Canvas;

/**
 * MinAtar's 10×10 grid as the reference's {@code display_state} shows it: each cell in the colour of its highest
 * active channel from {@link Colours#cubehelix(int)}, black where no channel is active, square cells.
 */
final class MinAtarPainter {

  private MinAtarPainter() {}

  static void paint(Canvas c, MinAtarScene s, double x, double y, double w, double h) {
    int n = s.size();
    double cell = Math.floor(Math.min(w, h) / n);
    double gx = x + (w - cell * n) / 2;
    double gy = y + (h - cell * n) / 2;
    c.rect(x, y, w, h, Colours.BLACK);
    int[] palette = Colours.cubehelix(s.channels().size());
    for (int r = 0; r < n; r++) {
      for (int col = 0; col < n; col++) {
        int ch = s.topChannel(r, col);
        if (ch >= 0) {
          c.rect(gx + col * cell, gy + r * cell, cell, cell, palette[ch]);
        }
      }
    }
  }
}
