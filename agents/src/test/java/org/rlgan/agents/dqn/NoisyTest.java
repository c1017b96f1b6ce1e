package org.rlgan.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.agents.DqnConfig;
import org.rlgan.mdp.Lxm;
import org.rlgan.mdp.Rngs;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;
import org.rlgan.nets.layers.ForwardContext;

/** Noisy Nets (Fortunato et al. 2018) and Rainbow (Hessel et al. 2018) as the combination of the options. */
class NoisyTest {

  private static double f(double x) {
    return Math.signum(x) * Math.sqrt(Math.abs(x));
  }

  /** Eq. 11 with factorised noise: y_j = Σ_i x_i (μ_ij + σ_ij f(a_i) f(c_j)) + μ_j + σ_j f(c_j). */
  @Test
  void forwardUsesFactorisedNoiseAndTheMeanWeightsWithoutIt() {
    NoisyDense layer = new NoisyDense(3, 2, 0.5, DataType.DOUBLE, Rngs.seeded(1));
    double[] x = {0.5, -1.0, 2.0};
    Tensor in = Tensor.of(x, 1, 3);
    INDArray muW = layer.namedParameters().get("mu_weight").value();
    INDArray sW = layer.namedParameters().get("sigma_weight").value();
    INDArray muB = layer.namedParameters().get("mu_bias").value();
    INDArray sB = layer.namedParameters().get("sigma_bias").value();
    assertEquals(0.5 / Math.sqrt(3), sW.getDouble(0, 0), 1e-12);
    double[] mean = layer.forward(in, ForwardContext.eval()).value().reshape(-1).toDoubleVector();
    Lxm rng = Rngs.seeded(9);
    Lxm copy = rng.copy();
    layer.resample(rng);
    double[] a = new double[3];
    double[] c = new double[2];
    for (int i = 0; i < 3; i++) {
      a[i] = f(copy.nextGaussian());
    }
    for (int j = 0; j < 2; j++) {
      c[j] = f(copy.nextGaussian());
    }
    double[] noisy = layer.forward(in, ForwardContext.eval()).value().reshape(-1).toDoubleVector();
    for (int j = 0; j < 2; j++) {
      double yMean = muB.getDouble(j);
      double y = muB.getDouble(j) + sB.getDouble(j) * c[j];
      for (int i = 0; i < 3; i++) {
        yMean += x[i] * muW.getDouble(i, j);
        y += x[i] * (muW.getDouble(i, j) + sW.getDouble(i, j) * (float) (a[i] * c[j]));
      }
      assertEquals(yMean, mean[j], 1e-12);
      assertEquals(y, noisy[j], 1e-6);
    }
    layer.clearNoise();
    assertArrayEquals(mean, layer.forward(in, ForwardContext.eval()).value().reshape(-1).toDoubleVector());
  }

  @Test
  void gradientsReachTheMeansAndTheNoiseScales() {
    NoisyDense layer = new NoisyDense(4, 3, 0.5, DataType.DOUBLE, Rngs.seeded(2));
    layer.resample(Rngs.seeded(3));
    Tensor x = Tensor.constant(Nd4j.createFromArray(new double[] {0.3, -0.7, 1.1, 0.2, 0.9, -0.4, 0.0, 0.5})
        .reshape(2, 4));
    GradCheck.Result r = GradCheck.standard().check(
        () -> Ops.sum(Ops.square(layer.forward(x, ForwardContext.eval()))), layer.parameters());
    assertTrue(r.passed(), r.toString());
  }

  /** Rainbow's options together learn a terminal reward of 1 as a point mass at z = 1. */
  @Test
  void rainbowLearnsATerminalRewardAndExploresByNoiseAlone() {
    DqnConfig c = DqnConfig.rainbow(DqnConfig.Network.mlp(16), -2, 2, 100, 1_000)
        .withOptimizer(DqnConfig.Optimizer.adam(1e-3)).withTraining(1, 1, 0, 8)
        .withDistribution(new DqnConfig.Categorical(5, -2, 2));
    assertTrue(c.doubleQ() && c.network().dueling() && c.nStep() == 3 && c.replay().prioritized() != null);
    DqnAgent agent = new DqnAgent(c, 2, 3, 1, 5);
    assertEquals(0.0, agent.epsilon(1_000_000));
    // with ε = 0, only the noise (resampled at every call) makes the behaviour policy vary on one observation
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int[] a = new int[1];
    for (int k = 0; k < 50; k++) {
      agent.act(new float[] {0.3f, 0.3f}, 1, 1_000_000, a);
      seen.add(a[0]);
    }
    assertTrue(seen.size() >= 2, "actions " + seen);
    int[] g = new int[1];
    agent.greedy(new float[] {0.3f, 0.3f}, 1, g);
    for (int k = 0; k < 5; k++) {
      int[] g2 = new int[1];
      agent.greedy(new float[] {0.3f, 0.3f}, 1, g2);
      assertEquals(g[0], g2[0], "the greedy policy uses the mean weights");
    }
    agent.observe(0, new float[] {1, 0}, 1, 1.0, new float[] {0, 1}, true, false, false);
    for (int i = 0; i < 300; i++) {
      agent.trainStep(i);
    }
    assertEquals(1.0, agent.qValues(new float[] {1, 0}, 1)[1], 0.1);
  }

  @Test
  void noisySigmaIsValidated() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DqnConfig.Network.mlp(4).withNoisy(-1));
    assertTrue(e.getMessage().startsWith("network.noisySigma0 is -1.0"), e.getMessage());
    assertEquals(List.of(4), DqnConfig.Network.mlp(4).withNoisy(0.5).hidden());
  }
}
