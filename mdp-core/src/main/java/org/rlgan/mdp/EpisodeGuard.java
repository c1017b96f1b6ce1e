package org.rlgan.mdp;

import org.rlgan.mdp.spaces.Space;
import org.rlgan.mdp.spaces.Spaces;

/**
 * The episode bookkeeping every environment needs to reject misuse with a message that says what to do
 * (Gymnasium's OrderEnforcing and PassiveEnvChecker, built in): no {@code step} before {@code reset}, no action
 * outside the action space, and, where the environment forbids it, no {@code step} after the episode ended.
 * Environments hold one and call {@link #onReset()}, {@link #beforeStep}, {@link #afterStep}.
 */
public final class EpisodeGuard {

  /** What a {@code step} after the end of an episode does. */
  public enum AfterEnd {
    /** The environment defines it (Gymnasium's CartPole returns reward 0 and warns): allowed. */
    ALLOW,
    /** A {@link ResetNeededException}. */
    FORBID
  }

  private final String envId;
  private final AfterEnd afterEnd;
  private boolean started;
  private boolean ended;
  private String endedHow = "";
  private long steps;

  public EpisodeGuard(String envId, AfterEnd afterEnd) {
    this.envId = envId;
    this.afterEnd = afterEnd;
  }

  /** Records the start of an episode. */
  public void onReset() {
    started = true;
    ended = false;
    steps = 0;
  }

  /**
   * Checks that an episode is running and the action is in the space.
   *
   * @throws ResetNeededException before the first reset, or after the end when the environment forbids it
   * @throws InvalidActionException when {@code space} does not contain {@code action}
   */
  public <A> void beforeStep(Space<A> space, A action) {
    if (!started) {
      throw new ResetNeededException(envId + ": step() was called before reset(); call reset(seed) first");
    }
    if (ended && afterEnd == AfterEnd.FORBID) {
      throw new ResetNeededException(
          envId + ": step() was called after the episode " + endedHow + " at step " + steps
              + "; call reset() to start a new episode");
    }
    if (!space.contains(action)) {
      throw new InvalidActionException(
          envId + ": action " + Spaces.describe(action) + " is not in the action space " + space
              + "; pass a member of that space, e.g. actionSpace().sample(rng)");
    }
  }

  /** Records a finished step. */
  public void afterStep(boolean terminated, boolean truncated) {
    steps++;
    if (!ended && (terminated || truncated)) {
      ended = true;
      endedHow = terminated ? "terminated" : "was truncated";
    }
  }

  /** True once the current episode has terminated or been truncated. */
  public boolean ended() {
    return ended;
  }

  /** Steps taken in the current episode (including any after its end). */
  public long steps() {
    return steps;
  }
}
