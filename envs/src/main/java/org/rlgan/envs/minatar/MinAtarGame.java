package org.rlgan.envs.minatar;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The rules of one MinAtar game on its 10×10 grid, as the reference's {@code minatar/environments/*.py} {@code Env}
 * classes define them (Young &amp; Tian 2019). The {@link MinAtarEnv} around it adds sticky actions, seeding and the
 * Gymnasium API. Randomness comes from the generator passed to {@link #reset} and {@link #act}: the same events draw
 * with the same probabilities as the reference's {@code numpy.random.RandomState}, in the same order.
 *
 * <p>Actions are the reference's full set, indices 0..5 = {@code n, l, u, r, d, f} ({@link #NOOP} .. {@link #FIRE}).
 */
public sealed interface MinAtarGame permits Asterix, Breakout, Freeway, Seaquest, SpaceInvaders {

  int NOOP = 0;
  int LEFT = 1;
  int UP = 2;
  int RIGHT = 3;
  int DOWN = 4;
  int FIRE = 5;

  /** The grid is {@code SIZE × SIZE} cells. */
  int SIZE = 10;

  /** The reference's module name, e.g. {@code "space_invaders"}. */
  String name();

  /** The channel names in channel order (the reference's {@code channels} dict). */
  List<String> channels();

  /** The reference's {@code minimal_action_set()}: indices into the full action set. */
  int[] minimalActionSet();

  /** Starts a new game (the reference's {@code reset()}), drawing what the reference draws from {@code rng}. */
  void reset(RandomGenerator rng);

  /**
   * One frame with full-set action {@code a} (0..5). Returns the reward; after the game is over it returns 0 and
   * changes nothing, as the reference does.
   */
  int act(int a, RandomGenerator rng);

  /** True once the game is over (the reference's {@code terminal}). */
  boolean terminal();

  /** The reference's {@code difficulty_ramp()}: the ramp level, or -1 where the game does not ramp (None). */
  int difficultyRamp();

  /**
   * Writes the reference's {@code state()} into {@code obs}, a zeroed row-major {@code (10, 10, C)} array: sets
   * {@code obs[(y * 10 + x) * C + c] = 1} for every active cell.
   */
  void render(int[] obs);

  /** Index of cell (y, x, c) in a row-major (10, 10, C) array. */
  static int index(int y, int x, int c, int channels) {
    return (y * SIZE + x) * channels + c;
  }
}
