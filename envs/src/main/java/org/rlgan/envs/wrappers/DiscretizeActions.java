package org.rlgan.envs.wrappers;

import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * A continuous action box as a finite set, so DQN can drive Pendulum and MountainCarContinuous: each of the d
 * action dimensions takes {@code bins} evenly spaced values from its low to its high bound (both included), and
 * action k of {@code Discrete(bins^d)} picks, for dimension j, value number {@code (k / bins^j) mod bins}.
 */
public final class DiscretizeActions<O> extends ActionWrapper<O, Integer, double[]> {

  private final double[] low;
  private final double[] high;
  private final int bins;
  private final Discrete space;
  private final Box box;

  public DiscretizeActions(Env<O, double[]> env, int bins) {
    super(env);
    if (!(env.actionSpace() instanceof Box b)) {
      throw new IllegalArgumentException("DiscretizeActions needs a Box action space; " + env.spec().id() + " has "
          + env.actionSpace());
    }
    if (bins < 2) {
      throw new IllegalArgumentException("DiscretizeActions: bins is " + bins + "; it must be at least 2");
    }
    this.low = b.low();
    this.high = b.high();
    for (int j = 0; j < low.length; j++) {
      if (Double.isInfinite(low[j]) || Double.isInfinite(high[j])) {
        throw new IllegalArgumentException("DiscretizeActions: action dimension " + j + " is unbounded (" + low[j]
            + ", " + high[j] + "); only bounded boxes can be discretised");
      }
    }
    long n = Math.round(Math.pow(bins, low.length));
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("DiscretizeActions: " + bins + "^" + low.length + " actions are too many");
    }
    this.bins = bins;
    this.box = b;
    this.space = new Discrete((int) n);
  }

  @Override
  protected double[] action(Integer k) {
    double[] a = new double[low.length];
    int rest = k;
    for (int j = 0; j < a.length; j++) {
      int i = rest % bins;
      rest /= bins;
      a[j] = box.dtype().round(low[j] + (high[j] - low[j]) * i / (bins - 1));
    }
    return a;
  }

  @Override
  public Space<Integer> actionSpace() {
    return space;
  }
}
