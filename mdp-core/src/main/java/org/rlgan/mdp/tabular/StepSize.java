package org.rlgan.mdp.tabular;

/** The learning rate α of each update. */
public sealed interface StepSize {

  /** α for the n-th update (n ≥ 1) of a state–action pair. */
  double alpha(long visits);

  /** The same α for every update. */
  record Constant(double alpha) implements StepSize {
    public Constant {
      if (!(alpha > 0 && alpha <= 1)) {
        throw new IllegalArgumentException("stepSize.alpha is " + alpha + "; it must be in (0, 1]");
      }
    }

    @Override
    public double alpha(long visits) {
      return alpha;
    }
  }

  /**
   * α = 1 / n(s, a)^ω: ω = 1 is the sample average; ω in (0.5, 1] satisfies the Robbins–Monro conditions under
   * which Q-learning converges (Watkins &amp; Dayan 1992; Even-Dar &amp; Mansour 2003 recommend ω ≈ 0.8).
   */
  record OneOverVisits(double power) implements StepSize {
    public OneOverVisits {
      if (!(power > 0.5 && power <= 1)) {
        throw new IllegalArgumentException("stepSize.power is " + power + "; it must be in (0.5, 1]");
      }
    }

    @Override
    public double alpha(long visits) {
      return power == 1 ? 1.0 / visits : Math.pow(visits, -power);
    }
  }
}
