package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.envs.minatar.Games.count;
import static org.rlgan.envs.minatar.Games.on;
import static org.rlgan.envs.minatar.MinAtarGame.NOOP;
import static org.rlgan.envs.minatar.MinAtarGame.RIGHT;
import static org.rlgan.envs.minatar.MinAtarGame.UP;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Step;

/** Rules of reference {@code minatar/environments/asterix.py}. */
class AsterixTest {

  private static final int C = 4; // player, enemy, trail, gold

  /** An entity in row {@code slot + 1} at {@code x}; timers pushed away so nothing else happens. */
  private static Asterix setUp(MinAtarEnv env, int slot, int x, boolean right, boolean gold) {
    Asterix a = (Asterix) env.rules();
    Arrays.fill(a.alive, false);
    a.alive[slot] = true;
    a.entX[slot] = x;
    a.entRight[slot] = right;
    a.entGold[slot] = gold;
    a.spawnTimer = 1000;
    a.moveTimer = 1000;
    return a;
  }

  @Test
  void walkingOntoGoldScoresAndRemovesIt() {
    MinAtarEnv env = Games.env(MinAtar.Game.ASTERIX);
    Asterix a = setUp(env, 4, 6, false, true); // row 5, the player's row
    int[] before = env.observation();
    assertTrue(on(before, 5, 6, 3, C) && on(before, 5, 7, 2, C), "gold at (5,6), trail behind it at (5,7)");
    Step<int[]> s = env.step(RIGHT);
    assertEquals(1.0, s.reward());
    assertFalse(s.terminated());
    assertFalse(a.alive[4]);
    assertEquals(0, count(s.observation(), 3, C));
    assertTrue(on(s.observation(), 5, 6, 0, C));
  }

  @Test
  void goldMovingOntoThePlayerScores() {
    MinAtarEnv env = Games.env(MinAtar.Game.ASTERIX);
    Asterix a = setUp(env, 4, 6, false, true);
    a.moveTimer = 0;
    Step<int[]> s = env.step(NOOP);
    assertEquals(1.0, s.reward());
    assertFalse(a.alive[4]);
    assertEquals(a.moveSpeed - 1, a.moveTimer, "move timer restarted then counted down");
  }

  @Test
  void enemyContactTerminates() {
    MinAtarEnv env = Games.env(MinAtar.Game.ASTERIX);
    setUp(env, 4, 6, false, false);
    Step<int[]> s = env.step(RIGHT);
    assertTrue(s.terminated());
    assertEquals(0.0, s.reward());

    MinAtarEnv env2 = Games.env(MinAtar.Game.ASTERIX);
    Asterix a2 = setUp(env2, 3, 5, true, false); // row 4, directly above
    assertFalse(env2.step(NOOP).terminated());
    a2.entX[3] = 5;
    assertTrue(env2.step(UP).terminated(), "moving into an enemy");
  }

  @Test
  void playerStaysInRowsOneToEight() {
    MinAtarEnv env = Games.env(MinAtar.Game.ASTERIX);
    Asterix a = setUp(env, 0, 0, false, true);
    a.alive[0] = false;
    for (int i = 0; i < 8; i++) {
      env.step(UP);
    }
    assertEquals(1, a.playerY);
  }

  @Test
  void firstSpawnOnFrameElevenAtASideMovingInward() {
    MinAtarEnv env = Games.env(MinAtar.Game.ASTERIX, false);
    Asterix a = (Asterix) env.rules();
    for (int i = 0; i < 10; i++) {
      env.step(NOOP);
    }
    assertEquals(0, count(env.observation(), 1, C) + count(env.observation(), 3, C));
    env.step(NOOP);
    int n = 0;
    for (int i = 0; i < Asterix.SLOTS; i++) {
      if (a.alive[i]) {
        n++;
        // Spawned at its side at the start of frame 11, the frame on which the move timer (5) runs out again.
        assertEquals(a.entRight[i] ? 1 : 8, a.entX[i], "spawned at its side and moved once");
      }
    }
    assertEquals(1, n);
  }

  @Test
  void rampEvery102FramesSpawnFirstThenMoveOnOddRamps() {
    MinAtarEnv env = Games.env(MinAtar.Game.ASTERIX);
    Asterix a = (Asterix) env.rules();
    int[] spawnAt = new int[300];
    int[] moveAt = new int[300];
    for (int t = 1; t < 300; t++) {
      env.step(NOOP);
      Arrays.fill(a.alive, false); // keep the player alive
      spawnAt[t] = a.spawnSpeed;
      moveAt[t] = a.moveSpeed;
    }
    assertEquals(10, spawnAt[101]);
    assertEquals(9, spawnAt[102]);
    assertEquals(5, moveAt[102], "no move change on ramp 0");
    assertEquals(9, spawnAt[203]);
    assertEquals(8, spawnAt[204]);
    assertEquals(4, moveAt[204], "move interval drops on ramp 1");
    assertEquals(2, a.rampIndex);

    MinAtarEnv flat = Games.env(MinAtar.Game.ASTERIX, false);
    Asterix f = (Asterix) flat.rules();
    for (int t = 1; t < 300; t++) {
      flat.step(NOOP);
      Arrays.fill(f.alive, false);
    }
    assertEquals(10, f.spawnSpeed);
    assertEquals(5, f.moveSpeed);
    assertEquals(0, flat.difficultyRamp());
  }
}
