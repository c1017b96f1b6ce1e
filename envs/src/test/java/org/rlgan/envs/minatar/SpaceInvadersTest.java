package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.envs.minatar.Games.count;
import static org.rlgan.envs.minatar.Games.on;
import static org.rlgan.envs.minatar.MinAtarGame.FIRE;
import static org.rlgan.envs.minatar.MinAtarGame.NOOP;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Step;

/** Rules of reference {@code minatar/environments/space_invaders.py}. */
class SpaceInvadersTest {

  private static final int C = 6; // cannon, alien, alien_left, alien_right, friendly_bullet, enemy_bullet

  private static SpaceInvaders lone(MinAtarEnv env, int y, int x) {
    SpaceInvaders s = (SpaceInvaders) env.rules();
    Arrays.fill(s.aliens, 0);
    s.aliens[y] = 1 << x;
    s.alienMoveTimer = 1000;
    s.alienShotTimer = 1000;
    return s;
  }

  @Test
  void startLayout() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    int[] obs = env.observation();
    assertTrue(on(obs, 9, 5, 0, C));
    assertEquals(24, count(obs, 1, C));
    assertEquals(24, count(obs, 2, C), "moving left at the start");
    assertEquals(0, count(obs, 3, C));
    for (int y = 0; y < 4; y++) {
      for (int x = 2; x < 8; x++) {
        assertTrue(on(obs, y, x, 1, C));
      }
    }
  }

  @Test
  void shootingAnAlienScoresAndAClearedWaveRespawnsFaster() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    SpaceInvaders s = lone(env, 7, 5);
    Step<int[]> st = env.step(FIRE);
    assertEquals(0.0, st.reward());
    assertTrue(on(st.observation(), 8, 5, 4, C), "the bullet starts in row 9 and moves up at once");
    st = env.step(NOOP);
    assertEquals(1.0, st.reward());
    assertEquals(0, count(st.observation(), 4, C), "bullet spent");
    assertEquals(24, count(st.observation(), 1, C), "new wave");
    assertEquals(11, s.enemyMoveInterval);
    assertEquals(1, env.difficultyRamp());
  }

  @Test
  void rampStopsAtSixAndNeedsRamping() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    SpaceInvaders s = lone(env, 7, 5);
    s.enemyMoveInterval = 6;
    env.step(FIRE);
    env.step(NOOP);
    assertEquals(6, s.enemyMoveInterval);

    MinAtarEnv flat = Games.env(MinAtar.Game.SPACE_INVADERS, false);
    SpaceInvaders f = lone(flat, 7, 5);
    flat.step(FIRE);
    assertEquals(1.0, flat.step(NOOP).reward());
    assertEquals(12, f.enemyMoveInterval);
    assertEquals(0, flat.difficultyRamp());
  }

  @Test
  void aliensMarchSidewaysThenStepDownAndTurn() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    SpaceInvaders s = (SpaceInvaders) env.rules();
    s.alienShotTimer = 1000;
    s.alienMoveTimer = 0;
    env.step(NOOP);
    assertTrue(on(env.observation(), 0, 1, 1, C) && !on(env.observation(), 0, 7, 1, C), "moved left by one");
    assertEquals(11, s.alienMoveTimer, "min(24 aliens, 12) - 1");
    s.alienMoveTimer = 0;
    for (int i = 0; i < 1; i++) {
      env.step(NOOP);
    }
    assertTrue(on(env.observation(), 0, 0, 1, C));
    s.alienMoveTimer = 0;
    env.step(NOOP); // at the left edge: down one row and turn right
    int[] obs = env.observation();
    assertTrue(on(obs, 1, 0, 1, C) && !on(obs, 0, 0, 1, C));
    assertEquals(24, count(obs, 3, C), "now moving right");
  }

  @Test
  void alienReachingTheBottomTerminates() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    SpaceInvaders s = lone(env, 9, 0);
    s.alienMoveTimer = 0; // at the left edge in the bottom row: stepping down ends the game
    Step<int[]> st = env.step(NOOP);
    assertTrue(st.terminated());
    assertTrue(on(st.observation(), 0, 0, 1, C), "np.roll wraps the alien to the top row");

    MinAtarEnv env2 = Games.env(MinAtar.Game.SPACE_INVADERS);
    lone(env2, 9, 5); // on the cannon
    assertTrue(env2.step(NOOP).terminated());
  }

  @Test
  void nearestAlienFiresAndItsBulletKills() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    SpaceInvaders s = lone(env, 2, 3);
    s.aliens[4] |= 1 << 7;
    s.aliens[6] |= 1 << 8;
    assertEquals(3, s.nearestAlienColumn(5), "ties go to the left column");
    s.alienShotTimer = 0;
    env.step(NOOP);
    assertTrue(on(env.observation(), 2, 3, 5, C), "fired from the lowest alien of that column");
    Arrays.fill(s.eBullets, 0);
    s.eBullets[8] = 1 << 5;
    s.alienShotTimer = 1000;
    assertTrue(env.step(NOOP).terminated());
  }

  @Test
  void shotCoolDownIsFiveFrames() {
    MinAtarEnv env = Games.env(MinAtar.Game.SPACE_INVADERS);
    lone(env, 0, 0);
    int fired = 0;
    for (int t = 0; t < 10; t++) {
      env.step(FIRE);
      fired += on(env.observation(), 8, 5, 4, C) ? 1 : 0;
    }
    assertEquals(2, fired, "frames 1 and 6");
  }
}
