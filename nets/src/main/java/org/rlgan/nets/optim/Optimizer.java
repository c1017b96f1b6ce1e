package org.rlgan.nets.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * A first-order optimizer: it changes parameters in place from their accumulated gradients.
 *
 * <p>Typical use, once per mini-batch:
 * <pre>{@code
 * params.forEach(Tensor::zeroGrad);
 * Autograd.backward(loss);
 * optimizer.step(params);
 * }</pre>
 *
 * <p>State (moment estimates, momentum buffers, per-parameter step counts) is kept per parameter tensor,
 * by identity, and created lazily at a parameter's first update with the parameter's shape and data type
 * (float32 or float64). State belongs to the tensor objects, not to their names: stepping another tensor
 * (a copy with the same name, say) starts fresh state for it; {@link #loadState} attaches state to the
 * tensors it is given. An optimizer is not thread-safe.
 *
 * <p>State export uses the keys {@code "<param>/<slot>"} (for example {@code "0.weight/exp_avg"}), where
 * {@code <param>} is the parameter's {@link Tensor#name()} or {@code "#<index in the list>"} for an unnamed
 * one; every parameter has a {@code "<param>/step"} count (0 before its first update), and the optimizer's
 * iteration count is under {@code "iterations"}. Slot names follow PyTorch's {@code state_dict}.
 */
public interface Optimizer {

  /**
   * One update: each parameter whose {@link Tensor#grad()} is non-null has its {@link Tensor#value()}
   * changed in place; parameters without a gradient are left alone and their state does not advance.
   * The gradients themselves are not modified. The iteration count (and so the scheduled learning rate)
   * advances by one even when no parameter had a gradient.
   *
   * @param params the parameters, each at most once; a gradient must have its parameter's shape
   * @throws IllegalArgumentException if a parameter repeats or a gradient's shape differs from its parameter's
   */
  void step(List<Tensor> params);

  /** A new optimizer with the same configuration and fresh state (no iterations, no moments). */
  Optimizer copy();

  /** The (immutable, validated) configuration this optimizer was built from. */
  Config config();

  /** The number of {@link #step} calls so far (restored by {@link #loadState}). */
  long iterations();

  /** The learning rate the next {@link #step} will use: the schedule at {@link #iterations()}. */
  double learningRate();

  /**
   * A copy of all state for these parameters (arrays are duplicated, so later steps do not change it).
   *
   * @param params the parameters whose state to export, by name ({@code module.namedParameters()}, or
   *     {@link #named} for a bare list)
   * @return keys {@code "<param>/<slot>"} with arrays of the parameter's shape and type, {@code "<param>/step"}
   *     and {@code "iterations"} as rank-0 int64 arrays
   */
  Map<String, INDArray> state(Map<String, Tensor> params);

  /**
   * Replaces this optimizer's state with an exported one, so that training continues bit-identically.
   * Arrays are copied (and cast to each parameter's data type). Nothing changes if the state is rejected.
   *
   * @param params the parameters to restore state for, by the names used when the state was exported
   * @param state a map produced by {@link #state} of an optimizer with the same configuration
   * @throws IllegalArgumentException naming the key when one is missing, an array's shape differs from its
   *     parameter's (both shapes given), a count is not a non-negative integer, or a key is not recognised
   */
  void loadState(Map<String, Tensor> params, Map<String, INDArray> state);

  /**
   * Names a bare parameter list for {@link #state} and {@link #loadState}: each tensor's own name, or
   * {@code "#index"} for an unnamed one. Modules name their parameters themselves; use
   * {@code module.namedParameters()} for them.
   *
   * @throws IllegalArgumentException when two tensors share a name
   */
  static java.util.LinkedHashMap<String, Tensor> named(List<Tensor> params) {
    java.util.LinkedHashMap<String, Tensor> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      String k = p.name() != null ? p.name() : "#" + i;
      if (out.put(k, p) != null) {
        throw new IllegalArgumentException("two parameters are named '" + k + "'; parameter names must be unique");
      }
    }
    return out;
  }

  /** An optimizer's hyperparameters: a validated record that builds optimizers with fresh state. */
  interface Config {
    /** A new optimizer with this configuration and fresh state. */
    Optimizer build();
  }
}
