package org.rlgan.nets.loss;

import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * The Huber loss (Huber 1964, "Robust Estimation of a Location Parameter"), as PyTorch's {@code HuberLoss}:
 * for d = x − y, element-wise ½d² where |d| ≤ δ and δ(|d| − ½δ) elsewhere, averaged over the non-batch
 * dimensions into the per-sample loss. With δ = 1 it equals PyTorch's {@code smooth_l1_loss}; it is the
 * "error clipping" of DQN (Mnih et al. 2015), whose gradient in d is d clipped to [−δ, δ].
 *
 * <p>Computed by the single primitive {@link Ops#huber} (one kernel forward, gradient clamp(d, −δ, δ)), which
 * squares only |d| ≤ δ, so a large |d| never overflows to ∞.
 *
 * <p>Shapes: prediction and target [n, ...], identical. Differentiable in both (once; the second derivative
 * jumps at |d| = δ).
 *
 * @param delta δ &gt; 0, where the quadratic part turns linear (in the units of the prediction)
 * @param reduction how per-sample losses are combined
 */
public record Huber(double delta, Reduction reduction) implements Loss {

  public Huber {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("Huber: delta must be finite and > 0, got " + delta);
    }
    LossSupport.requireReduction("Huber", reduction);
  }

  /** δ = 1 (smooth L1), mean reduction. */
  public Huber() {
    this(1.0, Reduction.MEAN);
  }

  @Override
  public Tensor apply(Tensor prediction, Tensor target, Tensor weights) {
    LossSupport.checkSameShape("Huber", prediction, target, 1, "[n, ...]");
    LossSupport.checkWeights("Huber", weights, prediction.size(0), prediction.dataType());
    Tensor elementwise = Ops.huber(Ops.sub(prediction, target), delta); // one primitive: d' = clamp(d, ±δ)
    return reduction.reduce(LossSupport.meanPerSample(elementwise), weights);
  }
}
