package org.rlgan.nets.init;

/**
 * The recommended gains of PyTorch's {@code torch.nn.init.calculate_gain}: the factor that keeps the
 * variance of activations stable through a nonlinearity.
 */
public final class Gain {
  private Gain() {}

  /** 1: identity, linear and convolution layers without a nonlinearity. */
  public static double linear() {
    return 1.0;
  }

  /** 1 (PyTorch's value for the sigmoid). */
  public static double sigmoid() {
    return 1.0;
  }

  /** 5/3 for tanh. */
  public static double tanh() {
    return 5.0 / 3.0;
  }

  /** √2 for ReLU (He et al. 2015, eq. 10). */
  public static double relu() {
    return Math.sqrt(2.0);
  }

  /**
   * √(2 / (1 + α²)) for a leaky ReLU of negative slope α (He et al. 2015, eq. 15); α = 0 gives ReLU's √2.
   *
   * @throws IllegalArgumentException if α is not finite
   */
  public static double leakyRelu(double negativeSlope) {
    if (!Double.isFinite(negativeSlope)) {
      throw new IllegalArgumentException("Gain.leakyRelu: negativeSlope must be finite, got " + negativeSlope);
    }
    return Math.sqrt(2.0 / (1.0 + negativeSlope * negativeSlope));
  }

  /** 3/4 for SELU (PyTorch's choice for self-normalising networks). */
  public static double selu() {
    return 0.75;
  }
}
