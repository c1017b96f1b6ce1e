package org.rlgan.render.scene;

import java.util.Arrays;

/**
 * A value function and a greedy policy over a grid world's states (state = row · cols + col), drawn over the grid
 * as a heat map and arrows. Made from mdp-core's exact solution or from a learned Q table or network.
 *
 * @param label the panel caption, e.g. {@code "exact V*"} or {@code "learned Q"}
 * @param values V(s) per state
 * @param policy the greedy action per state (an index into the scene's action names), -1 for none
 */
public record GridOverlay(String label, double[] values, int[] policy) {

  /** Checks lengths and copies the arrays. */
  public GridOverlay {
    if (values.length != policy.length) {
      throw new IllegalArgumentException("GridOverlay " + label + ": " + values.length + " values but "
          + policy.length + " policy entries; both are per state");
    }
    values = values.clone();
    policy = policy.clone();
  }

  /** From Q(s, a) rows: V(s) = max_a Q and the policy is the argmax (lowest index on ties, as mdp-core's). */
  public static GridOverlay fromQ(String label, double[][] q) {
    double[] v = new double[q.length];
    int[] pi = new int[q.length];
    for (int s = 0; s < q.length; s++) {
      int best = 0;
      for (int a = 1; a < q[s].length; a++) {
        if (q[s][a] > q[s][best]) {
          best = a;
        }
      }
      pi[s] = best;
      v[s] = q[s][best];
    }
    return new GridOverlay(label, v, pi);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public int[] policy() {
    return policy.clone();
  }

  double value(int s) {
    return values[s];
  }

  int action(int s) {
    return policy[s];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridOverlay g && label.equals(g.label) && Arrays.equals(values, g.values)
        && Arrays.equals(policy, g.policy);
  }

  @Override
  public int hashCode() {
    return label.hashCode() * 31 + Arrays.hashCode(values) * 7 + Arrays.hashCode(policy);
  }
}
