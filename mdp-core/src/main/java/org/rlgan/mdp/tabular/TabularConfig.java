package org.rlgan.mdp.tabular;

import org.rlgan.mdp.Schedule;

/**
 * A tabular learner's hyperparameters.
 *
 * @param algorithm Q-learning, SARSA, Expected SARSA or Double Q-learning
 * @param discount γ in [0, 1]
 * @param exploration the behaviour policy
 * @param stepSize α per update
 * @param initialQ the initial value of every Q(s, a) (optimistic values encourage exploration)
 */
public record TabularConfig(
    TabularConfig.Algorithm algorithm, double discount, Exploration exploration, StepSize stepSize, double initialQ) {

  /** The update rule. */
  public enum Algorithm {
    /** Off-policy TD control (Watkins 1989): target r + γ max_a' Q(s', a'). */
    Q_LEARNING,
    /** On-policy TD control (Rummery &amp; Niranjan 1994): target r + γ Q(s', a') with a' the action taken next. */
    SARSA,
    /** Target r + γ Σ π(a' | s') Q(s', a') under the behaviour policy (van Seijen et al. 2009). */
    EXPECTED_SARSA,
    /** Two tables, each evaluating the other's greedy action, removing the max bias (van Hasselt 2010). */
    DOUBLE_Q_LEARNING
  }

  public TabularConfig {
    if (algorithm == null || exploration == null || stepSize == null) {
      throw new IllegalArgumentException("algorithm, exploration and stepSize are required");
    }
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount is " + discount + "; it must be in [0, 1]");
    }
    if (!Double.isFinite(initialQ)) {
      throw new IllegalArgumentException("initialQ is " + initialQ + "; it must be finite");
    }
  }

  /** ε-greedy with constant ε, α = 1/n^0.8, Q initialised to 0. */
  public static TabularConfig of(Algorithm algorithm, double discount, double epsilon) {
    return new TabularConfig(algorithm, discount, new Exploration.EpsilonGreedy(new Schedule.Constant(epsilon)),
        new StepSize.OneOverVisits(0.8), 0.0);
  }
}
