package org.rlgan.nets.layers;

import org.rlgan.nets.Tensor;

/**
 * One step of a network: maps a batch [n, ...inputShape] to a batch [n, ...outputShape].
 *
 * <p>A layer knows its output shape from its input shape (DJL's getOutputShapes), so a container checks an
 * architecture when it is built and a mismatch is reported with the layer and both shapes, not at the first
 * batch. Shapes here never include the batch dimension.
 */
public interface Layer extends Module {

  /** Applies the layer to a batch. */
  Tensor forward(Tensor x, ForwardContext ctx);

  /**
   * The per-sample output shape for a per-sample input shape.
   *
   * @throws ShapeException when this layer cannot take that input
   */
  long[] outputShape(long[] inputShape);

  /** The architecture as plain data (what the JSON description beside a parameter file holds). */
  LayerSpec spec();
}
