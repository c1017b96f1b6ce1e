package org.rlgan.envs.wrappers;

import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/** Changes actions only: the hook is {@link #action}; actions outside {@link #actionSpace()} are rejected. */
public abstract class ActionWrapper<O, A, IA> extends Wrapper<O, A, O, IA> {

  protected ActionWrapper(Env<O, IA> env) {
    super(env);
  }

  /** The inner environment's action for this wrapper's action. */
  protected abstract IA action(A outer);

  @Override
  public Reset<O> reset(OptionalLong seed, Map<String, Object> options) {
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    if (!actionSpace().contains(action)) {
      throw new InvalidActionException(spec().id() + " (" + getClass().getSimpleName() + "): action "
          + org.rlgan.mdp.spaces.Spaces.describe(action) + " is not in the action space " + actionSpace());
    }
    return env.step(action(action));
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }
}
