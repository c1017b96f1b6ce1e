package org.rlgan.gan.models;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.init.Initializer;

/**
 * N(0, std²) in float64, row-major, cast at the end (Blocks' {@code IsotropicGaussian(std)}, the initialiser of
 * ALI's and PacGAN's 2-D experiments with std = 0.02).
 */
public record NormalInit(double std) implements Initializer {
  public NormalInit {
    if (!(std >= 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException("NormalInit.std = " + std + " is invalid: it must be finite and >= 0");
    }
  }

  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    double[] v = new double[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = std * rng.nextGaussian();
    }
    return Nd4j.createFromArray(v).reshape(shape).castTo(type);
  }
}
