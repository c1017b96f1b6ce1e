package org.rlgan.mdp.solve;

/**
 * A solver used its whole iteration budget without meeting its stopping rule. Carries the last residual and the
 * last error bound so the caller can decide whether the values are good enough anyway, or raise the budget.
 */
public final class NotConvergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String solver;
  private final int iterations;
  private final double lastResidual;
  private final double lastBound;

  public NotConvergedException(String solver, int iterations, double lastResidual, double lastBound, String fix) {
    super(solver + " did not converge in " + iterations + " iterations: last residual " + lastResidual
        + ", last bound on the error " + lastBound + "; " + fix);
    this.solver = solver;
    this.iterations = iterations;
    this.lastResidual = lastResidual;
    this.lastBound = lastBound;
  }

  public String solver() {
    return solver;
  }

  public int iterations() {
    return iterations;
  }

  /** The sup-norm change (or residual) of the last iteration. */
  public double lastResidual() {
    return lastResidual;
  }

  /** The last guaranteed sup-norm distance to the solution ({@code NaN} when none is known, e.g. γ = 1). */
  public double lastBound() {
    return lastBound;
  }
}
