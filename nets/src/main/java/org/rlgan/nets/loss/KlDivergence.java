package org.rlgan.nets.loss;

import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * The Kullback–Leibler divergence D_KL(p ‖ q) = Σ_c p_c (log p_c − log q_c) (Kullback and Leibler 1951),
 * with the arguments as PyTorch's {@code kl_div}: the prediction is log q (log-probabilities, e.g. from
 * {@link Ops#logSoftmax}) and the target is p (probabilities). The per-sample loss sums over every
 * non-batch dimension, so {@link Reduction#MEAN} is the true mean divergence, PyTorch's
 * {@code reduction='batchmean'} (not its element mean {@code 'mean'}).
 *
 * <p>Terms with p_c = 0 contribute 0 (0·log 0 = 0), provided log q_c is finite there (0·(−∞) is NaN, as in
 * PyTorch). Differentiable in log q, and in p where p &gt; 0 (at p = 0 the p-gradient reported is −log q,
 * the true one being −∞).
 *
 * <p>Shapes: prediction and target [n, C, ...], identical; target values must be ≥ 0.
 *
 * @param reduction how per-sample losses are combined
 */
public record KlDivergence(Reduction reduction) implements Loss {
  private static final String NAME = "KlDivergence";

  public KlDivergence {
    LossSupport.requireReduction(NAME, reduction);
  }

  /** Mean reduction (PyTorch's batchmean). */
  public KlDivergence() {
    this(Reduction.MEAN);
  }

  /**
   * @param prediction log q [n, C, ...]
   * @param target p [n, C, ...], non-negative
   * @param weights null or [n]
   */
  @Override
  public Tensor apply(Tensor prediction, Tensor target, Tensor weights) {
    LossSupport.checkSameShape(NAME, prediction, target, 2, "[n, C, ...]");
    LossSupport.checkWeights(NAME, weights, prediction.size(0), prediction.dataType());
    LossSupport.checkRange(NAME, "target probabilities", target, 0.0, Double.POSITIVE_INFINITY);
    Tensor p = target;
    // log p with p = 0 replaced by 1: the term is then 0·log 1 = 0 and the backward pass divides by 1, not 0.
    Tensor zeroToOne = Tensor.constant(p.value().eq(0).castTo(p.dataType()));
    Tensor logP = Ops.log(Ops.add(p, zeroToOne));
    Tensor elementwise = Ops.mul(p, Ops.sub(logP, prediction));
    return reduction.reduce(LossSupport.sumPerSample(elementwise), weights);
  }
}
