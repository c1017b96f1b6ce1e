package org.rlgan.gan.data;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2-D swiss roll of the WGAN-GP toy experiments (Gulrajani et al. 2017, {@code gan_toy.py}): scikit-learn's
 * {@code make_swiss_roll} restricted to its (x, z) plane and divided by 7.5: t = 1.5π(1 + 2u), u ~ U[0, 1),
 * point (t cos t, t sin t) + noise·N(0, I), all divided by {@code scale}.
 *
 * @param noise the standard deviation of the added noise before scaling (gan_toy.py: 0.25)
 * @param scale the divisor (gan_toy.py: 7.5)
 */
public record SwissRoll(double noise, double scale) implements RealData {

  public SwissRoll {
    if (!(noise >= 0) || !(scale > 0)) {
      throw new IllegalArgumentException("SwissRoll needs noise >= 0 and scale > 0, got noise = " + noise
          + ", scale = " + scale);
    }
  }

  /** noise 0.25, scale 7.5 (WGAN-GP's toy setting). */
  public SwissRoll() {
    this(0.25, 7.5);
  }

  @Override
  public long[] shape() {
    return new long[] {2};
  }

  @Override
  public INDArray sample(int n, RandomGenerator rng, DataType type) {
    double[] out = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
      out[2 * i] = (t * Math.cos(t) + noise * rng.nextGaussian()) / scale;
      out[2 * i + 1] = (t * Math.sin(t) + noise * rng.nextGaussian()) / scale;
    }
    return Nd4j.createFromArray(out).reshape(n, 2).castTo(type);
  }
}
