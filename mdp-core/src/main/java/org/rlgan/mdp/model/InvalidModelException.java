package org.rlgan.mdp.model;

/**
 * A finite MDP that does not describe a valid model: a row of probabilities that does not sum to 1, a negative
 * or non-finite probability, a successor outside the states, arrays of the wrong shape. The message names the
 * state, the action, the offending value and what was expected.
 */
public final class InvalidModelException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidModelException(String message) {
    super(message);
  }
}
