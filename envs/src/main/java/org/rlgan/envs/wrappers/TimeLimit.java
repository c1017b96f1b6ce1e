package org.rlgan.envs.wrappers;

import java.util.Map;
import java.util.OptionalLong;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.EnvSpec;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Space;

/**
 * Truncates episodes after {@code maxEpisodeSteps} steps (Gymnasium's {@code TimeLimit}): the step that reaches
 * the limit has {@code truncated = true}, whatever {@code terminated} is, so both can be true on one step. The
 * registry wraps every environment whose spec has a limit in one.
 */
public final class TimeLimit<O, A> extends Wrapper<O, A, O, A> {

  private final int maxEpisodeSteps;
  private int elapsed;

  public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
    super(env);
    if (maxEpisodeSteps <= 0) {
      throw new IllegalArgumentException("TimeLimit: maxEpisodeSteps is " + maxEpisodeSteps + "; it must be positive");
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  @Override
  public Reset<O> reset(OptionalLong seed, Map<String, Object> options) {
    elapsed = 0;
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    elapsed++;
    if (elapsed >= maxEpisodeSteps && !s.truncated()) {
      return new Step<>(s.observation(), s.reward(), s.terminated(), true, s.info());
    }
    return s;
  }

  /** Steps taken in the current episode. */
  public int elapsedSteps() {
    return elapsed;
  }

  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public EnvSpec spec() {
    return env.spec().withMaxEpisodeSteps(maxEpisodeSteps);
  }
}
