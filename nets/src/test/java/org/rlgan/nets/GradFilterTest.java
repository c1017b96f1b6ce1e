package org.rlgan.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.BatchNorm;
import org.rlgan.nets.layers.Conv2D;
import org.rlgan.nets.layers.ConvTranspose2D;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Reshape;
import org.rlgan.nets.layers.Sequential;

/**
 * {@link Autograd#backward(Tensor, java.util.Collection)} and {@link Autograd#grad}: a pass asked for some leaves
 * computes only the gradients on the way to them (no weight gradients of a network it only passes through), and
 * those it computes are bit-identical to a full backward pass.
 */
class GradFilterTest {

  /**
   * A small DCGAN pair: G z → Dense → [8, 4, 4] → convT 8→4 4×4/2 → BN → ReLU; D conv 4→8 4×4/2 → BN →
   * LeakyReLU → Dense.
   */
  private static Sequential[] dcganPair(DataType type, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential g = new Sequential(new long[] {6}, List.of(
        new Dense(6, 8 * 4 * 4, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng),
        new Activation(Activation.Kind.RELU), new Reshape(8, 4, 4),
        new ConvTranspose2D(8, 4, 4, 4, Conv2dOptions.of(2, 1), 0, 0, true, Conv2D.DEFAULT_WEIGHT_INIT,
            Conv2D.DEFAULT_BIAS_INIT, type, rng),
        new BatchNorm(2, 4, 1e-5, 0.1, true, type), new Activation(Activation.Kind.RELU)));
    Sequential d = new Sequential(new long[] {4, 8, 8}, List.of(
        new Conv2D(4, 8, 4, 4, Conv2dOptions.of(2, 1), true, Conv2D.DEFAULT_WEIGHT_INIT, Conv2D.DEFAULT_BIAS_INIT,
            type, rng),
        new BatchNorm(2, 8, 1e-5, 0.1, true, type), new Activation(Activation.Kind.LEAKY_RELU, 0.2),
        Reshape.flatten(),
        new Dense(8 * 4 * 4, 1, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng)));
    return new Sequential[] {g, d};
  }

  /** The same pair shapes as MLPs whose hidden layers are Dense then ReLU (run as {@link Ops#linearRelu}). */
  private static Sequential[] mlpPair(DataType type, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential g = new Sequential(new long[] {6}, List.of(
        new Dense(6, 16, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng),
        new Activation(Activation.Kind.RELU),
        new Dense(16, 4 * 8 * 8, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng),
        new Reshape(4, 8, 8)));
    Sequential d = new Sequential(new long[] {4, 8, 8}, List.of(Reshape.flatten(),
        new Dense(4 * 8 * 8, 16, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng),
        new Activation(Activation.Kind.RELU),
        new Dense(16, 16, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng),
        new Activation(Activation.Kind.RELU),
        new Dense(16, 1, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng)));
    return new Sequential[] {g, d};
  }

  private static Tensor generatorLoss(Sequential g, Sequential d, DataType type) {
    SplittableRandom rng = new SplittableRandom(7);
    INDArray z = Nd4j.create(type, 5, 6);
    for (long i = 0; i < z.length(); i++) {
      z.putScalar(i, rng.nextGaussian());
    }
    ForwardContext ctx = ForwardContext.train(new SplittableRandom(3));
    return Ops.mean(Ops.softplus(Ops.neg(d.forward(g.forward(Tensor.constant(z), ctx), ctx))));
  }

