package org.rlgan.envs.minatar;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MinAtar Freeway (reference {@code minatar/environments/freeway.py}). The chicken in column 4 moves up or down at
 * most once every {@value #PLAYER_SPEED} frames; reaching the top row gives +1, sends it back to the bottom and
 * re-draws the car speeds. Eight cars, one per row 1..8, move one cell every 1..5 frames and wrap around; a car
 * touching the chicken sends it back to row 9. The game is over after {@value #TIME_LIMIT} + 1 frames. Random draws:
 * eight speeds uniform in 1..5 then eight directions ±1, at reset (cars then start at x = 0) and at every crossing.
 * No difficulty ramp.
 *
 * <p>State fields are package-private so tests can set up positions. Car {@code i} lives in row {@code i + 1}.
 */
final class Freeway implements MinAtarGame {

  static final List<String> CHANNELS = List.of("chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5");
  static final int PLAYER_SPEED = 3;
  static final int TIME_LIMIT = 2500;
  static final int CARS = 8;

  int pos;
  int moveTimer;
  int terminateTimer;
  final int[] carX = new int[CARS];
  /** Frames until the car moves next. */
  final int[] carTimer = new int[CARS];
  /** Signed speed: |v| is the move interval in frames, the sign the direction. */
  final int[] carSpeed = new int[CARS];
  boolean terminal;

  @Override
  public String name() {
    return "freeway";
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public int[] minimalActionSet() {
    return new int[] {NOOP, UP, DOWN};
  }

  @Override
  public void reset(RandomGenerator rng) {
    randomizeCars(rng, true);
    pos = 9;
    moveTimer = PLAYER_SPEED;
    terminateTimer = TIME_LIMIT;
    terminal = false;
  }

  private void randomizeCars(RandomGenerator rng, boolean initialize) {
    // randint(1, 6, 8) then choice([-1, 1], 8): all speeds first, then all directions.
    for (int i = 0; i < CARS; i++) {
      carSpeed[i] = 1 + rng.nextInt(5);
    }
    for (int i = 0; i < CARS; i++) {
      if (rng.nextInt(2) == 0) {
        carSpeed[i] = -carSpeed[i];
      }
      carTimer[i] = Math.abs(carSpeed[i]);
      if (initialize) {
        carX[i] = 0;
      }
    }
  }

  @Override
  public int act(int a, RandomGenerator rng) {
    if (terminal) {
      return 0;
    }
    int r = 0;
    if (a == UP && moveTimer == 0) {
      moveTimer = PLAYER_SPEED;
      pos = Math.max(0, pos - 1);
    } else if (a == DOWN && moveTimer == 0) {
      moveTimer = PLAYER_SPEED;
      pos = Math.min(9, pos + 1);
    }
    if (pos == 0) {
      r += 1;
      randomizeCars(rng, false);
      pos = 9;
    }
    for (int i = 0; i < CARS; i++) {
      if (carX[i] == 4 && i + 1 == pos) {
        pos = 9;
      }
      if (carTimer[i] == 0) {
        carTimer[i] = Math.abs(carSpeed[i]);
        carX[i] += carSpeed[i] > 0 ? 1 : -1;
        if (carX[i] < 0) {
          carX[i] = 9;
        } else if (carX[i] > 9) {
          carX[i] = 0;
        }
        if (carX[i] == 4 && i + 1 == pos) {
          pos = 9;
        }
      } else {
        carTimer[i]--;
      }
    }
    if (moveTimer > 0) {
      moveTimer--;
    }
    terminateTimer--;
    if (terminateTimer < 0) {
      terminal = true;
    }
    return r;
  }

  @Override
  public boolean terminal() {
    return terminal;
  }

  @Override
  public int difficultyRamp() {
    return -1;
  }

  @Override
  public void render(int[] obs) {
    int c = CHANNELS.size();
    obs[MinAtarGame.index(pos, 4, 0, c)] = 1;
    for (int i = 0; i < CARS; i++) {
      obs[MinAtarGame.index(i + 1, carX[i], 1, c)] = 1;
      int back = carSpeed[i] > 0 ? carX[i] - 1 : carX[i] + 1;
      if (back < 0) {
        back = 9;
      } else if (back > 9) {
        back = 0;
      }
      obs[MinAtarGame.index(i + 1, back, 1 + Math.abs(carSpeed[i]), c)] = 1;
    }
  }
}
