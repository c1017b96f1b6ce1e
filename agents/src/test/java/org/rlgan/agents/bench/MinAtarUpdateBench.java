package org.rlgan.agents.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rlgan.agents.DqnConfig;
import org.rlgan.agents.dqn.DqnAgent;

/**
 * {@code ../shared/baselines/microbench.py dqn_minatar_conv_b32} through the agent: MinAtar's network (Conv 4→16
 * 3×3, ReLU, Dense 1024→128, ReLU, Dense 128→6), batch 32, Huber, Adam 1e-3, no gradient clipping, replay
 * pre-filled with 10,000 random transitions; one {@link DqnAgent#trainStep} per iteration (sampling, target, loss,
 * backward, Adam, plus the agent's bookkeeping: TD errors, mean Q, loss value). Same protocol as microbench:
 * warm-up, then windows of ≥ {@code windowS} seconds; median, min and max of the window rates. Not a test.
 *
 * <pre>java -cp CP org.rlgan.agents.bench.MinAtarUpdateBench [repeats=7] [windowS=1.5] [mlp]</pre>
 * With {@code mlp}: the {@code dqn_mlp_4_64_64_2_b64} workload instead (4-64-64-2, batch 64).
 */
public final class MinAtarUpdateBench {
  public static void main(String[] args) {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    double windowS = args.length > 1 ? Double.parseDouble(args[1]) : 1.5;
    boolean mlp = args.length > 2 && args[2].equals("mlp");
    int[] shape = mlp ? new int[] {4} : new int[] {10, 10, 4};
    int actions = mlp ? 2 : 6;
    int batch = mlp ? 64 : 32;
    int width = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    DqnConfig c = DqnConfig.rlZooCartPole()
        .withNetwork(mlp ? DqnConfig.Network.mlp(64, 64) : DqnConfig.Network.minAtar())
        .withOptimizer(DqnConfig.Optimizer.adam(1e-3))
        .withLoss(DqnConfig.LossKind.HUBER, Double.POSITIVE_INFINITY)
        .withTraining(1, 1, 0, batch).withReplay(DqnConfig.Replay.uniform(10_000));
    DqnAgent agent = new DqnAgent(c, shape, actions, 1, 0);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      float[] s = new float[width];
      float[] s2 = new float[width];
      for (int k = 0; k < width; k++) {
        s[k] = (float) r.nextGaussian();
        s2[k] = (float) r.nextGaussian();
      }
      agent.observe(0, s, r.nextInt(actions), r.nextGaussian(), s2, r.nextDouble() < 0.05, false, false);
    }
    for (int i = 0; i < 50; i++) {
      agent.trainStep(0);
    }
    double[] rates = new double[repeats];
    for (int rep = 0; rep < repeats; rep++) {
      long n = 0;
      long t0 = System.nanoTime();
      double dt;
      do {
        for (int i = 0; i < 10; i++) {
          agent.trainStep(0);
        }
        n += 10;
        dt = (System.nanoTime() - t0) / 1e9;
      } while (dt < windowS);
      rates[rep] = n / dt;
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s through DqnAgent.trainStep: median %.1f/s  min %.1f  max %.1f%n",
        mlp ? "dqn_mlp_4_64_64_2_b64" : "dqn_minatar_conv_b32", sorted[repeats / 2], sorted[0], sorted[repeats - 1]);
  }
}