  @Test
  void generatorGradientsThroughTheDiscriminatorAreBitIdenticalAndDiscriminatorGradsAreNotTouched() {
    for (boolean mlp : new boolean[] {false, true}) {
    for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
      Sequential[] full = mlp ? mlpPair(type, 11) : dcganPair(type, 11);
      Autograd.backward(generatorLoss(full[0], full[1], type));
      Sequential[] only = mlp ? mlpPair(type, 11) : dcganPair(type, 11);
      Autograd.backward(generatorLoss(only[0], only[1], type), only[0].parameters());
      List<Tensor> expected = full[0].parameters();
      List<Tensor> actual = only[0].parameters();
      for (int i = 0; i < expected.size(); i++) {
        assertNotNull(actual.get(i).grad(), actual.get(i).name());
        assertArrayEquals(expected.get(i).grad().dup().castTo(DataType.DOUBLE).data().asDouble(),
            actual.get(i).grad().dup().castTo(DataType.DOUBLE).data().asDouble(), 0.0,
            type + " " + actual.get(i).name());
      }
      for (Tensor p : only[1].parameters()) {
        assertNull(p.grad(), p.name() + " of D got a gradient nobody asked for");
      }
      for (Tensor p : full[1].parameters()) {
        assertNotNull(p.grad(), p.name()); // the full pass reaches D's parameters: the comparison is not vacuous
      }
    }
    }
  }

  /** The backward rules are told which inputs need gradients: a weight on the way to nothing wanted is skipped. */
  @Test
  void rulesSeeOnlyTheGradientsThePassNeeds() {
    Tensor x = Tensor.variable(Nd4j.create(new double[] {1, 2}, 2));
    Tensor w = Tensor.parameter("w", Nd4j.create(new double[] {3, 4}, 2));
    List<String> seen = new ArrayList<>();
    Tensor y = Ops.record("spy", x.value().mul(w.value()), g -> {
      seen.add(Autograd.needsGrad(x) + "," + Autograd.needsGrad(w));
      return new Tensor[] {Autograd.needsGrad(x) ? Ops.mul(g, w) : null, Autograd.needsGrad(w) ? Ops.mul(g, x) : null};
    }, x, w);
    Tensor loss = Ops.sum(y);
    Autograd.backward(loss, List.of(x));
    Autograd.backward(loss);
    List<Tensor> gw = Autograd.grad(loss, List.of(w), false);
    assertEquals(List.of("true,false", "true,true", "false,true"), seen);
    assertArrayEquals(new double[] {3 + 3, 4 + 4}, x.grad().toDoubleVector(), 0); // two passes reached x
    assertArrayEquals(new double[] {1, 2}, w.grad().toDoubleVector(), 0); // one pass reached w
    assertArrayEquals(new double[] {1, 2}, gw.get(0).value().toDoubleVector(), 0);
    assertTrue(Autograd.needsGrad(w)); // outside a pass: requiresGrad
  }

  /** Double backward still differentiates through the weights when the inner pass asked only for the input. */
  @Test
  void innerPassAskedForTheInputStillRecordsTheWeightDependence() {
    Tensor x = Tensor.variable(Nd4j.create(new double[] {0.5, -1.0}, 1, 2));
    Tensor w = Tensor.parameter("w", Nd4j.create(new double[] {2, 3}, 2, 1));
    Tensor gx = Autograd.grad(Ops.sum(Ops.square(Ops.matmul(x, w))), List.of(x), true).get(0); // 2·(x·w)·wᵀ
    Autograd.backward(Ops.sum(gx), List.of(w));
    // Σ_j 2·s·w_j with s = x·w = −2: d/dw_k = 2·x_k·Σw + 2·s = 2·x_k·5 − 4
    assertArrayEquals(new double[] {2 * 0.5 * 5 - 4, 2 * -1.0 * 5 - 4}, w.grad().toDoubleVector(), 1e-12);
    assertNull(x.grad());
  }

  @Test
  void leavesMustBeLeavesThatRequireGradients() {
    Tensor w = Tensor.parameter("w", Nd4j.create(new double[] {1, 2}, 2));
    Tensor h = Ops.square(w);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Autograd.backward(Ops.sum(h), List.of(h)));
    assertTrue(e.getMessage().contains("not a leaf"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Autograd.backward(Ops.sum(h), List.of(Tensor.constant(Nd4j.create(new double[] {1}, 1)))));
    assertTrue(e.getMessage().contains("Tensor.variable"), e.getMessage());
  }
}
