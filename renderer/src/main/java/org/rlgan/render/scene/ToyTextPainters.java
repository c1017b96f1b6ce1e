package org.rlgan.render.scene;

import static org.rlgan.render.scene.Colours.BLACK;
import static org.rlgan.render.scene.Colours.WHITE;
import static org.rlgan.render.scene.Colours.rgb;

import java.util.List;
import java.util.Locale;
import org.rlgan.envs.toytext.BlackjackScene;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.envs.toytext.TaxiScene;
import org.rlgan.render.gl.Canvas;
import org.rlgan.render.gl.Font;
import org.rlgan.render.gl.Gfx;

/**
 * The toy-text scenes: FrozenLake and CliffWalking as coloured grids (optionally with value heat maps and policy
 * arrows, one panel per {@link GridOverlay}, side by side), Taxi's walled 5×5 map, and the Blackjack table.
 * Gymnasium draws these with sprite sheets; flat colours carry the same information.
 */
final class ToyTextPainters {

  static final int ICE = rgb(190, 228, 250);
  static final int HOLE = rgb(18, 18, 24);
  static final int START = rgb(235, 245, 255);
  static final int GOAL = rgb(76, 175, 80);
  static final int GROUND = rgb(200, 214, 170);
  static final int CLIFF = rgb(93, 64, 55);
  static final int AGENT = rgb(245, 124, 0);
  static final int ARROW = rgb(255, 255, 255);
  static final int GRID_LINE = rgb(90, 90, 90);
  static final int TAXI = rgb(250, 200, 20);
  static final int TAXI_FULL = rgb(40, 170, 60);
  static final int PASSENGER = rgb(30, 90, 220);
  static final int TABLE = rgb(7, 99, 36);
  static final int[] STOPS = {rgb(220, 50, 50), rgb(60, 170, 60), rgb(230, 200, 30), rgb(60, 100, 220)};
  /** Space for a panel caption above a grid, pixels. */
  static final double CAPTION = 24;

  private ToyTextPainters() {}

