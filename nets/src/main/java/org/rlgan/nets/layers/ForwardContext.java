package org.rlgan.nets.layers;

import java.util.random.RandomGenerator;

/**
 * How a forward pass runs: training mode (dropout active) with the generator that draws its masks, or
 * evaluation mode (deterministic, no generator needed).
 *
 * @param training whether layers behave as in training
 * @param rng the generator for stochastic layers; required in training mode
 */
public record ForwardContext(boolean training, RandomGenerator rng) {
  private static final ForwardContext EVAL = new ForwardContext(false, null);

  public ForwardContext {
    if (training && rng == null) {
      throw new IllegalArgumentException("training mode needs a random generator (for dropout masks)");
    }
  }

  /** Training mode, stochastic layers drawing from {@code rng}. */
  public static ForwardContext train(RandomGenerator rng) {
    return new ForwardContext(true, rng);
  }

  /** Evaluation mode: deterministic. */
  public static ForwardContext eval() {
    return EVAL;
  }
}
