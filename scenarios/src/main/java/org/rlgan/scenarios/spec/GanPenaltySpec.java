package org.rlgan.scenarios.spec;

import org.rlgan.gan.train.Penalty;
import org.rlgan.scenarios.config.Opt;

/** The discriminator's regulariser of a {@code kind: gan} scenario (docs/gan.md, "Losses"). */
public interface GanPenaltySpec {

  Penalty penalty();

  /** No penalty. */
  record None(String type) implements GanPenaltySpec {
    @Override
    public Penalty penalty() {
      return new Penalty.None();
    }
  }

  /** WGAN-GP: λ·E[(‖∇D(x̂)‖ − 1)²] on interpolates (Gulrajani et al. 2017). */
  record GradientPenalty(String type, @Opt(doc = "the weight λ (the paper: 10)", def = "10", range = "(0, inf)")
      double lambda) implements GanPenaltySpec {
    @Override
    public Penalty penalty() {
      return new Penalty.GradientPenalty(lambda);
    }
  }

  /** R1: (γ/2)·E[‖∇D(x)‖²] on real data (Mescheder et al. 2018). */
  record R1(String type, @Opt(doc = "the weight γ", def = "10", range = "(0, inf)") double gamma)
      implements GanPenaltySpec {
    @Override
    public Penalty penalty() {
      return new Penalty.R1(gamma);
    }
  }
}
