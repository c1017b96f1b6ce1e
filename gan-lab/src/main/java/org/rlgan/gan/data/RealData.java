package org.rlgan.gan.data;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A source of real samples for a GAN: a distribution the trainer draws i.i.d. batches from. */
public interface RealData {

  /** The per-sample shape, without the batch dimension ([2] for the 2-D mixtures). */
  long[] shape();

  /**
   * A fresh batch [n, ...shape] of i.i.d. samples drawn from {@code rng} (and nothing else), so that the data
   * stream is reproduced by restoring the generator's state.
   */
  INDArray sample(int n, RandomGenerator rng, DataType type);
}
