package org.rlgan.envs;

/** An option given to {@link Registry#make} that the environment does not know, or a value of the wrong kind. */
public final class InvalidOptionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidOptionException(String message) {
    super(message);
  }
}
