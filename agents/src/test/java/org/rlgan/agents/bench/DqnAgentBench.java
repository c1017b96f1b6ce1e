package org.rlgan.agents.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.dqn.DqnAgent;

/**
 * Rates of the DQN agent's two hot paths with the rl-zoo CartPole network ([256, 256], batch 64): one gradient
 * update ({@link DqnAgent#trainStep}) and one single-observation action choice. Not a test.
 *
 * <pre>java -cp CP org.rlgan.agents.bench.DqnAgentBench [updates=3000] [dueling=false] [double=false]</pre>
 */
public final class DqnAgentBench {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    DqnConfig c = DqnConfig.rlZooCartPole().withDueling(args.length > 1 && Boolean.parseBoolean(args[1]))
        .withDoubleQ(args.length > 2 && Boolean.parseBoolean(args[2]));
    DqnAgent agent = new DqnAgent(c, 4, 2, 1, 0);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      float[] s = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
      float[] s2 = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
      agent.observe(0, s, r.nextInt(2), 1.0, s2, r.nextDouble() < 0.05, false, false);
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        agent.trainStep(100_000);
      }
      double dt = (System.nanoTime() - t0) / 1e9;
      int[] a = new int[1];
      float[] o = {0.01f, 0.02f, 0.03f, 0.04f};
      long t1 = System.nanoTime();
      for (int i = 0; i < 10 * n; i++) {
        agent.greedy(o, 1, a);
      }
      double dt2 = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %.0f updates/s (%.0f us), %.0f greedy actions/s (%.1f us)%n", round,
          n / dt, 1e6 * dt / n, 10 * n / dt2, 1e6 * dt2 / (10 * n));
    }
  }
}
