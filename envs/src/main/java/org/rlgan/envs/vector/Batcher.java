package org.rlgan.envs.vector;

import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.MultiBinary;
import org.rlgan.mdp.spaces.MultiDiscrete;
import org.rlgan.mdp.spaces.Space;

/** Writes one observation into a row of a batched primitive array. */
public interface Batcher<O> {

  /** Values per observation. */
  int width();

  /** Copies {@code obs} into {@code out[offset .. offset + width)}. */
  void write(O obs, double[] out, int offset);

  /**
   * The batcher of a space: a {@link Box} row-major as it is, a {@link Discrete} as its integer value, a
   * {@link MultiBinary} or {@link MultiDiscrete} element by element.
   */
  @SuppressWarnings("unchecked")
  static <O> Batcher<O> of(Space<O> space) {
    if (space instanceof Box b) {
      int w = b.size();
      return (Batcher<O>) new Batcher<double[]>() {
        public int width() {
          return w;
        }

        public void write(double[] obs, double[] out, int offset) {
          System.arraycopy(obs, 0, out, offset, w);
        }
      };
    }
    if (space instanceof Discrete) {
      return (Batcher<O>) new Batcher<Integer>() {
        public int width() {
          return 1;
        }

        public void write(Integer obs, double[] out, int offset) {
          out[offset] = obs;
        }
      };
    }
    if (space instanceof MultiBinary || space instanceof MultiDiscrete) {
      int w = java.util.Arrays.stream(space.shape()).reduce(1, (a, b) -> a * b);
      return (Batcher<O>) new Batcher<int[]>() {
        public int width() {
          return w;
        }

        public void write(int[] obs, double[] out, int offset) {
          for (int i = 0; i < w; i++) {
            out[offset + i] = obs[i];
          }
        }
      };
    }
    throw new IllegalArgumentException("no batched layout for observations in " + space
        + "; flatten them with a wrapper first (e.g. TransformObservation)");
  }
}
