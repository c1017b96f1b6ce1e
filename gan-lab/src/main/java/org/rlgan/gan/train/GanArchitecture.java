package org.rlgan.gan.train;

import java.util.random.RandomGenerator;
import org.rlgan.nets.layers.Layer;

/**
 * Builds the two networks of a GAN, so that a trainer can create them (and the EMA copy of the generator) from
 * its own seeded generator. Shapes exclude the batch dimension.
 */
public interface GanArchitecture {

  /** A generator mapping z [noiseDim] to a sample [...dataShape], initialised from {@code rng}. */
  Layer generator(int noiseDim, long[] dataShape, RandomGenerator rng);

  /**
   * A discriminator mapping {@code pack} samples concatenated along the first non-batch axis (PacGAN's
   * packing: [pack·d] for vectors) to one logit [1].
   */
  Layer discriminator(long[] dataShape, int pack, RandomGenerator rng);
}
