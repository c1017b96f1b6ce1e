package org.rlgan.gan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.layers.Maxout;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.GlorotUniform;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.optim.Adam;

/** Metz et al.'s unrolled objective: the taped Adam steps equal the real ones, and its gradient is exact. */
class UnrollingTest {
  static final GanLoss LOSS = new GanLoss.NonSaturating();
  static final Adam.Config ADAM = new Adam.Config(0.05, 0.5, 0.9, 1e-8, 0, false);
  static final ForwardContext CTX = ForwardContext.eval();

  static Sequential discriminator(long seed) {
    var rng = new SplittableRandom(seed);
    var w = new GlorotUniform(1.0);
    return new Sequential(new long[] {2}, List.of(
        new Maxout(new Dense(2, 6, true, w, new Constant(0.1), DataType.DOUBLE, rng), 2),
        new Dense(3, 4, true, w, new Constant(0.0), DataType.DOUBLE, rng), new Activation(Activation.Kind.TANH),
        new Dense(4, 1, true, w, new Constant(0.0), DataType.DOUBLE, rng)));
  }

  static Sequential generator(long seed) {
    var rng = new SplittableRandom(seed);
    var w = new GlorotUniform(1.0);
    return new Sequential(new long[] {2}, List.of(
        new Dense(2, 3, true, w, new Constant(0.0), DataType.DOUBLE, rng), new Activation(Activation.Kind.TANH),
        new Dense(3, 2, true, w, new Constant(0.0), DataType.DOUBLE, rng)));
  }

  static INDArray gaussian(int n, long seed) {
    var rng = new SplittableRandom(seed);
    double[] v = new double[2 * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return Nd4j.createFromArray(v).reshape(n, 2);
  }

  static Tensor lossD(Sequential d, INDArray real, INDArray fake) {
    return LOSS.discriminator(d.forward(Tensor.constant(real), CTX), d.forward(Tensor.constant(fake), CTX));
  }

  @Test
  void tapedAdamStepsEqualTheOptimizersSteps() {
    Sequential a = discriminator(1);
    Sequential b = discriminator(1);
    Adam optA = ADAM.build();
    Adam optB = ADAM.build();
    // One ordinary step first, so that the unrolling starts from non-zero moments and step counts.
    for (var pair : List.of(Map.entry(a, optA), Map.entry(b, optB))) {
      pair.getKey().zeroGrad();
      Autograd.backward(lossD(pair.getKey(), gaussian(5, 10), gaussian(5, 11)));
      pair.getValue().step(pair.getKey().parameters());
    }
    List<Tensor> reals = new ArrayList<>();
    List<Tensor> fakes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reals.add(Tensor.constant(gaussian(5, 20 + i)));
      fakes.add(Tensor.constant(gaussian(5, 30 + i)));
    }
    Map<String, Tensor> unrolled = Unrolling.unroll(a, ADAM, optA.iterations(), optA.state(a.namedParameters()), LOSS,
        reals, fakes, CTX);
    for (int i = 0; i < 3; i++) {
      b.zeroGrad();
      Autograd.backward(lossD(b, reals.get(i).value(), fakes.get(i).value()));
      optB.step(b.parameters());
    }
    for (var e : b.namedParameters().entrySet()) {
      INDArray want = e.getValue().value();
      INDArray got = unrolled.get(e.getKey()).value();
      assertTrue(want.equalsWithEps(got, 1e-12), e.getKey() + ": " + want + " vs " + got);
    }
    // D itself was not changed by the unrolling.
    assertTrue(!a.namedParameters().get("3.bias").value().equals(b.namedParameters().get("3.bias").value()));
  }

  /** f_K(θ_G) = L_G(D_{θ_D^k(θ_G)}(G(z))): generated batches of the unrolled steps depend on θ_G. */
  static Tensor unrolledGeneratorLoss(Sequential g, Sequential d, Adam opt, int k) {
    List<Tensor> reals = new ArrayList<>();
    List<Tensor> fakes = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      reals.add(Tensor.constant(gaussian(4, 40 + i).muli(0.5).addi(1.0)));
      fakes.add(g.forward(Tensor.constant(gaussian(4, 50 + i)), CTX));
    }
    Map<String, Tensor> theta = Unrolling.unroll(d, ADAM, opt.iterations(), opt.state(d.namedParameters()), LOSS,
        reals, fakes, CTX);
    return LOSS.generator(Unrolling.forward(d, theta, g.forward(Tensor.constant(gaussian(4, 60)), CTX), CTX));
  }

  @Test
  void unrolledGeneratorGradientPassesFiniteDifferences() {
    Sequential g = generator(2);
    Sequential d = discriminator(3);
    Adam opt = ADAM.build();
    var res = new GradCheck(1e-6, 1e-5, 1e-8).check(() -> unrolledGeneratorLoss(g, d, opt, 3), g.parameters());
    assertTrue(res.passed(), res.toString());
  }

  @Test
  void theSecondOrderTermMatters() {
    // The exact gradient differs from the first-order one (θ_D^k treated as a constant).
    Sequential g = generator(4);
    Sequential d = discriminator(5);
    Adam opt = ADAM.build();
    List<Tensor> exact = Autograd.grad(unrolledGeneratorLoss(g, d, opt, 3), g.parameters(), false);
    List<Tensor> reals = new ArrayList<>();
    List<Tensor> fakes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reals.add(Tensor.constant(gaussian(4, 40 + i).muli(0.5).addi(1.0)));
      fakes.add(Tensor.constant(g.forward(Tensor.constant(gaussian(4, 50 + i)), CTX).value().dup()));
    }
    Map<String, Tensor> theta = Unrolling.unroll(d, ADAM, 0, opt.state(d.namedParameters()), LOSS, reals, fakes, CTX);
    theta.replaceAll((k, v) -> Tensor.constant(v.value().dup()));
    Tensor firstOrder = LOSS.generator(Unrolling.forward(d, theta, g.forward(Tensor.constant(gaussian(4, 60)), CTX), CTX));
    List<Tensor> approx = Autograd.grad(firstOrder, g.parameters(), false);
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < exact.size(); i++) {
      diff += exact.get(i).value().sub(approx.get(i).value()).norm2Number().doubleValue();
      norm += exact.get(i).value().norm2Number().doubleValue();
    }
    assertTrue(diff > 1e-3 * norm, "second-order term " + diff + " vs gradient " + norm);
  }

  @Test
  void trainerRunsExactUnrollingDeterministically() {
    GanConfig c = GanConfig.builder().batchSize(16).unrolledSteps(2).unrollExact(true).evalSamples(8).seed(3).build();
    var data = GaussianMixture.pacganRing();
    var arch = Mlp2d.pacgan(16, 2, 8, 2, 3);
    GanTrainer a = new GanTrainer(c, arch, data);
    GanTrainer b = new GanTrainer(c, arch, data);
    INDArray d0 = a.discriminator().namedParameters().get("0.linear.weight").value().dup();
    assertEquals(a.step().toJson(), b.step().toJson());
    assertEquals(a.step().toJson(), b.step().toJson());
    assertEquals(2, a.discriminatorOptimizer().iterations(), "the unrolled steps are not committed");
    assertTrue(!d0.equals(a.discriminator().namedParameters().get("0.linear.weight").value()));
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> GanConfig.builder().unrollExact(true).build());
    assertTrue(e.getMessage().contains("unrolledSteps >= 1"), e.getMessage());
  }
}
