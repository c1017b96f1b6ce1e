package org.rlgan.envs.minatar;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MinAtar Seaquest (reference {@code minatar/environments/seaquest.py}). The submarine (front and back cells) moves in
 * rows 0..8 and fires sideways (cool-down {@value #SHOT_COOL_DOWN}); enemy fish and subs (subs shoot every
 * {@value #ENEMY_SHOT_INTERVAL} frames) cross rows 1..8, and divers can be picked up (at most 6). Shooting an enemy
 * gives +1. Oxygen ({@value #MAX_OXYGEN}) drops by one per frame below the surface. Surfacing with divers refills
 * oxygen and ramps the difficulty; with 6 divers it also pays {@code oxygen * 10 / 200} and empties them. The game is
 * over on contact with a fish, sub or enemy bullet, when oxygen has run out, or when surfacing with no diver.
 *
 * <p>Reference quirks kept on purpose: surfacing always removes one diver after the 6-diver payout, so the count goes
 * to -1 (the gauge then shows none, and the next surfacing does not end the game); a sub removed this frame (shot or
 * off screen) still fires if its shot timer is due; entities are removed from their lists by value, the first equal
 * one, and lists are walked backwards as Python's {@code reversed(list)} walks them while they shrink.
 *
 * <p>Random draws: enemy spawn = left/right (1/2), sub (1/3), row uniform in 1..8 (the spawn is dropped when an
 * enemy moves the other way in that row); diver spawn = left/right (1/2), row uniform in 1..8.
 *
 * <p>State fields are package-private so tests can set up positions.
 */
final class Seaquest implements MinAtarGame {

  static final List<String> CHANNELS = List.of("sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet",
      "enemy_fish", "enemy_sub", "oxygen_guage", "diver_guage", "diver");
  static final int MAX_OXYGEN = 200;
  static final int INIT_SPAWN_SPEED = 20;
  static final int DIVER_SPAWN_SPEED = 30;
  static final int INIT_MOVE_INTERVAL = 5;
  static final int SHOT_COOL_DOWN = 5;
  static final int ENEMY_SHOT_INTERVAL = 10;
  static final int DIVER_MOVE_INTERVAL = 5;

  /**
   * One entity as the reference's lists hold it: bullets {@code [x, y, right]}, fish and divers
   * {@code [x, y, right, moveTimer]}, subs {@code [x, y, right, moveTimer, shotTimer]} (unused fields stay 0).
   */
  static final class Thing {
    int x;
    int y;
    boolean right;
    int moveTimer;
    int shotTimer;

    Thing(int x, int y, boolean right, int moveTimer, int shotTimer) {
      this.x = x;
      this.y = y;
      this.right = right;
      this.moveTimer = moveTimer;
      this.shotTimer = shotTimer;
    }

    boolean sameValue(Thing o) {
      return x == o.x && y == o.y && right == o.right && moveTimer == o.moveTimer && shotTimer == o.shotTimer;
    }

    boolean at(int px, int py) {
      return x == px && y == py;
    }

    void advance() {
      x += right ? 1 : -1;
    }

    boolean offScreen() {
      return x < 0 || x > 9;
    }
  }

  private final boolean ramping;
  int oxygen;
  int diverCount;
  int subX;
  int subY;
  /** True: facing right. */
  boolean subOr;
  final ArrayList<Thing> fBullets = new ArrayList<>();
  final ArrayList<Thing> eBullets = new ArrayList<>();
  final ArrayList<Thing> eFish = new ArrayList<>();
  final ArrayList<Thing> eSubs = new ArrayList<>();
  final ArrayList<Thing> divers = new ArrayList<>();
  int eSpawnSpeed;
  int eSpawnTimer;
  int dSpawnTimer;
  int moveSpeed;
  int rampIndex;
  int shotTimer;
  boolean surface;
  boolean terminal;

  Seaquest(boolean ramping) {
    this.ramping = ramping;
  }

  @Override
  public String name() {
    return "seaquest";
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public int[] minimalActionSet() {
    return new int[] {NOOP, LEFT, UP, RIGHT, DOWN, FIRE};
  }

  @Override
  public void reset(RandomGenerator rng) {
    oxygen = MAX_OXYGEN;
    diverCount = 0;
    subX = 5;
    subY = 0;
    subOr = false;
    fBullets.clear();
    eBullets.clear();
    eFish.clear();
    eSubs.clear();
    divers.clear();
    eSpawnSpeed = INIT_SPAWN_SPEED;
    eSpawnTimer = eSpawnSpeed;
    dSpawnTimer = DIVER_SPAWN_SPEED;
    moveSpeed = INIT_MOVE_INTERVAL;
    rampIndex = 0;
    shotTimer = 0;
    surface = true;
    terminal = false;
  }

  /** Python's {@code list.remove(t)}: removes the first element equal in value to {@code t}. */
  private static void removeValue(ArrayList<Thing> list, Thing t) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).sameValue(t)) {
        list.remove(i);
        return;
      }
    }
    throw new IllegalStateException("seaquest: removing an entity that is not in its list");
  }

  @Override
  public int act(int a, RandomGenerator rng) {
    if (terminal) {
      return 0;
    }
    int r = 0;
    if (eSpawnTimer == 0) {
      spawnEnemy(rng);
      eSpawnTimer = eSpawnSpeed;
    }
    if (dSpawnTimer == 0) {
      spawnDiver(rng);
      dSpawnTimer = DIVER_SPAWN_SPEED;
    }

    if (a == FIRE && shotTimer == 0) {
      fBullets.add(new Thing(subX, subY, subOr, 0, 0));
      shotTimer = SHOT_COOL_DOWN;
    } else if (a == LEFT) {
      subX = Math.max(0, subX - 1);
      subOr = false;
    } else if (a == RIGHT) {
      subX = Math.min(9, subX + 1);
      subOr = true;
    } else if (a == UP) {
      subY = Math.max(0, subY - 1);
    } else if (a == DOWN) {
      subY = Math.min(8, subY + 1);
    }

    // Loops walk backwards and stop when the index passes the end, as Python's reversed() over a shrinking list.
    // Friendly bullets.
    for (int i = fBullets.size() - 1; i >= 0 && i < fBullets.size(); i--) {
      Thing b = fBullets.get(i);
      b.advance();
      if (b.offScreen()) {
        removeValue(fBullets, b);
        continue;
      }
      boolean removed = false;
      for (int j = 0; j < eFish.size(); j++) {
        Thing f = eFish.get(j);
        if (b.at(f.x, f.y)) {
          removeValue(eFish, f);
          removeValue(fBullets, b);
          r += 1;
          removed = true;
          break;
        }
      }
      if (!removed) {
        for (int j = 0; j < eSubs.size(); j++) {
          Thing s = eSubs.get(j);
          if (b.at(s.x, s.y)) {
            removeValue(eSubs, s);
            removeValue(fBullets, b);
            r += 1;
            break;
          }
        }
      }
    }

    // Divers.
    for (int i = divers.size() - 1; i >= 0 && i < divers.size(); i--) {
      Thing d = divers.get(i);
      if (d.at(subX, subY) && diverCount < 6) {
        removeValue(divers, d);
        diverCount++;
      } else if (d.moveTimer == 0) {
        d.moveTimer = DIVER_MOVE_INTERVAL;
        d.advance();
        if (d.offScreen()) {
          removeValue(divers, d);
        } else if (d.at(subX, subY) && diverCount < 6) {
          removeValue(divers, d);
          diverCount++;
        }
      } else {
        d.moveTimer--;
      }
    }

    // Enemy subs.
    for (int i = eSubs.size() - 1; i >= 0 && i < eSubs.size(); i--) {
      Thing s = eSubs.get(i);
      if (s.at(subX, subY)) {
        terminal = true;
      }
      if (s.moveTimer == 0) {
        s.moveTimer = moveSpeed;
        s.advance();
        if (s.offScreen()) {
          removeValue(eSubs, s);
        } else if (s.at(subX, subY)) {
          terminal = true;
        } else {
          r += shotBy(eSubs, s);
        }
      } else {
        s.moveTimer--;
      }
      if (s.shotTimer == 0) {
        s.shotTimer = ENEMY_SHOT_INTERVAL;
        eBullets.add(new Thing(s.x, s.y, s.right, 0, 0));
      } else {
        s.shotTimer--;
      }
    }

    // Enemy bullets.
    for (int i = eBullets.size() - 1; i >= 0 && i < eBullets.size(); i--) {
      Thing b = eBullets.get(i);
      if (b.at(subX, subY)) {
        terminal = true;
      }
      b.advance();
      if (b.offScreen()) {
        removeValue(eBullets, b);
      } else if (b.at(subX, subY)) {
        terminal = true;
      }
    }

    // Enemy fish.
    for (int i = eFish.size() - 1; i >= 0 && i < eFish.size(); i--) {
      Thing f = eFish.get(i);
      if (f.at(subX, subY)) {
        terminal = true;
      }
      if (f.moveTimer == 0) {
        f.moveTimer = moveSpeed;
        f.advance();
        if (f.offScreen()) {
          removeValue(eFish, f);
        } else if (f.at(subX, subY)) {
          terminal = true;
        } else {
          r += shotBy(eFish, f);
        }
      } else {
        f.moveTimer--;
      }
    }

    if (eSpawnTimer > 0) {
      eSpawnTimer--;
    }
    if (dSpawnTimer > 0) {
      dSpawnTimer--;
    }
    if (shotTimer > 0) {
      shotTimer--;
    }
    if (oxygen <= 0) {
      terminal = true;
    }
    if (subY > 0) {
      oxygen--;
      surface = false;
    } else if (!surface) {
      if (diverCount == 0) {
        terminal = true;
      } else {
        r += surface();
      }
    }
    return r;
  }

  /** An enemy that moved onto a friendly bullet: both go, +1. */
  private int shotBy(ArrayList<Thing> enemies, Thing e) {
    for (int j = 0; j < fBullets.size(); j++) {
      Thing b = fBullets.get(j);
      if (e.at(b.x, b.y)) {
        removeValue(enemies, e);
        removeValue(fBullets, b);
        return 1;
      }
    }
    return 0;
  }

  private int surface() {
    surface = true;
    int r;
    if (diverCount == 6) {
      diverCount = 0;
      r = oxygen * 10 / MAX_OXYGEN;
    } else {
      r = 0;
    }
    oxygen = MAX_OXYGEN;
    diverCount -= 1;
    if (ramping && (eSpawnSpeed > 1 || moveSpeed > 2)) {
      if (moveSpeed > 2 && rampIndex % 2 != 0) {
        moveSpeed--;
      }
      if (eSpawnSpeed > 1) {
        eSpawnSpeed--;
      }
      rampIndex++;
    }
    return r;
  }

  private void spawnEnemy(RandomGenerator rng) {
    boolean lr = rng.nextDouble() < 0.5;
    boolean isSub = rng.nextDouble() < 1.0 / 3;
    int x = lr ? 0 : 9;
    int y = 1 + rng.nextInt(8);
    for (Thing z : eSubs) {
      if (z.y == y && z.right != lr) {
        return;
      }
    }
    for (Thing z : eFish) {
      if (z.y == y && z.right != lr) {
        return;
      }
    }
    if (isSub) {
      eSubs.add(new Thing(x, y, lr, moveSpeed, ENEMY_SHOT_INTERVAL));
    } else {
      eFish.add(new Thing(x, y, lr, moveSpeed, 0));
    }
  }

  private void spawnDiver(RandomGenerator rng) {
    boolean lr = rng.nextDouble() < 0.5;
    int x = lr ? 0 : 9;
    int y = 1 + rng.nextInt(8);
    divers.add(new Thing(x, y, lr, DIVER_MOVE_INTERVAL, 0));
  }

  @Override
  public boolean terminal() {
    return terminal;
  }

  @Override
  public int difficultyRamp() {
    return rampIndex;
  }

  @Override
  public void render(int[] obs) {
    int c = CHANNELS.size();
    obs[MinAtarGame.index(subY, subX, 0, c)] = 1;
    obs[MinAtarGame.index(subY, subOr ? subX - 1 : subX + 1, 1, c)] = 1;
    int oxygenCells = Math.max(0, oxygen) * 10 / MAX_OXYGEN;
    for (int x = 0; x < oxygenCells; x++) {
      obs[MinAtarGame.index(9, x, 7, c)] = 1;
    }
    // state[9, 9 - diver_count : 9]: empty for a count of 0 or less (the reference's -1 after a payout).
    for (int x = Math.max(0, 9 - diverCount); x < 9; x++) {
      obs[MinAtarGame.index(9, x, 8, c)] = 1;
    }
    for (Thing b : fBullets) {
      obs[MinAtarGame.index(b.y, b.x, 2, c)] = 1;
    }
    for (Thing b : eBullets) {
      obs[MinAtarGame.index(b.y, b.x, 4, c)] = 1;
    }
    renderMovers(obs, eFish, 5, c);
    renderMovers(obs, eSubs, 6, c);
    renderMovers(obs, divers, 9, c);
  }

  private static void renderMovers(int[] obs, List<Thing> things, int channel, int c) {
    for (Thing t : things) {
      obs[MinAtarGame.index(t.y, t.x, channel, c)] = 1;
      int back = t.right ? t.x - 1 : t.x + 1;
      if (back >= 0 && back <= 9) {
        obs[MinAtarGame.index(t.y, back, 3, c)] = 1;
      }
    }
  }
}
