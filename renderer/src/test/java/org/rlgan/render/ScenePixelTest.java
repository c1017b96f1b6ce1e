package org.rlgan.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlgan.envs.HasScene;
import org.rlgan.envs.Registry;
import org.rlgan.envs.Scene;
import org.rlgan.envs.classic.Acrobot;
import org.rlgan.envs.classic.CartPole;
import org.rlgan.envs.classic.MountainCar;
import org.rlgan.envs.classic.Pendulum;
import org.rlgan.envs.minatar.MinAtarScene;
import org.rlgan.envs.toytext.FrozenLake;
import org.rlgan.envs.toytext.GridScene;
import org.rlgan.envs.toytext.TaxiScene;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.solve.PolicyIteration;
import org.rlgan.mdp.solve.Solution;
import org.rlgan.render.scene.Colours;
import org.rlgan.render.scene.GridOverlay;
import org.rlgan.render.scene.Scenes;

/**
 * Scenes rendered offscreen from known states, with assertions on the pixels that carry the state: where Gymnasium's
 * formulas put the cart, the pole, the car, the links, the rod; MinAtar cells in the reference palette; policy
 * arrows in the directions of mdp-core's exact solution.
 */
@ExtendWith(HeadlessDisplay.class)
class ScenePixelTest {

  static Offscreen off;

  @BeforeAll
  static void open() {
    off = new Offscreen(600, 400);
  }

  @AfterAll
  static void close() {
    off.close();
  }

  static int[] draw(Scene s, int w, int h) {
    return draw(s, List.of(), w, h);
  }

  static int[] draw(Scene s, List<GridOverlay> overlays, int w, int h) {
    off.resize(w, h);
    return off.render(g -> Scenes.paint(g, s, overlays, 0, 0, w, h));
  }

  static int at(int[] px, int w, double x, double y) {
    return px[(int) Math.floor(y) * w + (int) Math.floor(x)];
  }

  static Env<?, ?> make(String id) {
    Env<?, ?> env = Registry.builtin().make(id);
    env.reset(0);
    return env;
  }

  static Scene scene(Env<?, ?> env) {
    return ((HasScene) env.unwrapped()).scene();
  }

  static final int POLE = Colours.rgb(202, 152, 101);

  @Test
  void cartIsWhereItsXPutsItAndThePoleLeansByItsAngle() {
    Env<?, ?> env = make("CartPole-v1");
    CartPole cp = (CartPole) env.unwrapped();
    for (double x : new double[] {-1.5, 0.0, 1.0}) {
      for (double th : new double[] {-0.2, 0.2}) {
        cp.setState(new double[] {x, 0, th, 0});
        int[] px = draw(scene(env), 600, 400);
        // Gymnasium: scale = 600 / 4.8 = 125 px/m, cart centre at x * scale + 300, y = 100 from the bottom
        double cartX = x * 125 + 300;
        assertEquals(Colours.BLACK, at(px, 600, cartX + 20, 400 - 100 - 10), "cart body at x=" + x);
        assertEquals(Colours.BLACK, at(px, 600, cartX - 20, 400 - 100 + 10), "cart body at x=" + x);
        assertEquals(Colours.WHITE, at(px, 600, cartX + 35, 400 - 100 - 10), "right of the 50-px cart");
        assertEquals(Colours.WHITE, at(px, 600, cartX - 35, 400 - 100 - 10), "left of the 50-px cart");
        // the pole from the axle (7.5 px above the cart's centre), 125 px long, at th from vertical (+ = right)
        double ax = cartX;
        double ay = 400 - 107.5;
        for (double r : new double[] {40, 80, 110}) {
          assertEquals(POLE, at(px, 600, ax + r * Math.sin(th), ay - r * Math.cos(th)), "pole at r=" + r);
          assertEquals(Colours.WHITE, at(px, 600, ax - r * Math.sin(th), ay - r * Math.cos(th)),
              "mirror side must be empty at r=" + r);
        }
        assertEquals(Colours.WHITE, at(px, 600, ax + 140 * Math.sin(th), ay - 140 * Math.cos(th)), "past the tip");
      }
    }
  }

  @Test
  void mountainCarSitsOnTheHillAtItsPositionAndTheFlagAtTheGoal() {
    Env<?, ?> env = make("MountainCar-v0");
    MountainCar mc = (MountainCar) env.unwrapped();
    for (double pos : new double[] {-1.0, -0.5, 0.3}) {
      mc.setState(new double[] {pos, 0});
      int[] px = draw(scene(env), 600, 400);
      double scale = 600 / 1.8;
      double hill = Math.sin(3 * pos) * 0.45 + 0.55;
      double a = Math.cos(3 * pos);
      // the body's centre: (0, 10) in the car's frame, rotated by cos(3 pos), above the 10-px clearance
      double cx = (pos + 1.2) * scale - 10 * Math.sin(a);
      double cy = 400 - (10 + hill * scale + 10 * Math.cos(a));
      assertEquals(Colours.BLACK, at(px, 600, cx, cy), "car body at " + pos);
      assertEquals(Colours.WHITE, at(px, 600, cx, cy - 40), "sky above the car at " + pos);
    }
    double flagX = (0.5 + 1.2) * 600 / 1.8;
    double flagTop = 400 - ((Math.sin(1.5) * 0.45 + 0.55) * 600 / 1.8 + 50);
    assertEquals(Colours.rgb(204, 204, 0), at(px(env), 600, flagX + 8, flagTop + 5));
  }

