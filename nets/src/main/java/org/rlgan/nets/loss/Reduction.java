package org.rlgan.nets.loss;

import java.util.Arrays;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * How a loss turns its per-sample vector l [n] (optionally weighted, w [n]) into its result.
 *
 * <p>MEAN divides by the batch size n even when weighted ((1/n) Σᵢ wᵢlᵢ), as the prioritised-replay
 * implementations of SB3 and the PyTorch PER references do; it does not normalise by Σw.
 */
public enum Reduction {
  /** (1/n) Σᵢ wᵢlᵢ, a rank-0 tensor. */
  MEAN,
  /** Σᵢ wᵢlᵢ, a rank-0 tensor. */
  SUM,
  /** The vector w⊙l of shape [n] (l itself without weights). */
  NONE;

  /**
   * Applies this reduction.
   *
   * @param perSample the per-sample losses, shape [n]
   * @param weights null, or per-sample weights of shape [n] and the same data type
   * @return rank 0 for MEAN and SUM, shape [n] for NONE
   */
  public Tensor reduce(Tensor perSample, Tensor weights) {
    if (perSample.rank() != 1) {
      throw new IllegalArgumentException("Reduction." + this + ": per-sample losses must have shape [n], got "
          + Arrays.toString(perSample.shape()));
    }
    if (weights != null) {
      LossSupport.checkWeights("Reduction." + this, weights, perSample.size(0), perSample.dataType());
    }
    Tensor l = weights == null ? perSample : Ops.mul(perSample, weights);
    return switch (this) {
      case MEAN -> Ops.mean(l);
      case SUM -> Ops.sum(l);
      case NONE -> l;
    };
  }
}
