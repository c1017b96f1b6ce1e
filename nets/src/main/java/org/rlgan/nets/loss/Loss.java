package org.rlgan.nets.loss;

import org.rlgan.nets.Tensor;

/**
 * A differentiable loss of a prediction against a target. See the package documentation for the shared
 * conventions: batch dimension first, a per-sample vector [n], optional per-sample weights, then the
 * {@link Reduction}.
 *
 * <p>Implementations compose {@link org.rlgan.nets.Ops}, so the result can be differentiated (to any order)
 * with respect to the prediction and, where the loss is differentiable in it, the target and the weights.
 * Inputs are never modified.
 */
public interface Loss {

  /**
   * The loss.
   *
   * @param prediction the model output, batch first: [n, ...]
   * @param target what the prediction should match; its shape is given by each implementation
   * @param weights null, or per-sample weights of shape [n] (e.g. importance-sampling weights), same data
   *     type as the prediction; they multiply the per-sample losses before the reduction
   * @return rank 0 for {@link Reduction#MEAN} and {@link Reduction#SUM}, shape [n] for {@link Reduction#NONE}
   * @throws IllegalArgumentException naming the loss and the shapes when shapes, data types or target
   *     values are invalid
   */
  Tensor apply(Tensor prediction, Tensor target, Tensor weights);

  /** The unweighted loss: {@code apply(prediction, target, null)}. */
  default Tensor apply(Tensor prediction, Tensor target) {
    return apply(prediction, target, null);
  }

  /** How the per-sample losses are combined. */
  Reduction reduction();
}
