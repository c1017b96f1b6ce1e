package org.rlgan.mdp.solve;

import org.rlgan.mdp.model.FiniteMdp;

/**
 * Policy iteration (Howard 1960; book chapter 10): evaluate the policy exactly, improve it greedily, until no
 * state's action improves. The first policy is greedy with respect to the immediate reward, as in pymdptoolbox.
 * Evaluation is a direct linear solve for small models and Gauss–Seidel for large sparse ones
 * ({@link PolicyEvaluation}). An action changes only when another is better by more than a relative 1e-12 (plus
 * twice the evaluation error when iterative), so rounding cannot make the iteration cycle between tied
 * policies; the returned policy is then greedy with lowest-index ties as in every {@link Solution}.
 */
public final class PolicyIteration {

  /**
   * @param evaluation how each policy is evaluated; its discount is the problem's γ
   * @param maxIterations the budget of evaluations
   */
  public record Config(PolicyEvaluation.Config evaluation, int maxIterations) {

    public Config {
      Checks.positive("maxIterations", maxIterations);
    }

    /** Automatic evaluation (direct up to 1,000 states), 1,000 iterations. */
    public static Config of(double discount) {
      return new Config(PolicyEvaluation.Config.of(discount), 1000);
    }

    public Config withEvaluation(PolicyEvaluation.Method method) {
      return new Config(evaluation.withMethod(method), maxIterations);
    }

    public double discount() {
      return evaluation.discount();
    }
  }

  private final Config config;

  public PolicyIteration(Config config) {
    this.config = config;
  }

  /** Starts from the policy greedy with respect to r(s, a). */
  public Solution solve(FiniteMdp m) {
    int[] policy = new int[m.states()];
    m.backup(new double[m.states()], 0.0, 0, m.states(), null, policy, null);
    return solve(m, policy);
  }

  /** Starts from {@code policy0} (copied). */
  public Solution solve(FiniteMdp m, int[] policy0) {
    Checks.policy(policy0, m.states(), m.actions());
    double gamma = config.discount();
    int[] policy = policy0.clone();
    PolicyEvaluation evaluator = new PolicyEvaluation(config.evaluation);
    double[] v = new double[m.states()];
    int na = m.actions();
    for (int it = 1; it <= config.maxIterations; it++) {
      // Evaluation: V = V^π (warm-started from the previous V when iterative).
      PolicyValues pv = evaluator.evaluate(m, StochasticPolicy.deterministic(policy, na), v);
      v = pv.values();
      double slack = Double.isNaN(pv.bound()) ? 0 : 2 * gamma * pv.bound();
      // Improvement: π'(s) = argmax_a Q^π(s, a), keeping π(s) unless another action is clearly better.
      int changed = 0;
      double[] q = pv.q();
      for (int s = 0; s < policy.length; s++) {
        double current = q[s * na + policy[s]];
        double best = current;
        int arg = policy[s];
        for (int a = 0; a < na; a++) {
          if (q[s * na + a] > best) {
            best = q[s * na + a];
            arg = a;
          }
        }
        if (arg != policy[s] && best - current > 1e-12 * Math.max(1, Math.abs(current)) + slack) {
          policy[s] = arg;
          changed++;
        }
      }
      if (changed == 0) {
        return Solution.complete("PolicyIteration", m, gamma, v, null, it, Double.NaN, true);
      }
    }
    throw new NotConvergedException("PolicyIteration", config.maxIterations, Double.NaN, Double.NaN,
        "raise maxIterations");
  }
}
