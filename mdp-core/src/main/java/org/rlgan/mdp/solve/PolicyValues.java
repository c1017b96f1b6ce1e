package org.rlgan.mdp.solve;

/**
 * The value of one policy π (what {@link PolicyEvaluation} returns). Arrays are not copied.
 *
 * @param values V^π, length S
 * @param q Q^π(s, a) = r(s, a) + γ Σ p·(1 − terminated)·V^π(s'), row-major S × A
 * @param iterations sweeps (iterative) or 1 (direct solve)
 * @param residual ‖T_π V − V‖∞ of the returned values
 * @param bound a guaranteed bound on ‖V − V^π‖∞ ({@code NaN} when none is known: γ = 1 and iterative)
 */
public record PolicyValues(double[] values, double[] q, int iterations, double residual, double bound) {

  public double value(int s) {
    return values[s];
  }

  public double q(int s, int a) {
    return q[s * (q.length / values.length) + a];
  }
}
