package org.rlgan.nets.init;

/**
 * Which fan He initialisation normalises by (PyTorch's {@code mode}): FAN_IN preserves the variance of the
 * activations in the forward pass, FAN_OUT that of the gradients in the backward pass (He et al. 2015, §2.2).
 */
public enum FanMode {
  FAN_IN,
  FAN_OUT;

  /** The selected fan. */
  public long select(long fanIn, long fanOut) {
    return this == FAN_IN ? fanIn : fanOut;
  }
}
