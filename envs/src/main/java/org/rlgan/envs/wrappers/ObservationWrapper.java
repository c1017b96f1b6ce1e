package org.rlgan.envs.wrappers;

import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/** Changes observations only: the hook is {@link #observation}. */
public abstract class ObservationWrapper<O, A, IO> extends Wrapper<O, A, IO, A> {

  protected ObservationWrapper(Env<IO, A> env) {
    super(env);
  }

  /** The observation this wrapper returns for the inner one. */
  protected abstract O observation(IO inner);

  @Override
  public Reset<O> reset(OptionalLong seed, Map<String, Object> options) {
    Reset<IO> r = env.reset(seed, options);
    return new Reset<>(observation(r.observation()), r.info());
  }

  @Override
  public Step<O> step(A action) {
    Step<IO> s = env.step(action);
    return new Step<>(observation(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }
}
