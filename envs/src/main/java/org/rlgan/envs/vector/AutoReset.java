package org.rlgan.envs.vector;

/** When a vector environment resets a sub-environment whose episode ended (Gymnasium 1.x's autoreset modes). */
public enum AutoReset {
  /**
   * Gymnasium 1.x's default: the step that ends the episode returns its final observation; the next call resets
   * that sub-environment instead of stepping it (its action is ignored) and returns the reset observation with
   * reward 0 and both flags false.
   */
  NEXT_STEP,
  /**
   * Reset within the same step: the returned observation is the reset one; the final observation and info are in
   * the sub-environment's info as {@code "final_obs"} and {@code "final_info"}.
   */
  SAME_STEP
}
