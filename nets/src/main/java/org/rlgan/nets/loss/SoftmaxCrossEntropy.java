package org.rlgan.nets.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Softmax cross-entropy on logits, PyTorch's {@code CrossEntropyLoss}: for logits z [n, C] and a target
 * distribution q over the C classes, the per-sample loss is
 * <pre>  lᵢ = −Σ_c qᵢc · log softmax(zᵢ)_c,   log softmax(z)_c = z_c − log Σ_k e^{z_k},</pre>
 * with the log-sum-exp stabilised by the row maximum ({@link Ops#logSoftmax}), so large logits neither
 * overflow nor lose the small probabilities.
 *
 * <p>The target is either
 * <ul>
 *   <li>class indices [n] (any numeric type, integral values in [0, C)): q is one-hot, or</li>
 *   <li>class probabilities [n, C] of the logits' type (soft targets, e.g. a C51 projected distribution):
 *       used as given (rows are not checked to sum to 1); the loss is then differentiable in them too.</li>
 * </ul>
 * With label smoothing ε (Szegedy et al. 2016, "Rethinking the Inception Architecture", §7), q becomes
 * (1 − ε)q + ε/C, as PyTorch's {@code label_smoothing}.
 *
 * @param labelSmoothing ε in [0, 1]; 0 for none
 * @param reduction how per-sample losses are combined (MEAN is PyTorch's mean over the batch)
 */
public record SoftmaxCrossEntropy(double labelSmoothing, Reduction reduction) implements Loss {
  private static final String NAME = "SoftmaxCrossEntropy";

  public SoftmaxCrossEntropy {
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(NAME + ": labelSmoothing must lie in [0, 1], got " + labelSmoothing);
    }
    LossSupport.requireReduction(NAME, reduction);
  }

  /** No label smoothing. */
  public SoftmaxCrossEntropy(Reduction reduction) {
    this(0.0, reduction);
  }

  /** No label smoothing, mean reduction. */
  public SoftmaxCrossEntropy() {
    this(0.0, Reduction.MEAN);
  }

  /**
   * @param prediction logits [n, C]
   * @param target class indices [n] or class probabilities [n, C]
   * @param weights null or [n]
   * @throws IllegalArgumentException for bad shapes, or naming the row and label of an index outside [0, C)
   *     or not integral
   */
  @Override
  public Tensor apply(Tensor prediction, Tensor target, Tensor weights) {
    LossSupport.checkPrediction(NAME, prediction, 2, "[n, C]");
    requireRank2(prediction);
    if (target == null) {
      throw new IllegalArgumentException(NAME + ": target must not be null");
    }
    if (target.rank() == 1) {
      return apply(prediction, labels(prediction, target), weights);
    }
    LossSupport.checkSameShape(NAME, prediction, target, 2, "[n, C]");
    LossSupport.checkWeights(NAME, weights, prediction.size(0), prediction.dataType());
    Tensor q = target;
    if (labelSmoothing > 0) {
      q = Ops.addScalar(Ops.mulScalar(q, 1.0 - labelSmoothing), labelSmoothing / prediction.size(1));
    }
    return reduce(prediction, q, weights);
  }

  /**
   * The loss against class indices.
   *
   * @param prediction logits [n, C]
   * @param labels n class indices in [0, C)
   * @param weights null or [n]
   */
  public Tensor apply(Tensor prediction, long[] labels, Tensor weights) {
    LossSupport.checkPrediction(NAME, prediction, 2, "[n, C]");
    requireRank2(prediction);
    if (labels == null || labels.length != prediction.size(0)) {
      throw new IllegalArgumentException(NAME + ": logits " + LossSupport.shape(prediction) + " need "
          + prediction.size(0) + " labels, got " + (labels == null ? "null" : labels.length));
    }
    LossSupport.checkWeights(NAME, weights, prediction.size(0), prediction.dataType());
    long classes = prediction.size(1);
    INDArray q = Nd4j.zeros(prediction.dataType(), labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(NAME + ": label " + labels[i] + " at row " + i + " is outside [0, "
            + classes + ") for logits " + LossSupport.shape(prediction));
      }
      q.putScalar(i, labels[i], 1.0);
    }
    if (labelSmoothing > 0) {
      q.muli(1.0 - labelSmoothing).addi(labelSmoothing / classes);
    }
    return reduce(prediction, Tensor.constant(q), weights);
  }

  /** The unweighted loss against class indices. */
  public Tensor apply(Tensor prediction, long[] labels) {
    return apply(prediction, labels, null);
  }

  private Tensor reduce(Tensor logits, Tensor q, Tensor weights) {
    Tensor perSample = Ops.neg(Ops.sum(Ops.mul(q, Ops.logSoftmax(logits, 1)), false, 1));
    return reduction.reduce(perSample, weights);
  }

  private static void requireRank2(Tensor prediction) {
    if (prediction.rank() != 2 || prediction.size(1) < 1) {
      throw new IllegalArgumentException(NAME + ": logits must have shape [n, C], got "
          + LossSupport.shape(prediction));
    }
  }

  /** Class indices from a rank-1 target, which must hold one integral value per row. */
  private static long[] labels(Tensor prediction, Tensor target) {
    if (target.size(0) != prediction.size(0)) {
      throw new IllegalArgumentException(NAME + ": logits shape " + LossSupport.shape(prediction)
          + " and target shape " + LossSupport.shape(target) + " do not match; the target must be class "
          + "indices [" + prediction.size(0) + "] or probabilities " + LossSupport.shape(prediction));
    }
    long[] labels = new long[(int) target.size(0)];
    for (int i = 0; i < labels.length; i++) {
      double v = target.value().getDouble(i);
      if (v != Math.rint(v) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(NAME + ": label " + v + " at row " + i + " is not a class index");
      }
      labels[i] = (long) v;
    }
    return labels;
  }
}
