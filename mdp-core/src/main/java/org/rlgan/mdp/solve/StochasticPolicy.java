package org.rlgan.mdp.solve;

import java.util.Arrays;

/**
 * A stochastic policy π(a | s) over a finite model, row-major S × A; each row is a distribution.
 *
 * @param states S
 * @param actions A
 * @param probs π(a | s) at {@code s·A + a} (owned, not copied)
 */
public record StochasticPolicy(int states, int actions, double[] probs) {

  public StochasticPolicy {
    if (states <= 0 || actions <= 0 || probs.length != states * actions) {
      throw new IllegalArgumentException("a policy over S=" + states + ", A=" + actions + " needs S·A = "
          + (long) states * actions + " probabilities; got " + probs.length);
    }
    for (int s = 0; s < states; s++) {
      double sum = 0;
      for (int a = 0; a < actions; a++) {
        double p = probs[s * actions + a];
        if (!(p >= 0) || !Double.isFinite(p)) {
          throw new IllegalArgumentException("π(" + a + " | " + s + ") = " + p + "; probabilities must be finite and non-negative");
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException("π(· | " + s + ") sums to " + sum + ", not 1");
      }
    }
  }

  /** The uniformly random policy. */
  public static StochasticPolicy uniform(int states, int actions) {
    double[] p = new double[states * actions];
    Arrays.fill(p, 1.0 / actions);
    return new StochasticPolicy(states, actions, p);
  }

  /** The deterministic policy choosing {@code policy[s]} in state s. */
  public static StochasticPolicy deterministic(int[] policy, int actions) {
    Checks.policy(policy, policy.length, actions);
    double[] p = new double[policy.length * actions];
    for (int s = 0; s < policy.length; s++) {
      p[s * actions + policy[s]] = 1.0;
    }
    return new StochasticPolicy(policy.length, actions, p);
  }

  /** π(a | s). */
  public double prob(int s, int a) {
    return probs[s * actions + a];
  }
}
