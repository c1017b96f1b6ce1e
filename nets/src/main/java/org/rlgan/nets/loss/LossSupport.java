package org.rlgan.nets.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/** Validation and per-sample reductions shared by the losses. */
final class LossSupport {
  private LossSupport() {}

  static String shape(Tensor t) {
    return Arrays.toString(t.shape());
  }

  static void requireReduction(String loss, Reduction reduction) {
    if (reduction == null) {
      throw new IllegalArgumentException(loss + ": reduction must be one of " + Arrays.toString(Reduction.values())
          + ", got null");
    }
  }

  /** A floating-point prediction with a non-empty batch dimension and at least {@code minRank} dimensions. */
  static void checkPrediction(String loss, Tensor prediction, int minRank, String expected) {
    if (prediction == null) {
      throw new IllegalArgumentException(loss + ": prediction must not be null");
    }
    if (prediction.rank() < minRank || prediction.size(0) < 1) {
      throw new IllegalArgumentException(loss + ": prediction must have shape " + expected + " with n >= 1, got "
          + shape(prediction));
    }
    if (!prediction.dataType().isFPType()) {
      throw new IllegalArgumentException(loss + ": prediction must be floating point, got "
          + prediction.dataType());
    }
  }

  /** Prediction and target of identical shape and data type (no broadcasting: [n, 1] vs [n] is a bug). */
  static void checkSameShape(String loss, Tensor prediction, Tensor target, int minRank, String expected) {
    checkPrediction(loss, prediction, minRank, expected);
    if (target == null) {
      throw new IllegalArgumentException(loss + ": target must not be null");
    }
    if (!Arrays.equals(prediction.shape(), target.shape())) {
      throw new IllegalArgumentException(loss + ": prediction shape " + shape(prediction) + " and target shape "
          + shape(target) + " must be equal (no broadcasting)");
    }
    if (prediction.dataType() != target.dataType()) {
      throw new IllegalArgumentException(loss + ": prediction " + shape(prediction) + " is "
          + prediction.dataType() + " but target " + shape(target) + " is " + target.dataType()
          + "; cast one to match");
    }
  }

  static void checkWeights(String loss, Tensor weights, long n, DataType type) {
    if (weights == null) {
      return;
    }
    if (weights.rank() != 1 || weights.size(0) != n) {
      throw new IllegalArgumentException(loss + ": weights must have shape [" + n + "] (one per sample), got "
          + shape(weights));
    }
    if (weights.dataType() != type) {
      throw new IllegalArgumentException(loss + ": weights " + shape(weights) + " are " + weights.dataType()
          + " but the prediction is " + type + "; cast one to match");
    }
  }

  /** Rejects target values outside [lo, hi] (NaN included), naming the first offending element. */
  static void checkRange(String loss, String what, Tensor target, double lo, double hi) {
    INDArray v = target.value();
    // Cheap whole-array test first; locate the culprit only when something is wrong.
    double min = v.minNumber().doubleValue();
    double max = v.maxNumber().doubleValue();
    boolean nan = v.isNaN().any();
    if (min >= lo && max <= hi && !nan) {
      return;
    }
    INDArray flat = v.reshape(v.length());
    for (long i = 0; i < flat.length(); i++) {
      double x = flat.getDouble(i);
      if (!(x >= lo && x <= hi)) {
        throw new IllegalArgumentException(loss + ": " + what + " must lie in [" + lo + ", " + hi + "], got " + x
            + " at flat index " + i + " of target " + shape(target));
      }
    }
  }

  /** Mean over every dimension but the first: [n, ...] to [n]. */
  static Tensor meanPerSample(Tensor x) {
    return x.rank() == 1 ? x : Ops.mean(x, false, nonBatchDims(x));
  }

  /** Sum over every dimension but the first: [n, ...] to [n]. */
  static Tensor sumPerSample(Tensor x) {
    return x.rank() == 1 ? x : Ops.sum(x, false, nonBatchDims(x));
  }

  private static int[] nonBatchDims(Tensor x) {
    int[] dims = new int[x.rank() - 1];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i + 1;
    }
    return dims;
  }
}
