package org.rlgan.envs.minatar;

import java.util.random.RandomGenerator;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;

/**
 * Steps per second of each game under uniformly random actions (v0, reference defaults), resetting on game over.
 * Not a test: run with {@code java -cp <envs test+main classes, mdp-core> org.rlgan.envs.minatar.MinAtarBench [steps]}.
 */
public final class MinAtarBench {

  private MinAtarBench() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    for (MinAtar.Game game : MinAtar.Game.values()) {
      run(game, steps / 4); // warm-up
      long t0 = System.nanoTime();
      long[] episodes = run(game, steps);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%-15s %,12.0f steps/s  (%d steps, %d episodes, return/episode %.2f)%n", game,
          steps / s, steps, episodes[0], episodes[1] / (double) Math.max(1, episodes[0]));
    }
  }

  private static long[] run(MinAtar.Game game, int steps) {
    MinAtarEnv env = new MinAtarEnv(game, MinAtarEnv.Config.DEFAULT);
    RandomGenerator actions = Rngs.seeded(1);
    env.reset(0);
    long episodes = 0;
    long ret = 0;
    long sink = 0;
    for (int t = 0; t < steps; t++) {
      Step<int[]> s = env.step(actions.nextInt(6));
      ret += (long) s.reward();
      sink += s.observation()[t % 100];
      if (s.terminated()) {
        episodes++;
        env.reset();
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink);
    }
    return new long[] {episodes, ret};
  }
}
