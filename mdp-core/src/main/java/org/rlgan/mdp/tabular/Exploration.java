package org.rlgan.mdp.tabular;

import org.rlgan.mdp.Schedule;

/** How a tabular agent explores: its behaviour policy given Q(s, ·). */
public sealed interface Exploration {

  /** With probability ε a uniformly random action, else a greedy one (ties broken uniformly at random). */
  record EpsilonGreedy(Schedule epsilon) implements Exploration {}

  /** Boltzmann exploration: π(a | s) ∝ exp(Q(s, a) / τ). */
  record Softmax(Schedule temperature) implements Exploration {}
}
