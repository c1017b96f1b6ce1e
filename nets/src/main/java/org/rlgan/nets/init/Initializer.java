package org.rlgan.nets.init;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Creates the initial values of a parameter.
 *
 * <p>Implementations draw from {@code rng} in float64 in row-major order and cast at the end, so a given
 * generator state gives identical arrays everywhere; they advance {@code rng} and keep no other state.
 */
public interface Initializer {

  /**
   * A new array of initial values.
   *
   * @param shape the parameter's shape; every dimension ≥ 1, at most 2³¹ − 1 elements
   * @param fanIn inputs per output unit (see {@link Fans}); ≥ 1 where the initialiser uses it
   * @param fanOut outputs per input unit; ≥ 1 where the initialiser uses it
   * @param type a floating-point data type
   * @param rng the source of randomness, advanced by the call
   * @return a new 'c'-ordered array of {@code shape} and {@code type}
   * @throws IllegalArgumentException for an invalid shape, fan or type, naming the initialiser
   */
  INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng);

  /** {@link #init(long[], long, long, DataType, RandomGenerator)} with the fans of a {@link Fans}. */
  default INDArray init(long[] shape, Fans fans, DataType type, RandomGenerator rng) {
    return init(shape, fans.fanIn(), fans.fanOut(), type, rng);
  }

  /** A dense layer's weight of shape [in, out], with fans (in, out). */
  default INDArray initDense(long in, long out, DataType type, RandomGenerator rng) {
    return init(new long[] {in, out}, in, out, type, rng);
  }
}
