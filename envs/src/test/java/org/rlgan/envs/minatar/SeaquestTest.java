package org.rlgan.envs.minatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.envs.minatar.Games.count;
import static org.rlgan.envs.minatar.Games.on;
import static org.rlgan.envs.minatar.MinAtarGame.DOWN;
import static org.rlgan.envs.minatar.MinAtarGame.FIRE;
import static org.rlgan.envs.minatar.MinAtarGame.NOOP;
import static org.rlgan.envs.minatar.MinAtarGame.UP;

import org.junit.jupiter.api.Test;
import org.rlgan.mdp.Step;

/** Rules of reference {@code minatar/environments/seaquest.py}. */
class SeaquestTest {

  private static final int C = 10;
  private static final int FRONT = 0;
  private static final int BACK = 1;
  private static final int F_BULLET = 2;
  private static final int E_BULLET = 4;
  private static final int OXYGEN = 7;
  private static final int DIVERS = 8;

  /** The sub at (y, x) under water, no spawns for a long while. */
  private static Seaquest quiet(MinAtarEnv env, int y, int x) {
    Seaquest s = (Seaquest) env.rules();
    s.eSpawnTimer = 1000;
    s.dSpawnTimer = 1000;
    s.subY = y;
    s.subX = x;
    s.surface = y == 0;
    return s;
  }

  @Test
  void startLayout() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    int[] obs = env.observation();
    assertTrue(on(obs, 0, 5, FRONT, C) && on(obs, 0, 6, BACK, C), "sub at the surface facing left");
    assertEquals(10, count(obs, OXYGEN, C), "full oxygen bar");
    assertEquals(0, count(obs, DIVERS, C));
    for (int t = 0; t < 30; t++) {
      assertFalse(env.step(NOOP).terminated(), "idling at the surface costs nothing at the start");
    }
  }

  @Test
  void surfacingWithDiversRefillsOxygenDropsOneDiverAndRamps() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 1, 5);
    s.diverCount = 2;
    s.oxygen = 50;
    assertEquals(2, count(env.observation(), DIVERS, C));
    Step<int[]> st = env.step(UP);
    assertFalse(st.terminated());
    assertEquals(0.0, st.reward());
    assertEquals(Seaquest.MAX_OXYGEN, s.oxygen);
    assertEquals(1, s.diverCount);
    assertEquals(1, s.rampIndex);
    assertEquals(19, s.eSpawnSpeed, "spawn interval drops on every surfacing");
    assertEquals(5, s.moveSpeed, "move interval drops on odd ramps only");
    assertEquals(10, count(st.observation(), OXYGEN, C));
    assertTrue(on(st.observation(), 9, 8, DIVERS, C));
  }

  @Test
  void surfacingWithSixDiversPaysForOxygenAndLeavesMinusOne() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 1, 5);
    s.diverCount = 6;
    s.oxygen = 100;
    Step<int[]> st = env.step(UP);
    assertEquals(5.0, st.reward(), "oxygen * 10 // 200");
    assertEquals(-1, s.diverCount, "the reference removes one more diver after emptying");
    assertEquals(0, count(st.observation(), DIVERS, C));
    // With -1 divers, diving and surfacing again does not end the game (the reference checks == 0).
    env.step(DOWN);
    Step<int[]> again = env.step(UP);
    assertFalse(again.terminated());
    assertEquals(-2, s.diverCount);
  }

  @Test
  void surfacingWithoutDiversTerminates() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    quiet(env, 1, 5);
    assertTrue(env.step(UP).terminated());
  }

  @Test
  void runningOutOfOxygenTerminates() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 3, 5);
    s.oxygen = 1;
    assertFalse(env.step(NOOP).terminated());
    assertEquals(0, s.oxygen);
    assertEquals(0, count(env.observation(), OXYGEN, C));
    assertTrue(env.step(NOOP).terminated(), "terminal once oxygen is 0 at the check");
  }

  @Test
  void oxygenFallsOnePerFrameUnderWater() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 0, 5);
    env.step(DOWN);
    for (int t = 0; t < 20; t++) {
      env.step(NOOP);
    }
    assertEquals(Seaquest.MAX_OXYGEN - 21, s.oxygen);
    assertEquals(8, count(env.observation(), OXYGEN, C), "179 * 10 // 200");
  }

  @Test
  void shootingAFishScoresOne() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 3, 5);
    s.subOr = true;
    s.eFish.add(new Seaquest.Thing(7, 3, false, 3, 0));
    Step<int[]> st = env.step(FIRE);
    assertEquals(0.0, st.reward());
    assertTrue(on(st.observation(), 3, 6, F_BULLET, C), "bullet fired from the front, moved one cell");
    st = env.step(NOOP);
    assertEquals(1.0, st.reward());
    assertTrue(s.eFish.isEmpty());
    assertTrue(s.fBullets.isEmpty());
    assertEquals(Seaquest.SHOT_COOL_DOWN - 2, s.shotTimer);
  }

  @Test
  void anEnemySubMovingOntoABulletIsShotAndStillFires() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 5, 1);
    s.fBullets.add(new Seaquest.Thing(3, 5, true, 0, 0)); // moves to (5,4)
    s.eSubs.add(new Seaquest.Thing(5, 5, false, 0, 0)); // moves to (5,4), its shot is due
    Step<int[]> st = env.step(NOOP);
    assertEquals(1.0, st.reward());
    assertTrue(s.eSubs.isEmpty());
    assertEquals(1, s.eBullets.size(), "the reference lets a removed sub fire");
    assertTrue(on(st.observation(), 5, 3, E_BULLET, C));
  }

  @Test
  void enemiesAndTheirBulletsKill() {
    MinAtarEnv fish = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(fish, 4, 5);
    s.eFish.add(new Seaquest.Thing(6, 4, false, 0, 0));
    assertTrue(fish.step(NOOP).terminated());

    MinAtarEnv bullet = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest b = quiet(bullet, 4, 5);
    b.eBullets.add(new Seaquest.Thing(7, 4, false, 0, 0));
    assertFalse(bullet.step(NOOP).terminated());
    assertTrue(bullet.step(NOOP).terminated());
  }

  @Test
  void diversArePickedUpUpToSix() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST);
    Seaquest s = quiet(env, 4, 5);
    s.divers.add(new Seaquest.Thing(6, 4, false, 0, 0));
    env.step(NOOP);
    assertEquals(1, s.diverCount);
    assertTrue(s.divers.isEmpty());

    s.diverCount = 6;
    s.divers.add(new Seaquest.Thing(6, 4, false, 0, 0));
    env.step(NOOP);
    assertEquals(6, s.diverCount);
    assertEquals(1, s.divers.size(), "a full sub passes through divers");
  }

  @Test
  void spawnsOnTheirTimers() {
    MinAtarEnv env = Games.env(MinAtar.Game.SEAQUEST, false);
    Seaquest s = (Seaquest) env.rules();
    env.step(DOWN); // leave the surface so nothing surfaces
    for (int t = 2; t <= 20; t++) {
      env.step(NOOP);
    }
    assertEquals(0, s.eFish.size() + s.eSubs.size());
    env.step(NOOP); // frame 21: first enemy (unless dropped, which cannot happen with none on screen)
    assertEquals(1, s.eFish.size() + s.eSubs.size());
    for (int t = 22; t <= 30; t++) {
      env.step(NOOP);
    }
    assertEquals(0, s.divers.size());
    env.step(NOOP); // frame 31: first diver
    assertEquals(1, s.divers.size());
  }
}
