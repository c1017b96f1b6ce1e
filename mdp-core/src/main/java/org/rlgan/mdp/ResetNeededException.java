package org.rlgan.mdp;

/**
 * {@code step} was called when no episode is running: before the first {@code reset}, or after the episode
 * ended in an environment that forbids stepping past the end. The message says which and what to call.
 */
public final class ResetNeededException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public ResetNeededException(String message) {
    super(message);
  }
}
