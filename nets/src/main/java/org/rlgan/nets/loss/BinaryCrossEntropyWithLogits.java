package org.rlgan.nets.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Binary cross-entropy on logits, PyTorch's {@code BCEWithLogitsLoss}: for logit x and target probability
 * y ∈ [0, 1] (hard 0/1 labels or soft targets), element-wise
 * <pre>  −y·log σ(x) − (1 − y)·log(1 − σ(x)) = max(x, 0) − x·y + log(1 + e^−|x|),</pre>
 * averaged over the non-batch dimensions into the per-sample loss. The right-hand form never overflows
 * and, summed in this order, stays exact for large |x| (x = 50, y = 1 gives log1p(e^−50) ≈ 1.9e−22, not 0).
 *
 * <p>The gradient in x is σ(x) − y everywhere, x = 0 included: max(x, 0) and |x| are written as x·m and
 * x·s with constant m = [x ≥ 0], s = 2m − 1, because {@link Ops#relu} and {@link Ops#abs} take slope 0 at
 * x = 0, which would give −y instead of ½ − y for an exactly-zero logit (a zero-initialised output layer).
 * The sum is not written as softplus(x) − x·y, which cancels catastrophically for x ≫ 0, y = 1.
 *
 * <p>Shapes: logits and targets [n, ...], identical. Differentiable in both.
 *
 * @param reduction how per-sample losses are combined
 */
public record BinaryCrossEntropyWithLogits(Reduction reduction) implements Loss {

  public BinaryCrossEntropyWithLogits {
    LossSupport.requireReduction("BinaryCrossEntropyWithLogits", reduction);
  }

  /** Mean reduction. */
  public BinaryCrossEntropyWithLogits() {
    this(Reduction.MEAN);
  }

  /**
   * @param prediction logits x [n, ...]
   * @param target probabilities y in [0, 1], same shape and type
   * @param weights null or [n]
   */
  @Override
  public Tensor apply(Tensor prediction, Tensor target, Tensor weights) {
    String name = "BinaryCrossEntropyWithLogits";
    LossSupport.checkSameShape(name, prediction, target, 1, "[n, ...]");
    LossSupport.checkWeights(name, weights, prediction.size(0), prediction.dataType());
    LossSupport.checkRange(name, "target probabilities", target, 0.0, 1.0);
    Tensor x = prediction;
    INDArray nonNegative = x.value().gte(0).castTo(x.dataType());
    Tensor m = Tensor.constant(nonNegative);
    Tensor s = Tensor.constant(nonNegative.mul(2.0).subi(1.0));
    // The linear part first: max(x, 0) − x·y cancels exactly for x ≫ 0, y = 1 (softplus(x) − x·y would not).
    Tensor linear = Ops.sub(Ops.mul(x, m), Ops.mul(x, target));              // max(x, 0) − x·y
    Tensor tail = Ops.log1p(Ops.exp(Ops.neg(Ops.mul(x, s))));                // log(1 + e^−|x|)
    return reduction.reduce(LossSupport.meanPerSample(Ops.add(linear, tail)), weights);
  }
}
