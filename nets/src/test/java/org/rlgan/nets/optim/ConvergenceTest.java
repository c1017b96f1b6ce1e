package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Every optimizer drives a mildly ill-conditioned quadratic, L(θ) = Σᵢ hᵢ(θᵢ − cᵢ)² with curvatures
 * h = (1, 4, 0.25) and minimum 0 at c, from 5.25 to near 0, with gradients from {@link Autograd#backward}.
 */
class ConvergenceTest {
  private static final double[] H = {1, 4, 0.25};
  private static final double[] C = {1.5, -0.5, 2.0};

  static Stream<Arguments> optimizers() {
    LrSchedule cosine = new LrSchedule.Cosine(0.1, 0, 300);
    return Stream.of(
        Arguments.of("sgd", Sgd.Config.of(0.1)),
        Arguments.of("sgd-momentum", Sgd.Config.momentum(0.05, 0.9)),
        Arguments.of("sgd-nesterov", new Sgd.Config(0.05, 0.9, 0, true, 0)),
        Arguments.of("adagrad", Adagrad.Config.of(0.5)),
        Arguments.of("rmsprop", new RmsProp.Config(cosine, 0.99, 1e-8, 0, false, 0)),
        Arguments.of("rmsprop-centred-momentum", new RmsProp.Config(new LrSchedule.Cosine(0.01, 0, 300), 0.99, 1e-8,
            0.5, true, 0)),
        Arguments.of("adam", Adam.Config.of(cosine)),
        Arguments.of("adam-amsgrad", new Adam.Config(cosine, 0.9, 0.999, 1e-8, 0, true)),
        Arguments.of("adamw", new AdamW.Config(cosine, 0.9, 0.999, 1e-8, 1e-4, false)));
  }

  private static Tensor loss(Tensor theta) {
    Tensor h = Tensor.of(H, 3);
    Tensor c = Tensor.of(C, 3);
    return Ops.sum(Ops.mul(h, Ops.square(Ops.sub(theta, c))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void minimisesAQuadratic(String name, Optimizer.Config config) {
    Optimizer opt = config.build();
    Tensor theta = Tensor.parameter("theta", Nd4j.create(new double[] {0.5, 0.5, 1.0}, new long[] {3}, DataType.DOUBLE));
    List<Tensor> params = List.of(theta);
    double initial = loss(theta).item();
    assertEquals(5.25, initial, 0.0); // 1·1² + 4·1² + 0.25·1²
    double atStep50 = Double.NaN;
    for (int t = 0; t < 300; t++) {
      theta.zeroGrad();
      Tensor l = loss(theta);
      if (t == 50) {
        atStep50 = l.item();
      }
      Autograd.backward(l);
      opt.step(params);
    }
    double last = loss(theta).item();
    assertTrue(atStep50 < initial, name + ": no decrease after 50 steps: " + atStep50);
    assertTrue(last < 1e-6, name + ": loss went from " + initial + " to " + last);
  }
}
