package org.rlgan.nets.init;

/**
 * The fan-in and fan-out of a weight: how many inputs feed one output unit and how many outputs one input
 * unit feeds, counting every kernel position (PyTorch's {@code _calculate_fan_in_and_fan_out}).
 *
 * @param fanIn inputs per output unit, ≥ 1
 * @param fanOut outputs per input unit, ≥ 1
 */
public record Fans(long fanIn, long fanOut) {

  public Fans {
    if (fanIn < 1 || fanOut < 1) {
      throw new IllegalArgumentException("Fans: fanIn and fanOut must be >= 1, got fanIn=" + fanIn + ", fanOut="
          + fanOut);
    }
  }

  /** A dense layer's weight of shape [in, out] (this library's layout, y = x·W): fans (in, out). */
  public static Fans dense(long in, long out) {
    return new Fans(in, out);
  }

  /**
   * A dense weight given by its shape [in, out].
   *
   * @throws IllegalArgumentException unless the shape has rank 2
   */
  public static Fans dense(long[] shape) {
    if (shape == null || shape.length != 2) {
      throw new IllegalArgumentException("Fans.dense: a dense weight has shape [in, out], got "
          + java.util.Arrays.toString(shape));
    }
    return new Fans(shape[0], shape[1]);
  }

  /**
   * A convolution: fans (inChannels·k, outChannels·k) with k the product of the kernel sizes (the receptive
   * field), whatever order the weight's dimensions are stored in.
   */
  public static Fans conv(long inChannels, long outChannels, long... kernel) {
    long k = 1;
    for (long s : kernel) {
      if (s < 1) {
        throw new IllegalArgumentException("Fans.conv: kernel sizes must be >= 1, got "
            + java.util.Arrays.toString(kernel));
      }
      k = Math.multiplyExact(k, s);
    }
    return new Fans(Math.multiplyExact(inChannels, k), Math.multiplyExact(outChannels, k));
  }
}
