package org.rlgan.envs.wrappers;

import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.Space;

/**
 * The last {@code k} observations stacked along a new leading axis (Gymnasium 1.x's
 * {@code FrameStackObservation}): shape {@code (k, ...)}, oldest first. At reset the stack is padded with the
 * reset observation ({@link Padding#RESET}, Gymnasium's default) or with zeros ({@link Padding#ZERO}).
 */
public final class FrameStack<A> extends Wrapper<double[], A, double[], A> {

  /** What fills the stack at reset. */
  public enum Padding {
    RESET,
    ZERO
  }

  private final int k;
  private final int n;
  private final Padding padding;
  private final Box space;
  private final double[] frames;

  public FrameStack(Env<double[], A> env, int k, Padding padding) {
    super(env);
    if (!(env.observationSpace() instanceof Box b)) {
      throw new IllegalArgumentException("FrameStack needs a Box observation space; " + env.spec().id() + " has "
          + env.observationSpace());
    }
    if (k < 1) {
      throw new IllegalArgumentException("FrameStack: k is " + k + "; it must be at least 1");
    }
    this.k = k;
    this.n = b.size();
    this.padding = padding;
    double[] lo = new double[k * n];
    double[] hi = new double[k * n];
    for (int i = 0; i < k; i++) {
      System.arraycopy(b.low(), 0, lo, i * n, n);
      System.arraycopy(b.high(), 0, hi, i * n, n);
    }
    int[] shape = new int[b.shape().length + 1];
    shape[0] = k;
    System.arraycopy(b.shape(), 0, shape, 1, b.shape().length);
    if (padding == Padding.ZERO) {
      for (int i = 0; i < lo.length; i++) {
        lo[i] = Math.min(lo[i], 0);
        hi[i] = Math.max(hi[i], 0);
      }
    }
    this.space = new Box(lo, hi, shape, b.dtype());
    this.frames = new double[k * n];
  }

  @Override
  public Reset<double[]> reset(OptionalLong seed, Map<String, Object> options) {
    Reset<double[]> r = env.reset(seed, options);
    for (int i = 0; i < k; i++) {
      if (padding == Padding.RESET) {
        System.arraycopy(r.observation(), 0, frames, i * n, n);
      } else {
        java.util.Arrays.fill(frames, i * n, (i + 1) * n, 0.0);
      }
    }
    System.arraycopy(r.observation(), 0, frames, (k - 1) * n, n);
    return new Reset<>(frames.clone(), r.info());
  }

  @Override
  public Step<double[]> step(A action) {
    Step<double[]> s = env.step(action);
    System.arraycopy(frames, n, frames, 0, (k - 1) * n);
    System.arraycopy(s.observation(), 0, frames, (k - 1) * n, n);
    return new Step<>(frames.clone(), s.reward(), s.terminated(), s.truncated(), s.info());
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }
}
