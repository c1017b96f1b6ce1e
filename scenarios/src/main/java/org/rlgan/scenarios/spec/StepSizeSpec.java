package org.rlgan.scenarios.spec;

import org.rlgan.mdp.tabular.StepSize;
import org.rlgan.scenarios.config.Opt;

/** The learning rate α of a tabular update. */
public interface StepSizeSpec {

  StepSize stepSize();

  /** The same α for every update. */
  record Constant(String type, @Opt(doc = "α", range = "(0, 1]") double value) implements StepSizeSpec {
    @Override
    public StepSize stepSize() {
      return new StepSize.Constant(value);
    }
  }

  /** α = 1/n(s,a)^ω (Robbins–Monro for ω in (0.5, 1]). */
  record OneOverVisits(String type, @Opt(doc = "ω", def = "0.8", range = "(0.5, 1]") double power)
      implements StepSizeSpec {
    @Override
    public StepSize stepSize() {
      return new StepSize.OneOverVisits(power);
    }
  }
}
