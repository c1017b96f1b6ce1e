package org.rlgan.envs.wrappers;

import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Box;
import org.rlgan.mdp.spaces.DType;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Space;

/**
 * Discrete observations as one-hot vectors, so a network can take them (FrozenLake, Taxi, CliffWalking):
 * {@code Discrete(n, start)} becomes {@code Box(0, 1, (n,), float32)} with a 1 at {@code obs − start}.
 */
public final class OneHotObservation<A> extends ObservationWrapper<double[], A, Integer> {

  private final Discrete inner;
  private final Box space;

  public OneHotObservation(Env<Integer, A> env) {
    super(env);
    if (!(env.observationSpace() instanceof Discrete d)) {
      throw new IllegalArgumentException("OneHotObservation needs a Discrete observation space; "
          + env.spec().id() + " has " + env.observationSpace());
    }
    this.inner = d;
    this.space = Box.of(0, 1, DType.FLOAT32, d.n());
  }

  @Override
  protected double[] observation(Integer obs) {
    double[] x = new double[inner.n()];
    x[inner.index(obs)] = 1.0;
    return x;
  }

  @Override
  public Space<double[]> observationSpace() {
    return space;
  }
}