  /** Direction (dx, dy) on screen (y down) of an action named left/right/up/down (any case), else null. */
  static int[] direction(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "left", "west" -> new int[] {-1, 0};
      case "right", "east" -> new int[] {1, 0};
      case "up", "north" -> new int[] {0, -1};
      case "down", "south" -> new int[] {0, 1};
      default -> null;
    };
  }

  static int cellColour(char c) {
    return switch (c) {
      case 'F' -> ICE;
      case 'H' -> HOLE;
      case 'S' -> START;
      case 'G' -> GOAL;
      case 'C' -> CLIFF;
      default -> GROUND;
    };
  }

  /** True for cells where no action is taken (holes, goals, the cliff). */
  static boolean terminalCell(char c) {
    return c == 'H' || c == 'G' || c == 'C';
  }

  /**
   * The grid geometry of one panel: cell size and the grid's top-left corner, for a {@code rows × cols} grid in
   * the panel (x, y, w, h) with {@code caption} pixels reserved on top.
   */
  static double[] gridLayout(int rows, int cols, double x, double y, double w, double h, double caption) {
    double cell = Math.floor(Math.min(w / cols, (h - caption) / rows));
    double gx = x + (w - cell * cols) / 2;
    double gy = y + caption + (h - caption - cell * rows) / 2;
    return new double[] {cell, gx, gy};
  }

  static void grid(Gfx g, GridScene s, List<GridOverlay> overlays, double x, double y, double w, double h) {
    Canvas c = g.canvas();
    c.rect(x, y, w, h, WHITE);
    int panels = Math.max(1, overlays.size());
    double pw = w / panels;
    for (int p = 0; p < panels; p++) {
      GridOverlay o = overlays.isEmpty() ? null : overlays.get(p);
      double caption = o == null ? 0 : CAPTION;
      double[] l = gridLayout(s.rows(), s.cols(), x + p * pw, y, pw, h, caption);
      double cell = l[0];
      double gx = l[1];
      double gy = l[2];
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      if (o != null) {
        for (int st = 0; st < s.rows() * s.cols(); st++) {
          if (!terminalCell(s.cell(st / s.cols(), st % s.cols()))) {
            lo = Math.min(lo, o.value(st));
            hi = Math.max(hi, o.value(st));
          }
        }
        String cap = String.format(Locale.ROOT, "%s  [%.3g, %.3g]", o.label(), lo, hi);
        g.small().draw(c, cap, gx, gy - caption + 4, BLACK);
      }
      for (int r = 0; r < s.rows(); r++) {
        for (int col = 0; col < s.cols(); col++) {
          char ch = s.cell(r, col);
          double cx = gx + col * cell;
          double cy = gy + r * cell;
          int colour = cellColour(ch);
          if (o != null && !terminalCell(ch)) {
            colour = Colours.viridis(hi > lo ? (o.value(r * s.cols() + col) - lo) / (hi - lo) : 0.5);
          }
          c.rect(cx, cy, cell, cell, colour);
          if (o != null && !terminalCell(ch)) {
            int a = o.action(r * s.cols() + col);
            int[] d = a >= 0 && a < s.actionNames().size() ? direction(s.actionNames().get(a)) : null;
            if (d != null) {
              double mx = cx + cell / 2;
              double my = cy + cell / 2;
              double len = cell * 0.38;
              c.arrow(mx - d[0] * len, my - d[1] * len, mx + d[0] * len, my + d[1] * len, Math.max(2, cell * 0.08),
                  cell * 0.3, ARROW);
            }
          }
        }
      }
      for (int r = 0; r <= s.rows(); r++) {
        c.rect(gx, gy + r * cell - 0.5, cell * s.cols(), 1, GRID_LINE);
      }
      for (int col = 0; col <= s.cols(); col++) {
        c.rect(gx + col * cell - 0.5, gy, 1, cell * s.rows(), GRID_LINE);
      }
      double ax = gx + (s.agentCol() + 0.5) * cell;
      double ay = gy + (s.agentRow() + 0.5) * cell;
      if (o == null) {
        c.circle(ax, ay, cell * 0.3, BLACK);
        c.circle(ax, ay, cell * 0.3 - Math.max(1, cell * 0.04), AGENT);
      } else {
        // a ring round the cell's edge, so that the arrow under the agent stays visible
        c.ring(ax, ay, cell * 0.44, Math.max(2, cell * 0.07), AGENT);
      }
    }
  }

  /** Taxi: cells with the four coloured stops, walls from the map's {@code |}, the taxi and the passenger. */
  static void taxi(Gfx g, TaxiScene s, double x, double y, double w, double h) {
    Canvas c = g.canvas();
    c.rect(x, y, w, h, WHITE);
    double margin = Math.max(4, Math.min(w, h) * 0.02);
    double[] l = gridLayout(5, 5, x + margin, y + margin, w - 2 * margin, h - 2 * margin, 0);
    double cell = l[0];
    double gx = l[1];
    double gy = l[2];
    c.rect(gx, gy, cell * 5, cell * 5, rgb(235, 235, 235));
    String[] letters = {"R", "G", "Y", "B"};
    for (int i = 0; i < 4; i++) {
      int[] loc = s.locations().get(i);
      c.rect(gx + loc[1] * cell, gy + loc[0] * cell, cell, cell, Colours.withAlpha(STOPS[i], 110));
    }
    int[] dest = s.locations().get(s.destination());
    double border = Math.max(2, cell * 0.08);
    c.rectOutline(gx + dest[1] * cell, gy + dest[0] * cell, cell, cell, border, STOPS[s.destination()]);
    for (int i = 0; i < 4; i++) {
      int[] loc = s.locations().get(i);
      g.small().draw(c, letters[i], gx + loc[1] * cell + border + 2, gy + loc[0] * cell + border, BLACK);
    }
    for (int r = 0; r <= 5; r++) {
      c.rect(gx, gy + r * cell - 0.5, cell * 5, 1, GRID_LINE);
    }
    for (int col = 0; col <= 5; col++) {
      c.rect(gx + col * cell - 0.5, gy, 1, cell * 5, GRID_LINE);
    }
    double wall = Math.max(3, cell * 0.08);
    for (int r = 0; r < 5; r++) {
      String line = s.map().get(r + 1);
      for (int col = 0; col < 4; col++) {
        if (line.charAt(2 * col + 2) == '|') {
          c.rect(gx + (col + 1) * cell - wall / 2, gy + r * cell, wall, cell, BLACK);
        }
      }
    }
    c.rectOutline(gx - wall, gy - wall, cell * 5 + 2 * wall, cell * 5 + 2 * wall, wall, BLACK);
    // the passenger waits in the upper half of its stop, the taxi fills the lower half of its cell: both show
    // when they share a cell
    if (!s.passengerInTaxi()) {
      int[] p = s.locations().get(s.passenger());
      c.circle(gx + (p[1] + 0.5) * cell, gy + (p[0] + 0.3) * cell, cell * 0.15, PASSENGER);
    }
    double tx = gx + s.taxiCol() * cell;
    double ty = gy + s.taxiRow() * cell;
    c.rect(tx + cell * 0.15, ty + cell * 0.5, cell * 0.7, cell * 0.4, s.passengerInTaxi() ? TAXI_FULL : TAXI);
  }

  /**
   * Blackjack: the dealer's showing card (its face and suit letter C, D, H or S: the bundled ASCII atlas has no suit
   * glyphs) and a face-down card, the player's hand, the sums.
   */
  static void blackjack(Gfx g, BlackjackScene s, double x, double y, double w, double h) {
    Canvas c = g.canvas();
    Font big = g.large();
    c.rect(x, y, w, h, TABLE);
    double cw = Math.min(w / 8, h / 4.5);
    double ch = cw * 1.4;
    double pad = cw * 0.25;
    big.draw(c, "Dealer: " + s.dealerShowing(), x + pad, y + pad, WHITE);
    double dy = y + pad * 2 + big.size();
    String top = s.dealerTopCardValue().isEmpty() ? face(s.dealerShowing()) : s.dealerTopCardValue();
    card(g, x + pad, dy, cw, ch, top + s.dealerTopCardSuit(), true);
    card(g, x + pad * 2 + cw, dy, cw, ch, "", false);
    double py = dy + ch + pad * 2;
    big.draw(c, "Player: " + s.playerSum() + (s.usableAce() ? " (usable ace)" : ""), x + pad, py, WHITE);
    py += big.size() + pad;
    for (int i = 0; i < s.player().size(); i++) {
      card(g, x + pad + i * (cw * 0.7 + pad), py, cw, ch, face(s.player().get(i)), true);
    }
  }

  private static String face(int value) {
    return value == 1 ? "A" : Integer.toString(value);
  }

  private static void card(Gfx g, double x, double y, double w, double h, String label, boolean up) {
    Canvas c = g.canvas();
    c.rect(x, y, w, h, BLACK);
    c.rect(x + 2, y + 2, w - 4, h - 4, up ? WHITE : rgb(150, 30, 30));
    if (up) {
      g.large().draw(c, label, x + 6, y + 6, BLACK);
    }
  }
}
