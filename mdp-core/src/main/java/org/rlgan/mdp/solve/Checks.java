package org.rlgan.mdp.solve;

/** Validation shared by the solver configurations: each message names the field, the value and the range. */
final class Checks {

  private Checks() {}

  static void discount(double gamma, boolean allowOne) {
    boolean ok = allowOne ? gamma >= 0 && gamma <= 1 : gamma >= 0 && gamma < 1;
    if (!ok) {
      throw new IllegalArgumentException("discount is " + gamma + "; it must be in [0, " + (allowOne ? "1]" : "1)"));
    }
  }

  static void positive(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " is " + v + "; it must be positive and finite");
    }
  }

  static void length(String field, double[] v, int n) {
    if (v.length != n) {
      throw new IllegalArgumentException(field + " has " + v.length + " entries; the model has " + n + " states");
    }
  }

  static void policy(int[] policy, int states, int actions) {
    if (policy.length != states) {
      throw new IllegalArgumentException("the policy has " + policy.length + " entries; the model has " + states
          + " states");
    }
    for (int s = 0; s < states; s++) {
      if (policy[s] < 0 || policy[s] >= actions) {
        throw new IllegalArgumentException("the policy's action in state " + s + " is " + policy[s]
            + "; actions are 0.." + (actions - 1));
      }
    }
  }
}
