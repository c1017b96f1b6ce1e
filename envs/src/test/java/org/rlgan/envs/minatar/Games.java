package org.rlgan.envs.minatar;

/** Test helpers: an environment without sticky actions whose rules object tests set up directly. */
final class Games {

  private Games() {}

  static MinAtarEnv env(MinAtar.Game game) {
    return env(game, true);
  }

  static MinAtarEnv env(MinAtar.Game game, boolean ramping) {
    MinAtarEnv env = new MinAtarEnv(game, new MinAtarEnv.Config(0.0, ramping, false));
    env.reset(1);
    return env;
  }

  /** Whether channel {@code c} is on at (y, x) in an observation with {@code channels} channels. */
  static boolean on(int[] obs, int y, int x, int c, int channels) {
    return obs[MinAtarGame.index(y, x, c, channels)] == 1;
  }

  /** How many cells of channel {@code c} are on. */
  static int count(int[] obs, int c, int channels) {
    int n = 0;
    for (int i = c; i < obs.length; i += channels) {
      n += obs[i];
    }
    return n;
  }
}
