package org.rlgan.render.scene;

import java.util.List;
import org.rlgan.envs.Scene;
import org.rlgan.envs.classic.AcrobotScene;
import org.rlgan.envs.classic.CartPoleScene;
import org.rlgan.envs.classic.MountainCarScene;
import org.rlgan.envs.classic.PendulumScene;
import org.rlgan.envs.minatar.MinAtarScene;
import org.rlgan.envs.toytext.BlackjackScene;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.envs.toytext.TaxiScene;
import org.rlgan.render.RenderException;
import org.rlgan.render.gl.Gfx;

/**
 * Draws any built-in environment's {@link Scene} into a viewport of the canvas, and tells a window how large to be
 * for it. Grid worlds take overlays (value heat map and policy arrows), one panel each, side by side.
 */
public final class Scenes {

  private Scenes() {}

  /** Draws {@code scene} into the rectangle (x, y, w, h) of the current frame, in canvas pixels. */
  public static void paint(Gfx g, Scene scene, double x, double y, double w, double h) {
    paint(g, scene, List.of(), x, y, w, h);
  }

  /**
   * Draws {@code scene}; for a {@link GridScene} each overlay gets its own panel (no overlays: the plain grid).
   * Overlays are ignored by the other scenes.
   */
  public static void paint(Gfx g, Scene scene, List<GridOverlay> overlays, double x, double y, double w, double h) {
    if (scene instanceof CartPoleScene s) {
      ClassicPainters.cartPole(g.canvas(), s, x, y, w, h);
    } else if (scene instanceof MountainCarScene s) {
      ClassicPainters.mountainCar(g.canvas(), s, x, y, w, h);
    } else if (scene instanceof AcrobotScene s) {
      ClassicPainters.acrobot(g.canvas(), s, x, y, w, h);
    } else if (scene instanceof PendulumScene s) {
      ClassicPainters.pendulum(g.canvas(), s, x, y, w, h);
    } else if (scene instanceof GridScene s) {
      ToyTextPainters.grid(g, s, overlays, x, y, w, h);
    } else if (scene instanceof TaxiScene s) {
      ToyTextPainters.taxi(g, s, x, y, w, h);
    } else if (scene instanceof BlackjackScene s) {
      ToyTextPainters.blackjack(g, s, x, y, w, h);
    } else if (scene instanceof MinAtarScene s) {
      MinAtarPainter.paint(g.canvas(), s, x, y, w, h);
    } else {
      throw new RenderException("no painter for scene kind '" + scene.kind() + "' (" + scene.getClass().getName()
          + ")");
    }
  }

  /** A good viewport size {width, height} for the scene: Gymnasium's screen size, or square cells for grids. */
  public static int[] preferredSize(Scene scene, int panels) {
    if (scene instanceof CartPoleScene || scene instanceof MountainCarScene) {
      return new int[] {ClassicPainters.CARTPOLE_W, ClassicPainters.CARTPOLE_H};
    }
    if (scene instanceof GridScene s) {
      int cell = Math.max(32, Math.min(80, 480 / Math.max(s.rows(), s.cols())));
      int p = Math.max(1, panels);
      double caption = panels > 0 ? ToyTextPainters.CAPTION : 0;
      return new int[] {cell * s.cols() * p, (int) (cell * s.rows() + caption)};
    }
    if (scene instanceof BlackjackScene) {
      return new int[] {600, 500};
    }
    return new int[] {ClassicPainters.SQUARE, ClassicPainters.SQUARE};
  }
}
