package org.rlgan.nets.init;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Glorot (Xavier) normal initialisation (Glorot and Bengio 2010), as PyTorch's {@code xavier_normal_}:
 * N(0, σ²) with σ = gain·√(2 / (fanIn + fanOut)). Not truncated (Keras's {@code glorot_normal} is).
 *
 * @param gain the scale factor, finite and &gt; 0 (see {@link Gain})
 */
public record GlorotNormal(double gain) implements Initializer {

  public GlorotNormal {
    InitSupport.checkGain("GlorotNormal", gain);
  }

  /** Gain 1. */
  public GlorotNormal() {
    this(1.0);
  }

  /** The standard deviation σ = gain·√(2 / (fanIn + fanOut)). */
  public double std(long fanIn, long fanOut) {
    return gain * Math.sqrt(2.0 / (fanIn + fanOut));
  }

  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    int n = InitSupport.checkedLength("GlorotNormal", shape, type, rng);
    InitSupport.checkFan("GlorotNormal", "fanIn", fanIn);
    InitSupport.checkFan("GlorotNormal", "fanOut", fanOut);
    return InitSupport.toArray(InitSupport.normal(n, std(fanIn, fanOut), rng), shape, type);
  }
}
