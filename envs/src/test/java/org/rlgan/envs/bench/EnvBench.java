package org.rlgan.envs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.rlgan.envs.Registry;
import org.rlgan.envs.vector.AutoReset;
import org.rlgan.envs.vector.VectorEnv;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;

/**
 * Environment steps per second (docs/PERFORMANCE.md, bench/envs.sh; not a test), the protocol of the Gymnasium
 * figures in ../shared/baselines/README.md: random actions, resets on episode end.
 *
 * <ul>
 *   <li>{@code make ID}: through {@code Registry.make} (time limit included), actions from {@code actionSpace().sample};
 *   <li>{@code unwrapped ID}: the bare environment, actions pre-drawn;
 *   <li>{@code vector ID N THREADS}: a VectorEnv of N copies.
 * </ul>
 * Prints one JSON line per window (7 windows of ≥ 1.5 s after a 2 s warm-up) and the median.
 */
public final class EnvBench {

  private EnvBench() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) {
    String mode = args[0];
    String id = args[1];
    Registry reg = Registry.builtin();
    RandomGenerator rng = Rngs.seeded(0);
    Runnable chunk;
    long[] stepsPerChunk = new long[1];
    if (mode.equals("vector")) {
      int n = Integer.parseInt(args[2]);
      int threads = Integer.parseInt(args[3]);
      List<Env<Object, Object>> envs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        envs.add((Env<Object, Object>) reg.make(id));
      }
      VectorEnv<Object, Object> vec = threads > 1 ? VectorEnv.threaded(envs, AutoReset.NEXT_STEP, threads)
          : VectorEnv.sync(envs, AutoReset.NEXT_STEP);
      vec.reset(0);
      List<Object> actions = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        actions.add(null);
      }
      stepsPerChunk[0] = 1000L * n;
      chunk = () -> {
        for (int t = 0; t < 1000; t++) {
          for (int i = 0; i < n; i++) {
            actions.set(i, vec.singleActionSpace().sample(rng));
          }
          vec.step(actions);
        }
      };
    } else {
      Env<Object, Object> env = (Env<Object, Object>) (mode.equals("make") ? reg.make(id) : reg.make(id).unwrapped());
      env.reset(0);
      Object[] pre = new Object[4096];
      for (int i = 0; i < pre.length; i++) {
        pre[i] = env.actionSpace().sample(rng);
      }
      boolean sample = mode.equals("make");
      stepsPerChunk[0] = 10_000;
      int[] k = {0};
      chunk = () -> {
        for (int t = 0; t < 10_000; t++) {
          Object a = sample ? env.actionSpace().sample(rng) : pre[k[0]++ & 4095];
          Step<Object> s = env.step(a);
          if (s.done()) {
            env.reset();
          }
        }
      };
    }
    long end = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < end) {
      chunk.run();
    }
    double[] rates = new double[7];
    for (int w = 0; w < rates.length; w++) {
      long steps = 0;
      long t0 = System.nanoTime();
      long stop = t0 + 1_500_000_000L;
      while (System.nanoTime() < stop) {
        chunk.run();
        steps += stepsPerChunk[0];
      }
      rates[w] = steps / ((System.nanoTime() - t0) / 1e9);
    }
    double[] sorted = rates.clone();
    java.util.Arrays.sort(sorted);
    System.out.println(String.format(Locale.ROOT, "{\"bench\": \"%s %s%s\", \"steps_per_s\": %.0f, \"windows\": %s}",
        mode, id, mode.equals("vector") ? " " + args[2] + "x" + args[3] : "", sorted[3], java.util.Arrays.toString(rates)));
  }
}
