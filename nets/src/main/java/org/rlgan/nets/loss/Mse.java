package org.rlgan.nets.loss;

import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Mean squared error: element-wise (x − y)², averaged over the non-batch dimensions into the per-sample
 * loss (PyTorch {@code MSELoss}; with {@link Reduction#MEAN} and no weights, the mean over all elements).
 *
 * <p>Shapes: prediction and target [n, ...], identical (no broadcasting). Differentiable in both.
 *
 * @param reduction how per-sample losses are combined
 */
public record Mse(Reduction reduction) implements Loss {

  public Mse {
    LossSupport.requireReduction("Mse", reduction);
  }

  /** Mean reduction. */
  public Mse() {
    this(Reduction.MEAN);
  }

  @Override
  public Tensor apply(Tensor prediction, Tensor target, Tensor weights) {
    LossSupport.checkSameShape("Mse", prediction, target, 1, "[n, ...]");
    LossSupport.checkWeights("Mse", weights, prediction.size(0), prediction.dataType());
    Tensor perSample = prediction.rank() == 1 ? Ops.square(Ops.sub(prediction, target))
        : Ops.squaredErrorPerSample(prediction, target);
    return reduction.reduce(perSample, weights);
  }
}
