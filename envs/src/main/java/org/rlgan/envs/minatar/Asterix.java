package org.rlgan.envs.minatar;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MinAtar Asterix (reference {@code minatar/environments/asterix.py}). The player moves in four directions within
 * rows 1..8; enemies and gold spawn at a side of a free row (one entity per row, eight rows) and cross the screen.
 * Touching gold gives +1 and removes it; touching an enemy ends the game. Spawning draws: left/right (1/2), gold
 * (1/3), then a uniform free row when there is one. Difficulty ramp: every {@value #RAMP_INTERVAL} + 2 frames the
 * spawn interval drops by one (from {@value #INIT_SPAWN_SPEED} to 1) and, on every other ramp, the move interval
 * too (from {@value #INIT_MOVE_INTERVAL} to 1).
 *
 * <p>State fields are package-private so tests can set up positions. Entity {@code i} lives in row {@code i + 1}.
 */
final class Asterix implements MinAtarGame {

  static final List<String> CHANNELS = List.of("player", "enemy", "trail", "gold");
  static final int RAMP_INTERVAL = 100;
  static final int INIT_SPAWN_SPEED = 10;
  static final int INIT_MOVE_INTERVAL = 5;
  static final int SLOTS = 8;

  private final boolean ramping;
  int playerX;
  int playerY;
  final boolean[] alive = new boolean[SLOTS];
  final int[] entX = new int[SLOTS];
  /** True: moving right (spawned at x = 0). */
  final boolean[] entRight = new boolean[SLOTS];
  final boolean[] entGold = new boolean[SLOTS];
  int spawnSpeed;
  int spawnTimer;
  int moveSpeed;
  int moveTimer;
  int rampTimer;
  int rampIndex;
  boolean terminal;
  private final int[] freeSlots = new int[SLOTS];

  Asterix(boolean ramping) {
    this.ramping = ramping;
  }

  @Override
  public String name() {
    return "asterix";
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public int[] minimalActionSet() {
    return new int[] {NOOP, LEFT, UP, RIGHT, DOWN};
  }

  @Override
  public void reset(RandomGenerator rng) {
    playerX = 5;
    playerY = 5;
    Arrays.fill(alive, false);
    spawnSpeed = INIT_SPAWN_SPEED;
    spawnTimer = spawnSpeed;
    moveSpeed = INIT_MOVE_INTERVAL;
    moveTimer = moveSpeed;
    rampTimer = RAMP_INTERVAL;
    rampIndex = 0;
    terminal = false;
  }

  @Override
  public int act(int a, RandomGenerator rng) {
    if (terminal) {
      return 0;
    }
    int r = 0;
    if (spawnTimer == 0) {
      spawnEntity(rng);
      spawnTimer = spawnSpeed;
    }
    switch (a) {
      case LEFT -> playerX = Math.max(0, playerX - 1);
      case RIGHT -> playerX = Math.min(9, playerX + 1);
      case UP -> playerY = Math.max(1, playerY - 1);
      case DOWN -> playerY = Math.min(8, playerY + 1);
      default -> { }
    }
    // Contact after the player's move, then after the entities' move.
    for (int i = 0; i < SLOTS; i++) {
      r += touch(i);
    }
    if (moveTimer == 0) {
      moveTimer = moveSpeed;
      for (int i = 0; i < SLOTS; i++) {
        if (alive[i]) {
          entX[i] += entRight[i] ? 1 : -1;
          if (entX[i] < 0 || entX[i] > 9) {
            alive[i] = false;
          }
          r += touch(i);
        }
      }
    }
    spawnTimer--;
    moveTimer--;
    if (ramping && (spawnSpeed > 1 || moveSpeed > 1)) {
      if (rampTimer >= 0) {
        rampTimer--;
      } else {
        if (moveSpeed > 1 && rampIndex % 2 != 0) {
          moveSpeed--;
        }
        if (spawnSpeed > 1) {
          spawnSpeed--;
        }
        rampIndex++;
        rampTimer = RAMP_INTERVAL;
      }
    }
    return r;
  }

  private int touch(int i) {
    if (alive[i] && entX[i] == playerX && i + 1 == playerY) {
      if (entGold[i]) {
        alive[i] = false;
        return 1;
      }
      terminal = true;
    }
    return 0;
  }

  private void spawnEntity(RandomGenerator rng) {
    boolean lr = rng.nextDouble() < 0.5;
    boolean gold = rng.nextDouble() < 1.0 / 3;
    int n = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (!alive[i]) {
        freeSlots[n++] = i;
      }
    }
    if (n == 0) {
      return;
    }
    int slot = freeSlots[rng.nextInt(n)];
    alive[slot] = true;
    entX[slot] = lr ? 0 : 9;
    entRight[slot] = lr;
    entGold[slot] = gold;
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
    obs[MinAtarGame.index(playerY, playerX, 0, c)] = 1;
    for (int i = 0; i < SLOTS; i++) {
      if (alive[i]) {
        obs[MinAtarGame.index(i + 1, entX[i], entGold[i] ? 3 : 1, c)] = 1;
        int back = entRight[i] ? entX[i] - 1 : entX[i] + 1;
        if (back >= 0 && back <= 9) {
          obs[MinAtarGame.index(i + 1, back, 2, c)] = 1;
        }
      }
    }
  }
}
