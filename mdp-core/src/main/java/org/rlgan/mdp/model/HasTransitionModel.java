package org.rlgan.mdp.model;

/**
 * An environment that knows its own transitions exactly (the toy-text environments): it hands out the finite
 * model it steps with, built from the same table, so exact solutions and learned ones are about the very same
 * MDP. States are the environment's integer observations; actions its integer actions.
 */
public interface HasTransitionModel {

  /** The exact model: same states, actions, probabilities, rewards, termination and initial distribution. */
  FiniteMdp transitionModel();
}
