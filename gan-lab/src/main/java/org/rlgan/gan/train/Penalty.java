package org.rlgan.gan.train;

/**
 * The discriminator's regulariser, added to its loss at every critic update.
 *
 * <ul>
 *   <li>{@link None};
 *   <li>{@link GradientPenalty}: WGAN-GP, λ·E[(‖∇D(x̂)‖ − 1)²] on interpolates (Gulrajani et al. 2017; λ = 10);
 *   <li>{@link R1}: (γ/2)·E[‖∇D(x)‖²] on real data (Mescheder et al. 2018).
 * </ul>
 */
public sealed interface Penalty permits Penalty.None, Penalty.GradientPenalty, Penalty.R1 {

  /** No penalty. */
  record None() implements Penalty {}

  /** @param lambda the weight λ, > 0 (the paper: 10) */
  record GradientPenalty(double lambda) implements Penalty {
    public GradientPenalty {
      if (!(lambda > 0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("GradientPenalty.lambda = " + lambda + " is invalid: it must be finite and > 0");
      }
    }
  }

  /** @param gamma the weight γ, > 0 */
  record R1(double gamma) implements Penalty {
    public R1 {
      if (!(gamma > 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("R1.gamma = " + gamma + " is invalid: it must be finite and > 0");
      }
    }
  }
}
