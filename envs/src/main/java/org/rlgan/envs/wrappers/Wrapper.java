package org.rlgan.envs.wrappers;

import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;

/**
 * An environment around another. Each concrete wrapper changes one thing (Gymnasium's wrappers, with one
 * difference: nothing is forwarded implicitly; reach the environment below with {@link #inner()} or the innermost
 * one with {@link #unwrapped()}).
 *
 * @param <O> this wrapper's observation type
 * @param <A> this wrapper's action type
 * @param <IO> the inner environment's observation type
 * @param <IA> the inner environment's action type
 */
public abstract class Wrapper<O, A, IO, IA> implements Env<O, A> {

  protected final Env<IO, IA> env;

  protected Wrapper(Env<IO, IA> env) {
    if (env == null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs an environment to wrap");
    }
    this.env = env;
  }

  /** The environment one level down. */
  public Env<IO, IA> inner() {
    return env;
  }

  @Override
  public EnvSpec spec() {
    return env.spec();
  }

  @Override
  public Env<?, ?> unwrapped() {
    return env.unwrapped();
  }

  @Override
  public void close() {
    env.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "<" + env + ">";
  }
}
