package org.rlgan.nets.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;

/**
 * Central-difference gradient checks (float64, {@link GradCheck#standard()}) of every loss, for every
 * reduction, without and with per-sample weights, with respect to the prediction, the target where the loss
 * is differentiable in it, and the weights.
 */
class LossGradientTest {
  private static final long N = 4;
  private final SplittableRandom rng = new SplittableRandom(7);

  private INDArray uniform(double lo, double hi, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(lo, hi));
    }
    return a;
  }

  /** Rows of positive probabilities summing to 1. */
  private INDArray distribution(long n, long c) {
    INDArray p = uniform(0.05, 1.0, n, c);
    return p.diviColumnVector(p.sum(1));
  }

  private static void check(Function<List<Tensor>, Tensor> f, INDArray... inputs) {
    GradCheck.Result r = GradCheck.standard().check(f, List.of(inputs));
    assertTrue(r.passed(), r.toString());
  }

  /**
   * Checks {@code loss} for every reduction, unweighted and weighted. The inputs are (prediction, target);
   * the target is checked only when {@code targetDifferentiable}, the weights always.
   */
  private void checkAllReductions(Function<Reduction, Loss> make, INDArray prediction, INDArray target,
      boolean targetDifferentiable) {
    for (Reduction r : Reduction.values()) {
      Loss loss = make.apply(r);
      Function<Tensor, Tensor> scalar = toScalar(r);
      INDArray weights = uniform(0.2, 2.0, N);
      if (targetDifferentiable) {
        check(x -> scalar.apply(loss.apply(x.get(0), x.get(1))), prediction, target);
        check(x -> scalar.apply(loss.apply(x.get(0), x.get(1), x.get(2))), prediction, target, weights);
      } else {
        Tensor t = Tensor.constant(target);
        check(x -> scalar.apply(loss.apply(x.get(0), t)), prediction);
        check(x -> scalar.apply(loss.apply(x.get(0), t, x.get(1))), prediction, weights);
      }
    }
  }

  /** NONE's vector is folded with distinct random weights so that every output element counts. */
  private Function<Tensor, Tensor> toScalar(Reduction r) {
    INDArray mix = uniform(-1, 1, N);
    return out -> r == Reduction.NONE ? Ops.sum(Ops.mul(out, Tensor.constant(mix))) : out;
  }

  @Test
  void mse() {
    checkAllReductions(Mse::new, uniform(-2, 2, N, 3), uniform(-2, 2, N, 3), true);
    checkAllReductions(Mse::new, uniform(-2, 2, N), uniform(-2, 2, N), true);
  }

  /** Differences on both sides of δ, kept 0.2 away from the kink |d| = δ. */
  @Test
  void huber() {
    double delta = 0.8;
    INDArray prediction = uniform(-2, 2, N, 3);
    INDArray target = prediction.dup();
    for (long i = 0; i < target.length(); i++) {
      double size = i % 2 == 0 ? rng.nextDouble(0.0, delta - 0.2) : rng.nextDouble(delta + 0.2, 3.0);
      target.putScalar(i, target.getDouble(i) - (rng.nextBoolean() ? size : -size));
    }
    checkAllReductions(r -> new Huber(delta, r), prediction, target, true);
  }

  @Test
  void binaryCrossEntropyWithLogits() {
    INDArray logits = uniform(-6, 6, N, 3);
    checkAllReductions(BinaryCrossEntropyWithLogits::new, logits, uniform(0.05, 0.95, N, 3), true);
    INDArray hard = uniform(0, 1, N, 3).gt(0.5).castTo(DataType.DOUBLE);
    checkAllReductions(BinaryCrossEntropyWithLogits::new, logits, hard, false);
  }

  @Test
  void softmaxCrossEntropyWithLabels() {
    long[] labels = {2, 0, 4, 2};
    INDArray labelTensor = Nd4j.createFromArray(labels);
    for (double smoothing : new double[] {0.0, 0.1}) {
      checkAllReductions(r -> new SoftmaxCrossEntropy(smoothing, r), uniform(-3, 3, N, 5), labelTensor, false);
      // The long[] overload.
      for (Reduction r : Reduction.values()) {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(smoothing, r);
        Function<Tensor, Tensor> scalar = toScalar(r);
        check(x -> scalar.apply(ce.apply(x.get(0), labels, x.get(1))), uniform(-3, 3, N, 5), uniform(0.2, 2, N));
      }
    }
  }

  @Test
  void softmaxCrossEntropyWithProbabilities() {
    checkAllReductions(SoftmaxCrossEntropy::new, uniform(-3, 3, N, 5), distribution(N, 5), true);
    checkAllReductions(r -> new SoftmaxCrossEntropy(0.2, r), uniform(-3, 3, N, 5), distribution(N, 5), true);
  }

  @Test
  void klDivergence() {
    INDArray logQ = Ops.logSoftmax(Tensor.constant(uniform(-2, 2, N, 5)), 1).value();
    checkAllReductions(KlDivergence::new, logQ, distribution(N, 5), true);
    // Zero probabilities: finite, with the right gradient in log q (perturbing p = 0 below 0 is invalid).
    INDArray p = distribution(N, 5);
    p.putScalar(new long[] {1, 2}, 0.0);
    p.putScalar(new long[] {3, 0}, 0.0);
    checkAllReductions(KlDivergence::new, logQ, p, false);
  }

  /**
   * Second derivatives: the gradient of each smooth loss with respect to its prediction is itself
   * differentiable (a penalty on it can be trained), checked by finite differences of the gradient.
   * (KL divergence is linear in log q: its gradient there is the constant −p/n.)
   */
  @Test
  void secondDerivatives() {
    INDArray target3 = uniform(0.05, 0.95, N, 3);
    List<Loss> losses = List.of(new Mse(), new BinaryCrossEntropyWithLogits(Reduction.SUM),
        new SoftmaxCrossEntropy(0.1, Reduction.MEAN), new Huber(5.0, Reduction.SUM));
    List<INDArray> targets = new ArrayList<>(List.of(target3, target3, distribution(N, 3), target3));
    for (int k = 0; k < losses.size(); k++) {
      Loss loss = losses.get(k);
      Tensor target = Tensor.constant(targets.get(k));
      INDArray w = uniform(-1, 1, N, 3);
      Function<List<Tensor>, Tensor> f = xs -> {
        Tensor x = xs.get(0).requiresGrad() ? xs.get(0) : Tensor.variable(xs.get(0).value());
        Tensor g = Autograd.grad(loss.apply(x, target), List.of(x), true).get(0);
        return Ops.sum(Ops.mul(g, Tensor.constant(w)));
      };
      check(f, uniform(-2, -0.1, N, 3));
    }
  }
}
