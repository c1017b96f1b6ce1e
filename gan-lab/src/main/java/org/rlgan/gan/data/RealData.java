package org.rlgan.gan.data;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A source of real samples for a GAN: a distribution the trainer draws i.i.d. batches from. A labelled source
 * ({@link #classes()} &gt; 0) also gives each sample's class, for conditional GANs.
 */
public interface RealData {

  /** The per-sample shape, without the batch dimension ([2] for the 2-D mixtures, [1, 28, 28] for MNIST). */
  long[] shape();

  /**
   * A fresh batch [n, ...shape] of i.i.d. samples drawn from {@code rng} (and nothing else), so that the data
   * stream is reproduced by restoring the generator's state.
   */
  INDArray sample(int n, RandomGenerator rng, DataType type);

  /** The number of classes of a labelled source (labels 0 … classes − 1), or 0 when samples have no labels. */
  default int classes() {
    return 0;
  }

  /**
   * A fresh batch with its labels, drawn from {@code rng} exactly as {@link #sample} draws (so both give the same
   * samples from the same generator state).
   *
   * @throws UnsupportedOperationException when the source has no labels ({@link #classes()} = 0)
   */
  default Labelled sampleLabelled(int n, RandomGenerator rng, DataType type) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no labels; a conditional GAN needs a "
        + "labelled data set (classes() > 0)");
  }

  /**
   * Samples and their classes.
   *
   * @param x [n, ...shape]
   * @param labels [n], each in [0, classes)
   */
  record Labelled(INDArray x, long[] labels) {}
}
