package org.rlgan.nets.init;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * He (Kaiming) uniform initialisation (He et al. 2015, "Delving Deep into Rectifiers"), as PyTorch's
 * {@code kaiming_uniform_}: U(−b, b) with b = √3·gain/√fan, so the standard deviation is gain/√fan, where
 * fan is fanIn or fanOut by {@link FanMode}. For ReLU the gain is √2; for a leaky ReLU of slope α it is
 * √(2 / (1 + α²)) ({@link #leakyRelu}). PyTorch's own default for {@code nn.Linear} is
 * {@code leakyRelu(√5, FAN_IN)}, i.e. b = 1/√fanIn.
 *
 * @param gain the scale factor, finite and &gt; 0 (see {@link Gain})
 * @param mode which fan to normalise by
 */
public record HeUniform(double gain, FanMode mode) implements Initializer {

  public HeUniform {
    InitSupport.checkGain("HeUniform", gain);
    if (mode == null) {
      throw new IllegalArgumentException("HeUniform: mode must be FAN_IN or FAN_OUT, got null");
    }
  }

  /** For ReLU: gain √2, fan in (PyTorch's kaiming_uniform_(nonlinearity='relu')). */
  public HeUniform() {
    this(Gain.relu(), FanMode.FAN_IN);
  }

  /** For a leaky ReLU of the given negative slope α: gain √(2 / (1 + α²)). */
  public static HeUniform leakyRelu(double negativeSlope, FanMode mode) {
    return new HeUniform(Gain.leakyRelu(negativeSlope), mode);
  }

  /** The bound b = √3·gain/√fan. */
  public double bound(long fanIn, long fanOut) {
    return Math.sqrt(3.0) * gain / Math.sqrt(mode.select(fanIn, fanOut));
  }

  @Override
  public INDArray init(long[] shape, long fanIn, long fanOut, DataType type, RandomGenerator rng) {
    int n = InitSupport.checkedLength("HeUniform", shape, type, rng);
    InitSupport.checkFan("HeUniform", mode == FanMode.FAN_IN ? "fanIn" : "fanOut", mode.select(fanIn, fanOut));
    return InitSupport.toArray(InitSupport.uniform(n, bound(fanIn, fanOut), rng), shape, type);
  }
}
