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

  /**
   * A discriminator with {@code outputs} outputs: the logit first, then InfoGAN's Q head (categorical logits, then
   * continuous means) sharing D's trunk (Chen et al. 2016, Sec. 6). {@code inputShape} is the per-sample input
   * before packing, including any label channels of a conditional GAN. Architectures without a Q head support
   * {@code outputs = 1} only.
   */
  default Layer discriminator(long[] inputShape, int pack, int outputs, RandomGenerator rng) {
    if (outputs != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " builds discriminators with one output; "
          + "InfoGAN needs " + outputs + " (the logit and a Q head): use an architecture that supports it (Dcgan)");
    }
    return discriminator(inputShape, pack, rng);
  }
}