  private static int[] px(Env<?, ?> env) {
    return draw(scene(env), 600, 400);
  }

  @Test
  void acrobotLinksFollowTheirAngles() {
    Env<?, ?> env = make("Acrobot-v1");
    Acrobot ac = (Acrobot) env.unwrapped();
    // link 1 horizontal to the right (th1 = pi/2), link 2 straight on (th2 = 0), then link 2 folded up
    ac.setState(new double[] {Math.PI / 2, 0, 0, 0});
    int[] px = draw(scene(env), 500, 500);
    double scale = 500 / 4.4;
    int link = Colours.rgb(0, 204, 204);
    assertEquals(link, at(px, 500, 250 + 0.5 * scale, 250), "link 1 to the right");
    assertEquals(link, at(px, 500, 250 + 1.5 * scale, 250), "link 2 continues right");
    assertEquals(Colours.WHITE, at(px, 500, 250 - 0.5 * scale, 250), "nothing to the left");
    ac.setState(new double[] {Math.PI / 2, Math.PI / 2, 0, 0});
    px = draw(scene(env), 500, 500);
    assertEquals(link, at(px, 500, 250 + scale, 250 - 0.5 * scale), "link 2 points up from the elbow");
    assertEquals(Colours.WHITE, at(px, 500, 250 + 1.5 * scale, 250), "link 2 no longer to the right");
    assertEquals(Colours.BLACK, at(px, 500, 250 + 2 * scale, 250 - scale), "the target bar at y = 1");
  }

  @Test
  void pendulumRodPointsAtItsAngle() {
    Env<?, ?> env = make("Pendulum-v1");
    Pendulum p = (Pendulum) env.unwrapped();
    int rod = Colours.rgb(204, 77, 77);
    double scale = 500 / 4.4;
    for (double th : new double[] {0, 1.0, -2.0, Math.PI}) {
      p.setState(new double[] {th, 0});
      int[] px = draw(scene(env), 500, 500);
      // theta 0 = up, counter-clockwise positive: the tip is at (-sin th, cos th) in y-up coordinates
      double r = 0.7 * scale;
      assertEquals(rod, at(px, 500, 250 - r * Math.sin(th), 250 - r * Math.cos(th)), "rod at th=" + th);
      assertEquals(Colours.WHITE, at(px, 500, 250 + r * Math.sin(th), 250 + r * Math.cos(th)), "opposite th=" + th);
    }
  }

