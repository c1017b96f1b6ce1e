package org.rlgan.nets.init;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every element the same value (PyTorch's {@code constant_}); typically biases. Uses neither the fans nor
 * the generator (which is left unadvanced and may be null).
 *
 * @param value the value, finite
 */
public record Constant(double value) implements Initializer {

  public Constant {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Constant: value must be finite, got " + value);
    }
  }

  /** All zeros. */
  public static Constant zeros() {
    return new Constant(0.0);
  }

  /** All ones. */
  public static Constant ones() {
    return new Constant(1.0);
  }

  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    InitSupport.checkedLength("Constant", shape, type);
    return Nd4j.valueArrayOf(shape, value, type);
  }
}
