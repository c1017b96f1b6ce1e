package org.rlgan.envs;

/** {@link Registry#make} was given an id that is not registered; the message lists the closest ids. */
public final class UnknownEnvException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnknownEnvException(String message) {
    super(message);
  }
}
