package org.rlgan.mdp;

/** An action outside the environment's action space; the message names the action, the space and the env. */
public final class InvalidActionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidActionException(String message) {
    super(message);
  }
}
