package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.envs.minatar.Games.count;
import static org.rlgan.envs.minatar.Games.on;
import static org.rlgan.envs.minatar.MinAtarGame.LEFT;
import static org.rlgan.envs.minatar.MinAtarGame.NOOP;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Step;

/** Rules of reference {@code minatar/environments/breakout.py}, set up state by state. */
class BreakoutTest {

  private static final int C = 4; // paddle, ball, trail, brick

  @Test
  void startLayoutMatchesTheReference() {
    Set<Integer> starts = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
      int[] obs = env.reset(seed).observation();
      Breakout b = (Breakout) env.rules();
      assertTrue(on(obs, 9, 4, 0, C), "paddle at the bottom, column 4");
      assertEquals(30, count(obs, 3, C), "three rows of bricks");
      for (int x = 0; x < 10; x++) {
        assertTrue(on(obs, 1, x, 3, C) && on(obs, 2, x, 3, C) && on(obs, 3, x, 3, C));
      }
      assertEquals(3, b.ballY);
      assertTrue(b.ballX == 0 && b.ballDir == 2 || b.ballX == 9 && b.ballDir == 3, "reference's two starts");
      assertTrue(on(obs, 3, b.ballX, 1, C) && on(obs, 3, b.ballX, 2, C), "ball and trail on the start cell");
      starts.add(b.ballX);
    }
    assertEquals(Set.of(0, 9), starts, "both starts are drawn");
  }

  @Test
  void ballBreaksABrickBouncesBackAndScoresOne() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    b.ballX = 2;
    b.ballY = 4;
    b.ballDir = 1; // up-right into the brick at (3, 3)
    Step<int[]> s = env.step(NOOP);
    assertEquals(1.0, s.reward());
    assertFalse(s.terminated());
    assertFalse(b.brick(3, 3), "the brick is gone");
    assertFalse(on(s.observation(), 3, 3, 3, C));
    assertEquals(29, count(s.observation(), 3, C));
    assertEquals(3, b.ballX);
    assertEquals(4, b.ballY, "stays in its row");
    assertEquals(2, b.ballDir, "reflected to down-right");
    assertTrue(on(s.observation(), 4, 3, 1, C) && on(s.observation(), 4, 2, 2, C), "ball at (4,3), trail at (4,2)");
  }

  @Test
  void onlyOneBrickPerStrike() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    b.ballX = 2;
    b.ballY = 4;
    b.ballDir = 1;
    b.strike = true; // the previous frame hit a brick too: the reference lets the ball into this one
    Step<int[]> s = env.step(NOOP);
    assertEquals(0.0, s.reward());
    assertTrue(b.brick(3, 3));
    assertEquals(3, b.ballY);
    assertTrue(b.strike, "still striking");
  }

  @Test
  void wallsAndCeilingReflect() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    b.ballX = 9;
    b.ballY = 6;
    b.ballDir = 2; // down-right into the right wall
    env.step(NOOP);
    assertEquals(9, b.ballX);
    assertEquals(7, b.ballY);
    assertEquals(3, b.ballDir, "down-left");
    java.util.Arrays.fill(b.bricks, 0);
    b.bricks[5] = 1; // keep a brick so no refill
    b.ballX = 4;
    b.ballY = 0;
    b.ballDir = 0; // up-left into the ceiling
    env.step(NOOP);
    assertEquals(3, b.ballX);
    assertEquals(0, b.ballY);
    assertEquals(3, b.ballDir, "down-left");
  }

  @Test
  void paddleBouncesUpUnderTheOldColumnAndSidewaysUnderTheNew() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    b.ballX = 3;
    b.ballY = 8;
    b.ballDir = 2;
    b.pos = 3; // under the ball's old column
    Step<int[]> s = env.step(NOOP);
    assertFalse(s.terminated());
    assertEquals(4, b.ballX);
    assertEquals(8, b.ballY);
    assertEquals(1, b.ballDir, "up-right");

    b.ballX = 3;
    b.ballY = 8;
    b.ballDir = 2;
    b.pos = 4; // under the new column
    s = env.step(NOOP);
    assertFalse(s.terminated());
    assertEquals(4, b.ballX);
    assertEquals(8, b.ballY);
    assertEquals(0, b.ballDir, "up-left");
  }

  @Test
  void ballLostAtTheBottomTerminates() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    b.ballX = 2;
    b.ballY = 8;
    b.ballDir = 2; // lands on (9, 3)
    b.pos = 7;
    Step<int[]> s = env.step(LEFT); // paddle to 6: still missed
    assertTrue(s.terminated());
    assertFalse(s.truncated());
    assertEquals(0.0, s.reward());
    assertTrue(on(s.observation(), 9, 3, 1, C), "the ball is drawn on the bottom row");
    Step<int[]> after = env.step(NOOP);
    assertTrue(after.terminated(), "the reference keeps returning terminal");
    assertEquals(0.0, after.reward());
    assertEquals(6, b.pos, "nothing moves after the end");
  }

  @Test
  void clearedBoardRefillsWhenTheBallReachesTheBottom() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    java.util.Arrays.fill(b.bricks, 0);
    b.ballX = 0;
    b.ballY = 8;
    b.ballDir = 2;
    b.pos = 0;
    Step<int[]> s = env.step(NOOP);
    assertFalse(s.terminated());
    assertEquals(30, count(s.observation(), 3, C));
  }

  @Test
  void paddleMovesWithinTheBoard() {
    MinAtarEnv env = Games.env(MinAtar.Game.BREAKOUT);
    Breakout b = (Breakout) env.rules();
    for (int i = 0; i < 6; i++) {
      env.step(LEFT);
    }
    assertEquals(0, b.pos);
    assertEquals(-1, env.difficultyRamp(), "no ramp in Breakout");
  }
}
