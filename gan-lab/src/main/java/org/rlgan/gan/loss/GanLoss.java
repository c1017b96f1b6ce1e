package org.rlgan.gan.loss;

import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * The two players' objectives as functions of the discriminator's raw outputs (logits, or critic values for
 * the Wasserstein and hinge losses). Each method takes the outputs for a batch, shape [n, 1] or [n], and
 * returns the scalar batch mean that the player minimises. r = D(x) on real data, f = D(G(z)) on generated
 * data, σ the logistic function, softplus(t) = log(1 + eᵗ), so −log σ(t) = softplus(−t) and
 * −log(1 − σ(t)) = softplus(t).
 *
 * <ul>
 *   <li>{@link Minimax}: Goodfellow et al. 2014, eq. 1, the saturating game: L_D = E softplus(−r) + E softplus(f),
 *       L_G = E log(1 − σ(f)) = −E softplus(f).
 *   <li>{@link NonSaturating}: Goodfellow et al. 2014, Sec. 3 ("maximise log D(G(z))"): same L_D,
 *       L_G = −E log σ(f) = E softplus(−f).
 *   <li>{@link LeastSquares}: LSGAN, Mao et al. 2017, eq. 2: L_D = ½E(r − b)² + ½E(f − a)², L_G = ½E(f − c)²
 *       (a = 0, b = c = 1 by default).
 *   <li>{@link Wasserstein}: WGAN, Arjovsky, Chintala and Bottou 2017, eq. 3: L_D = E f − E r, L_G = −E f (with
 *       weight clipping or a gradient penalty to keep the critic Lipschitz).
 *   <li>{@link Hinge}: Lim and Ye 2017; Miyato et al. 2018, eq. 16/17: L_D = E relu(1 − r) + E relu(1 + f),
 *       L_G = −E f.
 * </ul>
 */
public sealed interface GanLoss
    permits GanLoss.Minimax, GanLoss.NonSaturating, GanLoss.LeastSquares, GanLoss.Wasserstein, GanLoss.Hinge {

  /** The discriminator's (critic's) loss from its outputs on a real and a generated batch. */
  Tensor discriminator(Tensor real, Tensor fake);

  /** The generator's loss from the discriminator's outputs on a generated batch. */
  Tensor generator(Tensor fake);

  /** The name used in configuration files and metrics. */
  String name();

  /** Goodfellow et al. 2014, eq. 1: the generator minimises E log(1 − D(G(z))), which saturates early on. */
  record Minimax() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor real, Tensor fake) {
      return Ops.add(Ops.mean(Ops.softplus(Ops.neg(real))), Ops.mean(Ops.softplus(fake)));
    }

    @Override
    public Tensor generator(Tensor fake) {
      return Ops.neg(Ops.mean(Ops.softplus(fake)));
    }

    @Override
    public String name() {
      return "minimax";
    }
  }

  /** Goodfellow et al. 2014, Sec. 3: the generator maximises E log D(G(z)) instead. */
  record NonSaturating() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor real, Tensor fake) {
      return Ops.add(Ops.mean(Ops.softplus(Ops.neg(real))), Ops.mean(Ops.softplus(fake)));
    }

    @Override
    public Tensor generator(Tensor fake) {
      return Ops.mean(Ops.softplus(Ops.neg(fake)));
    }

    @Override
    public String name() {
      return "non_saturating";
    }
  }

  /**
   * LSGAN (Mao et al. 2017, eq. 2): targets a for generated and b for real data in L_D, c in L_G.
   *
   * @param a the discriminator's target for generated data
   * @param b the discriminator's target for real data
   * @param c the value the generator wants the discriminator to believe
   */
  record LeastSquares(double a, double b, double c) implements GanLoss {
    public LeastSquares {
      for (double v : new double[] {a, b, c}) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("LeastSquares targets must be finite, got a = " + a + ", b = " + b
              + ", c = " + c);
        }
      }
      if (a == b) {
        throw new IllegalArgumentException("LeastSquares needs a != b (a = " + a + ", b = " + b
            + "): the discriminator must tell real from generated");
      }
    }

    /** a = 0, b = c = 1 (the paper's 0-1 coding). */
    public LeastSquares() {
      this(0, 1, 1);
    }

    @Override
    public Tensor discriminator(Tensor real, Tensor fake) {
      return Ops.add(Ops.mulScalar(Ops.mean(Ops.square(Ops.addScalar(real, -b))), 0.5),
          Ops.mulScalar(Ops.mean(Ops.square(Ops.addScalar(fake, -a))), 0.5));
    }

    @Override
    public Tensor generator(Tensor fake) {
      return Ops.mulScalar(Ops.mean(Ops.square(Ops.addScalar(fake, -c))), 0.5);
    }

    @Override
    public String name() {
      return "least_squares";
    }
  }

  /** WGAN (Arjovsky et al. 2017): the critic estimates the Kantorovich–Rubinstein dual, E r − E f. */
  record Wasserstein() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor real, Tensor fake) {
      return Ops.sub(Ops.mean(fake), Ops.mean(real));
    }

    @Override
    public Tensor generator(Tensor fake) {
      return Ops.neg(Ops.mean(fake));
    }

    @Override
    public String name() {
      return "wasserstein";
    }
  }

  /** The hinge loss (Lim and Ye 2017; Miyato et al. 2018). */
  record Hinge() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor real, Tensor fake) {
      return Ops.add(Ops.mean(Ops.relu(Ops.addScalar(Ops.neg(real), 1.0))),
          Ops.mean(Ops.relu(Ops.addScalar(fake, 1.0))));
    }

    @Override
    public Tensor generator(Tensor fake) {
      return Ops.neg(Ops.mean(fake));
    }

    @Override
    public String name() {
      return "hinge";
    }
  }

  /**
   * The loss for a configuration name: {@code minimax}, {@code non_saturating}, {@code least_squares},
   * {@code wasserstein}, {@code hinge}.
   *
   * @throws IllegalArgumentException naming the value and the valid names
   */
  static GanLoss byName(String name) {
    return switch (name) {
      case "minimax" -> new Minimax();
      case "non_saturating" -> new NonSaturating();
      case "least_squares" -> new LeastSquares();
      case "wasserstein" -> new Wasserstein();
      case "hinge" -> new Hinge();
      default -> throw new IllegalArgumentException("loss = '" + name + "' is not a GAN loss; valid: minimax, "
          + "non_saturating, least_squares, wasserstein, hinge");
    };
  }
}
