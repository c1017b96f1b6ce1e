package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.examples.TwoMoons;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.BinaryCrossEntropyWithLogits;
import org.rlgan.nets.loss.Reduction;
import org.rlgan.nets.loss.SoftmaxCrossEntropy;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Lbfgs;
import org.rlgan.nets.optim.Optimizer;

/** The nets learn what the book's chapters 3–5 say they should. */
class LearningTest {

  @Test
  void xor() {
    SplittableRandom rng = new SplittableRandom(0);
    Sequential net = Sequential.builder(new long[] {2}, DataType.FLOAT, rng).dense(8).tanh().dense(1).build();
    Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    Optimizer adam = Adam.Config.of(0.05).build();
    BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
    double loss = Double.NaN;
    for (int step = 0; step < 600; step++) {
      net.zeroGrad();
      Tensor l = bce.apply(net.forward(x, ForwardContext.eval()), y);
      loss = l.item();
      Autograd.backward(l);
      adam.step(net.parameters());
    }
    assertTrue(loss < 0.02, "XOR loss after 600 Adam steps: " + loss);
    INDArray logits = net.forward(x, ForwardContext.eval()).value();
    float[] expected = {0, 1, 1, 0};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], logits.getDouble(i, 0) > 0 ? 1f : 0f, "XOR row " + i);
    }
  }

  record MoonsRun(double testAccuracy, List<Double> losses) {}

  static MoonsRun trainMoons(long seed) {
    SplittableRandom data = new SplittableRandom(1234);
    float[][] train = TwoMoons.moons(1000, 0.15, data);
    float[][] test = TwoMoons.moons(1000, 0.15, data);
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential net = Sequential.builder(new long[] {2}, DataType.FLOAT, rng).dense(32).relu().dense(32).relu().dense(2).build();
    Optimizer adam = Adam.Config.of(0.01).build();
    SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    int n = 1000;
    int batch = 50;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<Double> losses = new ArrayList<>();
    for (int epoch = 0; epoch < 40; epoch++) {
      for (int i = n - 1; i > 0; i--) { // Fisher–Yates with the run's generator
        int j = rng.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int start = 0; start < n; start += batch) {
        float[] xb = new float[2 * batch];
        long[] yb = new long[batch];
        for (int k = 0; k < batch; k++) {
          int idx = order[start + k];
          xb[2 * k] = train[0][2 * idx];
          xb[2 * k + 1] = train[0][2 * idx + 1];
          yb[k] = (long) train[1][idx];
        }
        net.zeroGrad();
        Tensor l = ce.apply(net.forward(Tensor.of(xb, batch, 2), ForwardContext.train(rng)), yb);
        losses.add(l.item());
        Autograd.backward(l);
        adam.step(net.parameters());
      }
    }
    INDArray logits = net.forward(Tensor.of(test[0], 1000, 2), ForwardContext.eval()).value();
    INDArray predicted = Nd4j.argMax(logits, 1);
    int correct = 0;
    for (int i = 0; i < 1000; i++) {
      correct += predicted.getLong(i) == (long) test[1][i] ? 1 : 0;
    }
    return new MoonsRun(correct / 1000.0, losses);
  }

  @Test
  void twoMoonsClassifierGeneralises() {
    MoonsRun run = trainMoons(7);
    assertTrue(run.testAccuracy() >= 0.97, "two-moons test accuracy " + run.testAccuracy());
  }

  @Test
  void sameSeedSameTrainingBitForBit() {
    MoonsRun a = trainMoons(3);
    MoonsRun b = trainMoons(3);
    assertEquals(a.losses(), b.losses());
    assertEquals(a.testAccuracy(), b.testAccuracy());
    MoonsRun c = trainMoons(4);
    assertTrue(!a.losses().equals(c.losses()), "a different seed should train differently");
  }

  /**
   * Logistic regression (book §3.2) fitted by our L-BFGS on the tape's gradients matches the
   * maximum-likelihood coefficients found independently by Newton–Raphson (IRLS) in Commons Math.
   */
  @Test
  void logisticRegressionMatchesMaximumLikelihood() {
    int n = 400;
    int d = 3;
    double[] truth = {1.5, -2.0, 0.5};
    double intercept = 0.3;
    SplittableRandom rng = new SplittableRandom(99);
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = intercept;
      for (int j = 0; j < d; j++) {
        x[i][j] = rng.nextGaussian();
        z += truth[j] * x[i][j];
      }
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }

    // Independent solution: Newton on the log-likelihood with design [1, x].
    RealMatrix design = new Array2DRowRealMatrix(n, d + 1);
    for (int i = 0; i < n; i++) {
      design.setEntry(i, 0, 1.0);
      for (int j = 0; j < d; j++) {
        design.setEntry(i, j + 1, x[i][j]);
      }
    }
    RealVector beta = new ArrayRealVector(d + 1);
    for (int it = 0; it < 50; it++) {
      RealVector eta = design.operate(beta);
      RealVector residual = new ArrayRealVector(n);
      RealMatrix weighted = design.copy();
      for (int i = 0; i < n; i++) {
        double p = 1 / (1 + Math.exp(-eta.getEntry(i)));
        residual.setEntry(i, y[i] - p);
        weighted.setRowVector(i, design.getRowVector(i).mapMultiply(p * (1 - p)));
      }
      RealMatrix hessian = design.transpose().multiply(weighted);
      RealVector step = new LUDecomposition(hessian).getSolver().solve(design.transpose().operate(residual));
      beta = beta.add(step);
      if (step.getNorm() < 1e-14) {
        break;
      }
    }

    // Ours: a Dense 3 -> 1 layer, binary cross-entropy summed (the negative log-likelihood), L-BFGS.
    Dense layer = new Dense(d, 1, true, new Constant(0.0), new Constant(0.0), DataType.DOUBLE, rng);
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    Tensor inputs = Tensor.of(flat, n, d);
    Tensor targets = Tensor.of(y, n, 1);
    BinaryCrossEntropyWithLogits nll = new BinaryCrossEntropyWithLogits(Reduction.SUM);
    Lbfgs.Result result = new Lbfgs.Config(10, 200, 1e-10, 1e-14, Lbfgs.StrongWolfe.defaults()).build()
        .minimize(() -> nll.apply(layer.forward(inputs, ForwardContext.eval()), targets), layer.parameters());
    assertTrue(result.converged(), result.toString());

    double[] ours = new double[d + 1];
    ours[0] = layer.bias().value().getDouble(0);
    for (int j = 0; j < d; j++) {
      ours[j + 1] = layer.weight().value().getDouble(j, 0);
    }
    assertArrayEquals(beta.toArray(), ours, 1e-6, "MLE by IRLS " + beta + " vs ours " + java.util.Arrays.toString(ours));
    // And the fit is near the truth the data came from (sanity of the test data itself).
    assertEquals(truth[0], ours[1], 0.5);
  }
}