  @Test
  void minAtarCellsTakeTheReferencePaletteColourOfTheirTopChannel() {
    // seaborn.color_palette("cubehelix", 4)[0]: matplotlib's cubehelix at index int(0.2 * 256) = 51, x = 0.2:
    // a = 0.08, phi = 2 pi (1/6 - 0.3); r = 0.2 + a(-0.14861 cos phi + 1.78277 sin phi) = 0.0861 -> 22,
    // g = 0.2 + a(-0.29227 cos phi - 0.90649 sin phi) = 0.2383 -> 61, b = 0.2 + a(1.97294 cos phi) = 0.3056 -> 78
    assertEquals(Colours.rgb(22, 61, 78), Colours.cubehelix(4)[0]);
    @SuppressWarnings("unchecked")
    Env<?, Integer> env = (Env<?, Integer>) make("MinAtar/Breakout-v1");
    env.step(0);   // at reset the trail channel covers the ball (the reference shows the higher channel)
    MinAtarScene s = (MinAtarScene) scene(env);
    int ball = s.channels().indexOf("ball");
    int[] palette = Colours.cubehelix(4);
    int[] px = draw(s, 400, 400);
    int found = 0;
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        int expect = s.topChannel(y, x) < 0 ? Colours.BLACK : palette[s.topChannel(y, x)];
        assertEquals(expect, at(px, 400, x * 40 + 20, y * 40 + 20), "cell " + y + "," + x);
        if (s.topChannel(y, x) == ball) {
          found++;
        }
      }
    }
    assertEquals(1, found, "one ball on the screen");
    // the distinct colours: black, and one per channel shown
    assertEquals(4, Arrays.stream(palette).distinct().count());
  }

  @Test
  void frozenLakePolicyArrowsPointTheOptimalWay() {
    Env<?, ?> env = make("FrozenLake-v1");
    FrozenLake fl = (FrozenLake) env.unwrapped();
    Solution sol = new PolicyIteration(PolicyIteration.Config.of(0.99)).solve(fl.transitionModel());
    GridScene s = (GridScene) scene(env);
    GridOverlay o = new GridOverlay("exact V*", sol.values(), sol.policy());
    int w = 400;
    int h = 424;
    int[] px = draw(s, List.of(o), w, h);
    // layout: 24-px caption, then 4 cells of 100 px
    int[][] dirs = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};   // Left, Down, Right, Up
    int checked = 0;
    for (int st = 0; st < 16; st++) {
      char c = s.cell(st / 4, st % 4);
      if (c == 'H' || c == 'G') {
        continue;
      }
      double cx = (st % 4) * 100 + 50;
      double cy = 24 + (st / 4) * 100 + 50;
      // centroid of the white arrow pixels relative to the cell centre (the head's mass pulls it to the tip)
      double sx = 0;
      double sy = 0;
      int n = 0;
      for (int y = -45; y <= 45; y++) {
        for (int x = -45; x <= 45; x++) {
          if (at(px, w, cx + x, cy + y) == Colours.WHITE) {
            sx += x;
            sy += y;
            n++;
          }
        }
      }
      assertTrue(n > 30, "an arrow in state " + st);
      int a = sol.policy()[st];
      assertTrue(sx * dirs[a][0] + sy * dirs[a][1] > 2 * n, "state " + st + " arrow toward " + s.actionNames().get(a)
          + " (centroid " + sx / n + "," + sy / n + ")");
      checked++;
    }
    assertEquals(11, checked);
    // the well-known optimal slippery 4x4 policy in the unambiguous states: 0 Left, 1-3 Up, 9 Down, 13 Right, 14 Down
    assertArrayEquals(new int[] {0, 3, 3, 3, 1, 2, 1}, new int[] {sol.policy()[0], sol.policy()[1], sol.policy()[2],
        sol.policy()[3], sol.policy()[9], sol.policy()[13], sol.policy()[14]});
  }

  @Test
  void exactAndLearnedOverlaysSitSideBySide() {
    Env<?, ?> env = make("FrozenLake-v1");
    FrozenLake fl = (FrozenLake) env.unwrapped();
    Solution sol = new PolicyIteration(PolicyIteration.Config.of(0.99)).solve(fl.transitionModel());
    double[][] q = new double[16][4];
    for (int st = 0; st < 16; st++) {
      q[st][(st + 2) % 4] = 1;   // a "learned" table whose greedy action differs from the exact one
    }
    GridScene s = (GridScene) scene(env);
    int[] both = draw(s, List.of(new GridOverlay("exact", sol.values(), sol.policy()), GridOverlay.fromQ("learned",
        q)), 800, 424);
    int[] left = draw(s, List.of(new GridOverlay("exact", sol.values(), sol.policy())), 400, 424);
    int diffLeft = 0;
    for (int y = 30; y < 424; y++) {
      for (int x = 0; x < 400; x++) {
        if (both[y * 800 + x] != left[y * 400 + x]) {
          diffLeft++;
        }
      }
    }
    assertEquals(0, diffLeft, "the left panel is the exact overlay alone");
    int diffRight = 0;
    for (int y = 30; y < 424; y++) {
      for (int x = 0; x < 400; x++) {
        if (both[y * 800 + 400 + x] != left[y * 400 + x]) {
          diffRight++;
        }
      }
    }
    assertTrue(diffRight > 2000, "the right panel shows the other policy and values: " + diffRight);
  }

  @Test
  void taxiIsDrawnInItsCellAndThePassengerAtItsStop() {
    Env<?, ?> env = Registry.builtin().make("Taxi-v3");
    env.reset(3);
    TaxiScene s = (TaxiScene) scene(env);
    int[] px = draw(s, 500, 500);
    // 10-px margin (2 % of 500), then 5 cells of 96 px
    int cell = 96;
    int m = 10;
    int taxi = at(px, 500, m + s.taxiCol() * cell + 48, m + s.taxiRow() * cell + 67);
    assertEquals(s.passengerInTaxi() ? Colours.rgb(40, 170, 60) : Colours.rgb(250, 200, 20), taxi);
    if (!s.passengerInTaxi()) {
      int[] p = s.locations().get(s.passenger());
      assertEquals(Colours.rgb(30, 90, 220), at(px, 500, m + p[1] * cell + 48, m + p[0] * cell + 29));
    }
    // the wall between (0,1) and (0,2) in Gymnasium's map "|R: | : :G|"
    assertEquals(Colours.BLACK, at(px, 500, m + 2 * cell, m + 48));
    assertNotEquals(Colours.BLACK, at(px, 500, m + cell, m + 2 * cell + 48), "no wall between (2,0) and (2,1)");
    assertEquals(Colours.BLACK, at(px, 500, m - 2, 250), "the outer wall");
  }

  @Test
  void everyRegisteredEnvironmentHasAScene() {
    for (String id : Registry.builtin().ids()) {
      Env<?, ?> env = Registry.builtin().make(id, Map.of());
      env.reset(0);
      Scene s = scene(env);
      int[] size = Scenes.preferredSize(s, 0);
      int[] px = draw(s, size[0], size[1]);
      assertTrue(Arrays.stream(px).distinct().count() >= 2, id + " draws something");
    }
  }
}
