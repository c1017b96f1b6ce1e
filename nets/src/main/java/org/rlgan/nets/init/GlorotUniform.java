package org.rlgan.nets.init;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Glorot (Xavier) uniform initialisation (Glorot and Bengio 2010, eq. 16), as PyTorch's
 * {@code xavier_uniform_}: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)), so the variance is
 * gain²·2 / (fanIn + fanOut).
 *
 * @param gain the scale factor, finite and &gt; 0 (see {@link Gain}); 1 for Glorot's original
 */
public record GlorotUniform(double gain) implements Initializer {

  public GlorotUniform {
    InitSupport.checkGain("GlorotUniform", gain);
  }

  /** Gain 1. */
  public GlorotUniform() {
    this(1.0);
  }

  /** The bound a = gain·√(6 / (fanIn + fanOut)). */
  public double bound(long fanIn, long fanOut) {
    return gain * Math.sqrt(6.0 / (fanIn + fanOut));
  }

  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    int n = InitSupport.checkedLength("GlorotUniform", shape, type, rng);
    InitSupport.checkFan("GlorotUniform", "fanIn", fanIn);
    InitSupport.checkFan("GlorotUniform", "fanOut", fanOut);
    return InitSupport.toArray(InitSupport.uniform(n, bound(fanIn, fanOut), rng), shape, type);
  }
}
