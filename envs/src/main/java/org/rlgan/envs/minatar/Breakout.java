package org.rlgan.envs.minatar;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MinAtar Breakout (reference {@code minatar/environments/breakout.py}). The paddle moves along the bottom row; the
 * ball travels diagonally, reflects off walls and the ceiling, and off a brick, which disappears for reward +1 (one
 * brick per strike: a ball that moves straight from one brick into another passes into it). At the bottom row the
 * ball bounces back up when the paddle is under its old column, or bounces sideways when the paddle is under its new
 * one; otherwise the game is over. When the ball reaches the bottom row with no bricks left, three new rows appear.
 * No difficulty ramp. One random draw per reset: which corner the ball starts from.
 *
 * <p>State fields are package-private so tests can set up positions. Ball directions: 0 up-left, 1 up-right,
 * 2 down-right, 3 down-left.
 */
final class Breakout implements MinAtarGame {

  static final List<String> CHANNELS = List.of("paddle", "ball", "trail", "brick");
  private static final int[] FLIP_X = {1, 0, 3, 2};
  private static final int[] FLIP_Y = {3, 2, 1, 0};
  private static final int[] FLIP_PADDLE = {2, 3, 0, 1};
  private static final int FULL_ROW = (1 << SIZE) - 1;

  int ballX;
  int ballY;
  int ballDir;
  int pos;
  /** Bit x of {@code bricks[y]} is the brick at (y, x). */
  final int[] bricks = new int[SIZE];
  boolean strike;
  int lastX;
  int lastY;
  boolean terminal;

  @Override
  public String name() {
    return "breakout";
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public int[] minimalActionSet() {
    return new int[] {NOOP, LEFT, RIGHT};
  }

  @Override
  public void reset(RandomGenerator rng) {
    ballY = 3;
    if (rng.nextInt(2) == 0) {
      ballX = 0;
      ballDir = 2;
    } else {
      ballX = 9;
      ballDir = 3;
    }
    pos = 4;
    java.util.Arrays.fill(bricks, 0);
    bricks[1] = bricks[2] = bricks[3] = FULL_ROW;
    strike = false;
    lastX = ballX;
    lastY = ballY;
    terminal = false;
  }

  boolean brick(int y, int x) {
    return (bricks[y] >>> x & 1) != 0;
  }

  @Override
  public int act(int a, RandomGenerator rng) {
    if (terminal) {
      return 0;
    }
    int r = 0;
    if (a == LEFT) {
      pos = Math.max(0, pos - 1);
    } else if (a == RIGHT) {
      pos = Math.min(9, pos + 1);
    }

    lastX = ballX;
    lastY = ballY;
    int newX = ballX + (ballDir == 1 || ballDir == 2 ? 1 : -1);
    int newY = ballY + (ballDir >= 2 ? 1 : -1);

    boolean strikeToggle = false;
    if (newX < 0 || newX > 9) {
      newX = Math.max(0, Math.min(9, newX));
      ballDir = FLIP_X[ballDir];
    }
    if (newY < 0) {
      newY = 0;
      ballDir = FLIP_Y[ballDir];
    } else if (brick(newY, newX)) {
      strikeToggle = true;
      if (!strike) {
        r += 1;
        strike = true;
        bricks[newY] &= ~(1 << newX);
        newY = lastY;
        ballDir = FLIP_Y[ballDir];
      }
    } else if (newY == 9) {
      if (noBricks()) {
        bricks[1] = bricks[2] = bricks[3] = FULL_ROW;
      }
      if (ballX == pos) {
        ballDir = FLIP_Y[ballDir];
        newY = lastY;
      } else if (newX == pos) {
        ballDir = FLIP_PADDLE[ballDir];
        newY = lastY;
      } else {
        terminal = true;
      }
    }
    if (!strikeToggle) {
      strike = false;
    }
    ballX = newX;
    ballY = newY;
    return r;
  }

  private boolean noBricks() {
    for (int row : bricks) {
      if (row != 0) {
        return false;
      }
    }
    return true;
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
    obs[MinAtarGame.index(ballY, ballX, 1, c)] = 1;
    obs[MinAtarGame.index(9, pos, 0, c)] = 1;
    obs[MinAtarGame.index(lastY, lastX, 2, c)] = 1;
    for (int y = 0; y < SIZE; y++) {
      int row = bricks[y];
      while (row != 0) {
        int x = Integer.numberOfTrailingZeros(row);
        obs[MinAtarGame.index(y, x, 3, c)] = 1;
        row &= row - 1;
      }
    }
  }
}
