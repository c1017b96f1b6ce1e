package org.rlgan.envs.minatar;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MinAtar Space Invaders (reference {@code minatar/environments/space_invaders.py}). The cannon moves along the
 * bottom row and fires upward (cool-down {@value #SHOT_COOL_DOWN} frames); a 4×6 block of aliens marches sideways,
 * stepping down and turning at an edge, every {@code min(aliens left, move interval)} frames, and the alien nearest
 * the cannon's column fires every {@value #ENEMY_SHOT_INTERVAL} frames. Each alien shot gives +1; an alien or enemy
 * bullet reaching the cannon, or an alien stepping down from the bottom row, ends the game. A cleared wave is
 * replaced at once and, with ramping, the move interval drops by one (from {@value #ENEMY_MOVE_INTERVAL} down to 6).
 * The game draws no random numbers.
 *
 * <p>Maps are bitboards, package-private for tests: bit x of {@code aliens[y]} is the alien at (y, x).
 */
final class SpaceInvaders implements MinAtarGame {

  static final List<String> CHANNELS =
      List.of("cannon", "alien", "alien_left", "alien_right", "friendly_bullet", "enemy_bullet");
  static final int SHOT_COOL_DOWN = 5;
  static final int ENEMY_MOVE_INTERVAL = 12;
  static final int ENEMY_SHOT_INTERVAL = 10;
  private static final int FULL_ROW = (1 << SIZE) - 1;
  private static final int WAVE_ROW = 0b0011111100; // columns 2..7

  private final boolean ramping;
  int pos;
  final int[] fBullets = new int[SIZE];
  final int[] eBullets = new int[SIZE];
  final int[] aliens = new int[SIZE];
  int alienDir;
  int enemyMoveInterval;
  int alienMoveTimer;
  int alienShotTimer;
  int rampIndex;
  int shotTimer;
  boolean terminal;

  SpaceInvaders(boolean ramping) {
    this.ramping = ramping;
  }

  @Override
  public String name() {
    return "space_invaders";
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public int[] minimalActionSet() {
    return new int[] {NOOP, LEFT, RIGHT, FIRE};
  }

  @Override
  public void reset(RandomGenerator rng) {
    pos = 5;
    Arrays.fill(fBullets, 0);
    Arrays.fill(eBullets, 0);
    Arrays.fill(aliens, 0);
    fillWave();
    alienDir = -1;
    enemyMoveInterval = ENEMY_MOVE_INTERVAL;
    alienMoveTimer = enemyMoveInterval;
    alienShotTimer = ENEMY_SHOT_INTERVAL;
    rampIndex = 0;
    shotTimer = 0;
    terminal = false;
  }

  private void fillWave() {
    for (int y = 0; y < 4; y++) {
      aliens[y] |= WAVE_ROW;
    }
  }

  private static boolean bit(int row, int x) {
    return (row >>> x & 1) != 0;
  }

  private int alienCount() {
    int n = 0;
    for (int row : aliens) {
      n += Integer.bitCount(row);
    }
    return n;
  }

  private int columnMask() {
    int m = 0;
    for (int row : aliens) {
      m |= row;
    }
    return m;
  }

  @Override
  public int act(int a, RandomGenerator rng) {
    if (terminal) {
      return 0;
    }
    int r = 0;
    if (a == FIRE && shotTimer == 0) {
      fBullets[9] |= 1 << pos;
      shotTimer = SHOT_COOL_DOWN;
    } else if (a == LEFT) {
      pos = Math.max(0, pos - 1);
    } else if (a == RIGHT) {
      pos = Math.min(9, pos + 1);
    }

    // Friendly bullets: np.roll(-1, axis=0), then the bottom row (row 0 wrapped round) is cleared.
    System.arraycopy(fBullets, 1, fBullets, 0, SIZE - 1);
    fBullets[9] = 0;
    // Enemy bullets: np.roll(1, axis=0), then the top row (row 9 wrapped round) is cleared.
    System.arraycopy(eBullets, 0, eBullets, 1, SIZE - 1);
    eBullets[0] = 0;
    if (bit(eBullets[9], pos)) {
      terminal = true;
    }

    if (bit(aliens[9], pos)) {
      terminal = true;
    }
    if (alienMoveTimer == 0) {
      alienMoveTimer = Math.min(alienCount(), enemyMoveInterval);
      int cols = columnMask();
      if ((bit(cols, 0) && alienDir < 0) || (bit(cols, 9) && alienDir > 0)) {
        alienDir = -alienDir;
        if (aliens[9] != 0) {
          terminal = true;
        }
        // np.roll(1, axis=0): every row moves down, the bottom row wraps to the top.
        int last = aliens[9];
        System.arraycopy(aliens, 0, aliens, 1, SIZE - 1);
        aliens[0] = last;
      } else {
        // np.roll(alienDir, axis=1) per row, with wrap-around.
        for (int y = 0; y < SIZE; y++) {
          int row = aliens[y];
          aliens[y] = alienDir > 0
              ? ((row << 1) | (row >>> 9)) & FULL_ROW
              : ((row >>> 1) | (row << 9)) & FULL_ROW;
        }
      }
      if (bit(aliens[9], pos)) {
        terminal = true;
      }
    }
    if (alienShotTimer == 0) {
      alienShotTimer = ENEMY_SHOT_INTERVAL;
      int col = nearestAlienColumn(pos);
      if (col < 0) {
        throw new IllegalStateException("space_invaders: no alien left to shoot (cannot happen in play)");
      }
      int y = SIZE - 1;
      while (!bit(aliens[y], col)) {
        y--;
      }
      eBullets[y] |= 1 << col;
    }

    for (int y = 0; y < SIZE; y++) {
      int kill = aliens[y] & fBullets[y];
      if (kill != 0) {
        r += Integer.bitCount(kill);
        aliens[y] &= ~kill;
        fBullets[y] &= ~kill;
      }
    }

    if (shotTimer > 0) {
      shotTimer--;
    }
    alienMoveTimer--;
    alienShotTimer--;
    if (alienCount() == 0) {
      if (enemyMoveInterval > 6 && ramping) {
        enemyMoveInterval--;
        rampIndex++;
      }
      fillWave();
    }
    return r;
  }

  /** The reference's {@code _nearest_alien}: columns by distance to {@code pos}, ties to the left; -1 if none. */
  int nearestAlienColumn(int pos) {
    int cols = columnMask();
    if (bit(cols, pos)) {
      return pos;
    }
    for (int d = 1; d < SIZE; d++) {
      if (pos - d >= 0 && bit(cols, pos - d)) {
        return pos - d;
      }
      if (pos + d < SIZE && bit(cols, pos + d)) {
        return pos + d;
      }
    }
    return -1;
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
    obs[MinAtarGame.index(9, pos, 0, c)] = 1;
    int dirChannel = alienDir < 0 ? 2 : 3;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int base = MinAtarGame.index(y, x, 0, c);
        if (bit(aliens[y], x)) {
          obs[base + 1] = 1;
          obs[base + dirChannel] = 1;
        }
        if (bit(fBullets[y], x)) {
          obs[base + 4] = 1;
        }
        if (bit(eBullets[y], x)) {
          obs[base + 5] = 1;
        }
      }
    }
  }
}
