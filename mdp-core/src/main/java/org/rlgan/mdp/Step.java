package org.rlgan.mdp;

import java.util.Map;

/**
 * What {@link Env#step} returns (Gymnasium 1.x): the next observation, the reward for the transition, whether
 * the episode reached a terminal state of the MDP ({@code terminated}) and whether it was cut short from outside
 * the MDP, e.g. by a time limit ({@code truncated}). Both may be true on one step. Bootstrapping must stop on
 * {@code terminated} only: a truncated episode still has a value after its last observation.
 *
 * @param <O> the observation type (plain Java data: {@code Integer}, {@code double[]}, {@code int[]}, ...)
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

  public Step {
    info = info == null ? Map.of() : info;
  }

  /** True when the episode is over for either reason; use it to decide when to reset, never to bootstrap. */
  public boolean done() {
    return terminated || truncated;
  }
}
