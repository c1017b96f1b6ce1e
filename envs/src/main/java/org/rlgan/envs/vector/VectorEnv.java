package org.rlgan.envs.vector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/**
 * Several copies of an environment stepped together, observations batched into one primitive array (Gymnasium's
 * {@code SyncVectorEnv} and, with threads, an {@code AsyncVectorEnv} on threads instead of processes). Sub-env i
 * is seeded {@code seed + i} by {@link #reset(long)}; ended episodes are reset according to {@link AutoReset}.
 * Every sub-environment only ever touches its own state, so the threaded form gives the same numbers as the
 * synchronous one.
 */
public final class VectorEnv<O, A> implements AutoCloseable {

  private final List<Env<O, A>> envs;
  private final AutoReset mode;
  private final Batcher<O> batcher;
  private final ExecutorService pool;
  private final int threads;
  private final boolean[] needsReset;

  private VectorEnv(List<Env<O, A>> envs, AutoReset mode, int threads) {
    if (envs.isEmpty()) {
      throw new IllegalArgumentException("a vector environment needs at least one sub-environment");
    }
    Space<O> space = envs.get(0).observationSpace();
    for (Env<O, A> e : envs) {
      if (!e.observationSpace().equals(space) || !e.actionSpace().equals(envs.get(0).actionSpace())) {
        throw new IllegalArgumentException("every sub-environment must have the same spaces; " + e.spec().id()
            + " has " + e.observationSpace() + " / " + e.actionSpace());
      }
    }
    this.envs = List.copyOf(envs);
    this.mode = mode;
    this.batcher = Batcher.of(space);
    this.threads = Math.min(threads, envs.size());
    this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads - 1, r -> {
      Thread t = new Thread(r, "vector-env");
      t.setDaemon(true);
      return t;
    }) : null;
    this.needsReset = new boolean[envs.size()];
  }

  /** Steps the sub-environments one after another on the calling thread. */
  public static <O, A> VectorEnv<O, A> sync(List<Env<O, A>> envs, AutoReset mode) {
    return new VectorEnv<>(envs, mode, 1);
  }

  /** Steps the sub-environments on {@code threads} threads (contiguous blocks of sub-environments each). */
  public static <O, A> VectorEnv<O, A> threaded(List<Env<O, A>> envs, AutoReset mode, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is " + threads + "; it must be at least 1");
    }
    return new VectorEnv<>(envs, mode, threads);
  }

  public int numEnvs() {
    return envs.size();
  }

  /** Values per observation row. */
  public int observationWidth() {
    return batcher.width();
  }

  public Space<O> singleObservationSpace() {
    return envs.get(0).observationSpace();
  }

  public Space<A> singleActionSpace() {
    return envs.get(0).actionSpace();
  }

  /** Sub-environment i (for inspection; stepping it directly desynchronises the vector). */
  public Env<O, A> env(int i) {
    return envs.get(i);
  }

  /** Resets sub-env i with seed {@code seed + i}; returns the batched observations. */
  public double[] reset(long seed) {
    int w = batcher.width();
    double[] obs = new double[envs.size() * w];
    run(i -> {
      Reset<O> r = envs.get(i).reset(OptionalLong.of(seed + i), Map.of());
      batcher.write(r.observation(), obs, i * w);
      needsReset[i] = false;
    });
    return obs;
  }

  /** Steps every sub-environment with its action ({@code actions.size() == numEnvs()}). */
  public VectorStep step(List<A> actions) {
    if (actions.size() != envs.size()) {
      throw new IllegalArgumentException("step got " + actions.size() + " actions for " + envs.size()
          + " sub-environments");
    }
    int n = envs.size();
    int w = batcher.width();
    double[] obs = new double[n * w];
    double[] rewards = new double[n];
    boolean[] term = new boolean[n];
    boolean[] trunc = new boolean[n];
    List<Map<String, Object>> infos = new ArrayList<>(Collections.nCopies(n, Map.of()));
    run(i -> {
      Env<O, A> e = envs.get(i);
      if (needsReset[i]) {
        Reset<O> r = e.reset();
        batcher.write(r.observation(), obs, i * w);
        infos.set(i, r.info());
        needsReset[i] = false;
        return;
      }
      Step<O> s = e.step(actions.get(i));
      rewards[i] = s.reward();
      term[i] = s.terminated();
      trunc[i] = s.truncated();
      if (s.done() && mode == AutoReset.SAME_STEP) {
        Reset<O> r = e.reset();
        batcher.write(r.observation(), obs, i * w);
        Map<String, Object> info = new HashMap<>(r.info());
        info.put("final_obs", s.observation());
        info.put("final_info", s.info());
        infos.set(i, info);
      } else {
        batcher.write(s.observation(), obs, i * w);
        infos.set(i, s.info());
        needsReset[i] = s.done();
      }
    });
    return new VectorStep(obs, rewards, term, trunc, infos);
  }

  private interface PerEnv {
    void apply(int i);
  }

  private void run(PerEnv body) {
    int n = envs.size();
    if (pool == null) {
      for (int i = 0; i < n; i++) {
        body.apply(i);
      }
      return;
    }
    // Blocks 1.. go to the pool; the calling thread steps block 0 itself, saving one hand-off per step.
    List<Future<?>> futures = new ArrayList<>(threads - 1);
    for (int t = 1; t < threads; t++) {
      int from = t * n / threads;
      int to = (t + 1) * n / threads;
      futures.add(pool.submit(() -> {
        for (int i = from; i < to; i++) {
          body.apply(i);
        }
      }));
    }
    RuntimeException own = null;
    try {
      for (int i = 0, to = n / threads; i < to; i++) {
        body.apply(i);
      }
    } catch (RuntimeException e) {
      own = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stepping sub-environments", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (own == null) {
          own = c instanceof RuntimeException re ? re : new IllegalStateException(c);
        }
      }
    }
    if (own != null) {
      throw own;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    for (Env<O, A> e : envs) {
      e.close();
    }
  }
}
