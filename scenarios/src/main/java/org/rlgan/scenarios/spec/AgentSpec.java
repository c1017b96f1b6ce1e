package org.rlgan.scenarios.spec;

import org.rlgan.scenarios.run.AgentRunner;

/**
 * An {@code agent:} block. Each implementation is a record registered under one or more {@code type} names in
 * {@link Schemas#AGENTS}; it builds the runner that trains it. Adding an agent family (DQN) means one record
 * implementing this interface, one {@link AgentRunner}, and one line in {@link Schemas#AGENTS}.
 */
public interface AgentSpec {

  /** The registered name, e.g. {@code q_learning}. */
  String type();

  /** Whether the agent is a table over discrete states (usable as a learner in an mdp scenario). */
  boolean tabular();

  AgentRunner runner();
}
