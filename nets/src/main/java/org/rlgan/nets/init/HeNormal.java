package org.rlgan.nets.init;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * He (Kaiming) normal initialisation (He et al. 2015, eq. 10 and 15), as PyTorch's {@code kaiming_normal_}:
 * N(0, σ²) with σ = gain/√fan, fan chosen by {@link FanMode}; gain √2 for ReLU, √(2 / (1 + α²)) for a leaky
 * ReLU of slope α. Not truncated (Keras's {@code he_normal} is).
 *
 * @param gain the scale factor, finite and &gt; 0 (see {@link Gain})
 * @param mode which fan to normalise by
 */
public record HeNormal(double gain, FanMode mode) implements Initializer {

  public HeNormal {
    InitSupport.checkGain("HeNormal", gain);
    if (mode == null) {
      throw new IllegalArgumentException("HeNormal: mode must be FAN_IN or FAN_OUT, got null");
    }
  }

  /** For ReLU: gain √2, fan in. */
  public HeNormal() {
    this(Gain.relu(), FanMode.FAN_IN);
  }

  /** For a leaky ReLU of the given negative slope α: gain √(2 / (1 + α²)). */
  public static HeNormal leakyRelu(double negativeSlope, FanMode mode) {
    return new HeNormal(Gain.leakyRelu(negativeSlope), mode);
  }

  /** The standard deviation σ = gain/√fan. */
  public double std(long fanIn, long fanOut) {
    return gain / Math.sqrt(mode.select(fanIn, fanOut));
  }

  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    int n = InitSupport.checkedLength("HeNormal", shape, type, rng);
    InitSupport.checkFan("HeNormal", mode == FanMode.FAN_IN ? "fanIn" : "fanOut", mode.select(fanIn, fanOut));
    return InitSupport.toArray(InitSupport.normal(n, std(fanIn, fanOut), rng), shape, type);
  }
}
