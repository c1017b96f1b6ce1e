package org.rlgan.scenarios.spec;

import org.rlgan.mdp.tabular.TabularConfig;
import org.rlgan.scenarios.config.Opt;
import org.rlgan.scenarios.run.AgentRunner;
import org.rlgan.scenarios.run.TabularRunner;

/**
 * The tabular learners of mdp-core ({@code q_learning}, {@code sarsa}, {@code expected_sarsa}, {@code double_q})
 * on environments with discrete observations and actions.
 */
public record TabularSpec(
    String type,
    @Opt(doc = "the discount factor γ", def = "0.99", range = "[0, 1]") double discount,
    @Opt(doc = "the behaviour policy: {type: epsilon_greedy, epsilon: ...} or {type: softmax, temperature: ...}",
        def = "{type: epsilon_greedy}") ExplorationSpec exploration,
    @Opt(doc = "the learning rate: {type: one_over_visits, power: 0.8} or {type: constant, value: 0.1}",
        def = "{type: one_over_visits}") StepSizeSpec stepSize,
    @Opt(doc = "the initial value of every Q(s, a) (optimistic values explore)", def = "0.0") double initialQ)
    implements AgentSpec {

  public TabularConfig.Algorithm algorithm() {
    return switch (type) {
      case "q_learning" -> TabularConfig.Algorithm.Q_LEARNING;
      case "sarsa" -> TabularConfig.Algorithm.SARSA;
      case "expected_sarsa" -> TabularConfig.Algorithm.EXPECTED_SARSA;
      case "double_q" -> TabularConfig.Algorithm.DOUBLE_Q_LEARNING;
      default -> throw new IllegalArgumentException("not a tabular type: " + type);
    };
  }

  public TabularConfig config() {
    return new TabularConfig(algorithm(), discount, exploration.exploration(), stepSize.stepSize(), initialQ);
  }

  @Override
  public boolean tabular() {
    return true;
  }

  @Override
  public AgentRunner runner() {
    return new TabularRunner(this);
  }
}
