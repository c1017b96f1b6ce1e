package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.envs.minatar.Games.on;
import static org.rlgan.envs.minatar.MinAtarGame.DOWN;
import static org.rlgan.envs.minatar.MinAtarGame.NOOP;
import static org.rlgan.envs.minatar.MinAtarGame.UP;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Step;

/** Rules of reference {@code minatar/environments/freeway.py}. */
class FreewayTest {

  private static final int C = 7; // chicken, car, speed1..speed5

  /** Parks every car at x = 0 with a timer that never runs out. */
  private static Freeway parkCars(MinAtarEnv env) {
    Freeway f = (Freeway) env.rules();
    Arrays.fill(f.carX, 0);
    Arrays.fill(f.carTimer, 100_000);
    return f;
  }

  @Test
  void startLayout() {
    MinAtarEnv env = Games.env(MinAtar.Game.FREEWAY);
    int[] obs = env.observation();
    Freeway f = (Freeway) env.rules();
    assertTrue(on(obs, 9, 4, 0, C), "chicken at the bottom of column 4");
    for (int i = 0; i < Freeway.CARS; i++) {
      assertTrue(on(obs, i + 1, 0, 1, C), "cars start at x = 0");
      int v = f.carSpeed[i];
      assertTrue(Math.abs(v) >= 1 && Math.abs(v) <= 5);
      assertEquals(Math.abs(v), f.carTimer[i]);
      int back = v > 0 ? 9 : 1; // wraps around for right-moving cars
      assertTrue(on(obs, i + 1, back, 1 + Math.abs(v), C), "trail in the speed channel");
    }
  }

  @Test
  void movesOnlyEveryThreeFrames() {
    MinAtarEnv env = Games.env(MinAtar.Game.FREEWAY);
    Freeway f = parkCars(env);
    int[] pos = new int[11];
    for (int t = 1; t <= 10; t++) {
      env.step(UP);
      pos[t] = f.pos;
    }
    // reset sets the timer to 3: first move on frame 4, then every 3 frames.
    assertEquals(9, pos[3]);
    assertEquals(8, pos[4]);
    assertEquals(8, pos[6]);
    assertEquals(7, pos[7]);
    assertEquals(6, pos[10]);
    env.step(DOWN);
    env.step(DOWN);
    assertEquals(6, f.pos, "down waits for the same timer");
    env.step(DOWN);
    assertEquals(7, f.pos);
  }

  @Test
  void reachingTheTopScoresAndRedrawsSpeeds() {
    MinAtarEnv env = Games.env(MinAtar.Game.FREEWAY);
    Freeway f = parkCars(env);
    f.pos = 1;
    f.moveTimer = 0;
    int[] xs = f.carX.clone();
    Step<int[]> s = env.step(UP);
    assertEquals(1.0, s.reward());
    assertEquals(9, f.pos, "back to the bottom");
    assertTrue(on(s.observation(), 9, 4, 0, C));
    assertTrue(Arrays.equals(xs, f.carX), "positions kept, only speeds re-drawn");
    for (int i = 0; i < Freeway.CARS; i++) {
      assertEquals(Math.abs(f.carSpeed[i]) - 1, f.carTimer[i], "timer re-drawn with the speed, then counted down");
    }
  }

  @Test
  void aCarSendsTheChickenBack() {
    MinAtarEnv env = Games.env(MinAtar.Game.FREEWAY);
    Freeway f = parkCars(env);
    f.pos = 3; // row 3 is car 2
    f.carX[2] = 3;
    f.carSpeed[2] = 1;
    f.carTimer[2] = 0; // moves onto column 4 this frame
    Step<int[]> s = env.step(NOOP);
    assertEquals(9, f.pos);
    assertEquals(0.0, s.reward());
    assertFalse(s.terminated());

    f.pos = 5; // a car already standing in column 4
    f.carX[4] = 4;
    env.step(NOOP);
    assertEquals(9, f.pos);
  }

  @Test
  void carsWrapAround() {
    MinAtarEnv env = Games.env(MinAtar.Game.FREEWAY);
    Freeway f = parkCars(env);
    f.carX[0] = 0;
    f.carSpeed[0] = -2;
    f.carTimer[0] = 0;
    env.step(NOOP);
    assertEquals(9, f.carX[0]);
    assertEquals(2, f.carTimer[0]);
    assertTrue(on(env.observation(), 1, 0, 3, C), "trail of a left-moving car wraps to x = 0 in speed2");
  }

  @Test
  void gameEndsAfter2501Frames() {
    MinAtarEnv env = Games.env(MinAtar.Game.FREEWAY);
    for (int t = 1; t <= 2500; t++) {
      assertFalse(env.step(NOOP).terminated(), "frame " + t);
    }
    Step<int[]> s = env.step(NOOP);
    assertTrue(s.terminated(), "the reference's time limit is a game over");
    assertFalse(s.truncated());
  }
}
