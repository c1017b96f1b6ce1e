package org.rlgan.agents.replay;

/**
 * A sampled mini-batch of n transitions, row-major, fresh arrays. The target is
 * y = reward + discount · V(nextObs), where {@code discount} is 0 after termination and γ^k otherwise (k the number
 * of rewards summed in {@code reward}: n, or fewer when the episode ended within n steps).
 *
 * @param obs [n, width]
 * @param actions [n]
 * @param rewards [n] the (n-step) discounted reward sums
 * @param nextObs [n, width]
 * @param discounts [n] γ^k, or 0 when the episode terminated
 * @param weights [n] importance-sampling weights (all 1 for uniform sampling)
 * @param indices [n] buffer slots, for priority updates
 */
public record Batch(float[] obs, long[] actions, float[] rewards, float[] nextObs, float[] discounts, float[] weights,
    int[] indices) {
  public int size() {
    return actions.length;
  }
}
