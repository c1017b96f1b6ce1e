package org.rlgan.nets.layers;

import org.rlgan.nets.Tensor;

/**
 * What a recurrent stack returns: the top layer's outputs at every step and the final states.
 *
 * @param outputs [n, T, H]: the top layer's hidden state at each real step, zero at padded steps
 * @param state the state after the last step, per layer; with a mask, each row's state after its last real
 *     step (padded steps carry it unchanged)
 */
public record SequenceOutput(Tensor outputs, RecurrentState state) {
  public SequenceOutput {
    if (outputs == null || state == null) {
      throw new IllegalArgumentException("SequenceOutput needs outputs and a state");
    }
  }

  /** The top layer's final hidden state [n, H]: the many-to-one output (the last real step's, with a mask). */
  public Tensor last() {
    return state.h().get(state.h().size() - 1);
  }
}
