package org.rlgan.agents.run;

/**
 * Sees the run after every vector step (SB3's callbacks, without subclassing the trainer). Returning false stops
 * training after this step.
 */
@FunctionalInterface
public interface RunListener {
  boolean onStep(Metrics metrics);

  /** Stops once a greedy evaluation's mean return reaches {@code threshold} (e.g. CartPole-v1's 475). */
  static RunListener stopAtEvalReturn(double threshold) {
    return m -> !(m.evalMeanReturn().isPresent() && m.evalMeanReturn().getAsDouble() >= threshold);
  }
}
