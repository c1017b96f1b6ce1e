package org.rlgan.scenarios.spec;

import org.rlgan.mdp.tabular.Exploration;
import org.rlgan.scenarios.config.Opt;

/** A tabular learner's behaviour policy. */
public interface ExplorationSpec {

  Exploration exploration();

  /** With probability ε a random action, else a greedy one. */
  record EpsilonGreedy(String type,
      @Opt(doc = "ε: a number or a schedule block (constant, linear, exponential)", def = "0.1")
      ScheduleSpec epsilon) implements ExplorationSpec {
    @Override
    public Exploration exploration() {
      return new Exploration.EpsilonGreedy(epsilon.schedule());
    }
  }

  /** Boltzmann exploration, π(a|s) ∝ exp(Q(s,a)/τ). */
  record Softmax(String type,
      @Opt(doc = "the temperature τ: a number or a schedule block", def = "1.0") ScheduleSpec temperature)
      implements ExplorationSpec {
    @Override
    public Exploration exploration() {
      return new Exploration.Softmax(temperature.schedule());
    }
  }
}
