package org.rlgan.envs.wrappers;

import java.util.function.Function;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.spaces.Space;

/**
 * Applies a function to every observation (Gymnasium's {@code TransformObservation}); the caller states the new
 * observation space, which every transformed observation must belong to.
 */
public final class TransformObservation<O, A, IO> extends ObservationWrapper<O, A, IO> {

  private final Function<IO, O> f;
  private final Space<O> space;

  public TransformObservation(Env<IO, A> env, Function<IO, O> f, Space<O> space) {
    super(env);
    this.f = f;
    this.space = space;
  }

  @Override
  protected O observation(IO inner) {
    return f.apply(inner);
  }

  @Override
  public Space<O> observationSpace() {
    return space;
  }
}
