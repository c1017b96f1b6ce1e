package org.rlgan.gan.loss;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Module;

/**
 * Regularisers of the discriminator that differentiate through a gradient (double backward), and weight
 * clipping. Inputs are batches [n, d...]; the penalties return a scalar that is differentiable with respect
 * to the critic's parameters, because the input gradient is taken with {@code createGraph = true}.
 */
public final class Penalties {
  private Penalties() {}

  /**
   * WGAN-GP (Gulrajani et al. 2017, Algorithm 1, eq. 3): λ·E[(‖∇_x̂ D(x̂)‖₂ − 1)²] with
   * x̂ = εx + (1 − ε)x̃, one ε ~ U[0, 1] per sample.
   *
   * @param eps the interpolation weights, [n] (drawn by {@link #interpolationWeights})
   */
  public static Tensor gradientPenalty(Layer critic, INDArray real, INDArray fake, INDArray eps, double lambda,
      ForwardContext ctx) {
    if (!java.util.Arrays.equals(real.shape(), fake.shape())) {
      throw new IllegalArgumentException("gradient penalty: real " + java.util.Arrays.toString(real.shape())
          + " and generated " + java.util.Arrays.toString(fake.shape()) + " batches differ in shape");
    }
    long n = real.size(0);
    INDArray e = eps.reshape(broadcastShape(n, real.rank())).castTo(real.dataType());
    // x̂ = ε x + (1 − ε) x̃, a new leaf: the penalty's gradient does not flow into the generator.
    INDArray xHat = real.mul(e).addi(fake.mul(e.rsub(1.0)));
    Tensor x = Tensor.variable(xHat);
    Tensor g = inputGradient(critic, x, ctx);
    // ‖∇‖ per sample; the 1e-12 keeps the derivative of the square root finite at a zero gradient.
    Tensor norm = Ops.sqrt(Ops.addScalar(Ops.sum(Ops.square(flatten(g)), false, 1), 1e-12));
    return Ops.mulScalar(Ops.mean(Ops.square(Ops.addScalar(norm, -1.0))), lambda);
  }

  /**
   * R1 (Mescheder, Geiger and Nowozin 2018, eq. 9): (γ/2)·E_real[‖∇_x D(x)‖²] on real data only.
   */
  public static Tensor r1(Layer critic, INDArray real, double gamma, ForwardContext ctx) {
    Tensor x = Tensor.variable(real.dup());
    Tensor g = inputGradient(critic, x, ctx);
    return Ops.mulScalar(Ops.mean(Ops.sum(Ops.square(flatten(g)), false, 1)), 0.5 * gamma);
  }

  /** ε ~ U[0, 1) per sample, [n], float64 (cast to the batch's type when used). */
  public static INDArray interpolationWeights(long n, RandomGenerator rng) {
    double[] e = new double[Math.toIntExact(n)];
    for (int i = 0; i < e.length; i++) {
      e[i] = rng.nextDouble();
    }
    return Nd4j.createFromArray(e);
  }

  /**
   * WGAN weight clipping (Arjovsky et al. 2017, Algorithm 1, line 7): every parameter of {@code critic}
   * clamped to [−c, c] in place.
   */
  public static void clipWeightsInPlace(Module critic, double c) {
    if (!(c > 0)) {
      throw new IllegalArgumentException("weight clip c must be > 0, got " + c);
    }
    for (Tensor p : critic.parameters()) {
      INDArray v = p.value();
      org.nd4j.linalg.ops.transforms.Transforms.min(v, c, false);
      org.nd4j.linalg.ops.transforms.Transforms.max(v, -c, false);
    }
  }

  /** ∇_x Σ D(x), recorded so that it can be differentiated again. */
  private static Tensor inputGradient(Layer critic, Tensor x, ForwardContext ctx) {
    Tensor out = critic.forward(x, ctx);
    return Autograd.grad(Ops.sum(out), List.of(x), true).get(0);
  }

  private static Tensor flatten(Tensor g) {
    return g.rank() == 2 ? g : Ops.reshape(g, g.size(0), g.value().length() / g.size(0));
  }

  private static long[] broadcastShape(long n, int rank) {
    long[] s = new long[rank];
    java.util.Arrays.fill(s, 1);
    s[0] = n;
    return s;
  }
}
