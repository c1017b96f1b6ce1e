package org.rlgan.nets;

/**
 * How a tensor was computed: the operation's name, its inputs, and its backward rule.
 *
 * <p>The backward rule maps the gradient of the output to the gradients of the inputs (null for an input
 * that needs none) and is written with {@link Ops} itself, so that when the backward pass is recorded
 * ({@code createGraph}) the gradients are tensors on the tape and can be differentiated again.
 */
record Node(String op, Tensor[] inputs, Backward backward) {

  @FunctionalInterface
  interface Backward {
    /** @param g gradient of the output, same shape as the output. @return one gradient per input. */
    Tensor[] apply(Tensor g);
  }
}
