package org.rlgan.gan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.GlorotUniform;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Sequential;

/**
 * The gradient penalties are exact: their value matches a penalty built from a finite-difference input
 * gradient, and their gradient with respect to the critic's parameters (a derivative through a derivative)
 * matches central differences of the penalty.
 */
class PenaltiesTest {
  static Sequential critic(long seed) {
    var rng = new SplittableRandom(seed);
    GlorotUniform w = new GlorotUniform(1.0);
    Constant b = new Constant(0.1);
    return new Sequential(new long[] {3}, List.of(
        new Dense(3, 5, true, w, b, DataType.DOUBLE, rng), new Activation(Activation.Kind.TANH),
        new Dense(5, 4, true, w, b, DataType.DOUBLE, rng), new Activation(Activation.Kind.SOFTPLUS),
        new Dense(4, 1, true, w, b, DataType.DOUBLE, rng)));
  }

  static INDArray batch(long seed) {
    var rng = new SplittableRandom(seed);
    double[] v = new double[4 * 3];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return Nd4j.createFromArray(v).reshape(4, 3);
  }

  /** ∇_x D(x) per sample by central differences. */
  static double[][] numericInputGradient(Layer d, INDArray x) {
    double h = 1e-6;
    double[][] g = new double[(int) x.size(0)][(int) x.size(1)];
    for (int i = 0; i < x.size(0); i++) {
      for (int j = 0; j < x.size(1); j++) {
        INDArray p = x.dup();
        INDArray m = x.dup();
        p.putScalar(i, j, x.getDouble(i, j) + h);
        m.putScalar(i, j, x.getDouble(i, j) - h);
        double fp = d.forward(Tensor.constant(p), ForwardContext.eval()).value().getDouble(i, 0);
        double fm = d.forward(Tensor.constant(m), ForwardContext.eval()).value().getDouble(i, 0);
        g[i][j] = (fp - fm) / (2 * h);
      }
    }
    return g;
  }

  @Test
  void wganGpValueIsGulrajaniEquationThree() {
    Sequential d = critic(1);
    INDArray real = batch(2);
    INDArray fake = batch(3);
    INDArray eps = Nd4j.createFromArray(new double[] {0.0, 0.25, 0.5, 1.0});
    double lambda = 10;
    double got = Penalties.gradientPenalty(d, real, fake, eps, lambda, ForwardContext.eval()).item();
    INDArray xHat = real.mul(eps.reshape(4, 1)).add(fake.mul(eps.reshape(4, 1).rsub(1.0)));
    double[][] g = numericInputGradient(d, xHat);
    double want = 0;
    for (double[] row : g) {
      double n = Math.sqrt(row[0] * row[0] + row[1] * row[1] + row[2] * row[2]);
      want += (n - 1) * (n - 1);
    }
    want *= lambda / 4;
    assertEquals(want, got, 1e-7 * Math.max(1, Math.abs(want)));
  }

  @Test
  void r1ValueIsMeschederEquationNine() {
    Sequential d = critic(4);
    INDArray real = batch(5);
    double gamma = 2.5;
    double got = Penalties.r1(d, real, gamma, ForwardContext.eval()).item();
    double[][] g = numericInputGradient(d, real);
    double want = 0;
    for (double[] row : g) {
      want += row[0] * row[0] + row[1] * row[1] + row[2] * row[2];
    }
    want *= gamma / 2 / 4;
    assertEquals(want, got, 1e-7 * Math.max(1, Math.abs(want)));
  }

  @Test
  void wganGpGradientWithRespectToCriticPassesFiniteDifferences() {
    Sequential d = critic(6);
    INDArray real = batch(7);
    INDArray fake = batch(8);
    INDArray eps = Nd4j.createFromArray(new double[] {0.1, 0.4, 0.7, 0.9});
    var res = GradCheck.standard().check(
        () -> Penalties.gradientPenalty(d, real, fake, eps, 10, ForwardContext.eval()), d.parameters());
    assertTrue(res.passed(), res.toString());
    assertTrue(res.checked() == d.parameterCount(), "every parameter checked");
  }

  @Test
  void r1GradientWithRespectToCriticPassesFiniteDifferences() {
    Sequential d = critic(9);
    INDArray real = batch(10);
    var res = GradCheck.standard().check(() -> Penalties.r1(d, real, 1.0, ForwardContext.eval()), d.parameters());
    assertTrue(res.passed(), res.toString());
  }

  @Test
  void penaltyGradientIsNotZero() {
    // A check of a constant would pass trivially: the double-backward gradient must be non-trivial here.
    Sequential d = critic(11);
    INDArray real = batch(12);
    Tensor p = Penalties.r1(d, real, 1.0, ForwardContext.eval());
    double norm = 0;
    for (Tensor g : Autograd.grad(p, d.parameters(), false)) {
      norm += g.value().norm2Number().doubleValue();
    }
    assertTrue(norm > 1e-3, "gradient norm " + norm);
  }

  @Test
  void weightClippingClampsEveryParameter() {
    Sequential d = critic(13);
    Penalties.clipWeightsInPlace(d, 0.01);
    for (Tensor p : d.parameters()) {
      assertTrue(p.value().amaxNumber().doubleValue() <= 0.01, p.name());
    }
    // Biases were 0.1: clipped to exactly c.
    assertEquals(0.01, d.namedParameters().get("0.bias").value().getDouble(0), 0);
  }
}
