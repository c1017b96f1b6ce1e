package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Applies a layer to every time step with the same parameters (Keras's {@code TimeDistributed}): [n, T, ...]
 * → [n, T, ...out], by folding time into the batch ([n·T, ...]). The usual head of a many-to-many network:
 * {@code new TimeDistributed(new Dense(hidden, classes, rng))}. Parameters are named "layer.…".
 */
public final class TimeDistributed implements Layer {
  private final Layer layer;

  public TimeDistributed(Layer layer) {
    if (layer == null) {
      throw new IllegalArgumentException("TimeDistributed needs a layer, got null");
    }
    this.layer = layer;
  }

  public Layer layer() {
    return layer;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    if (x.rank() < 3) {
      throw new ShapeException("TimeDistributed takes batches [n, T, ...], got " + Arrays.toString(x.shape()));
    }
    long[] s = x.shape();
    long[] folded = new long[s.length - 1];
    folded[0] = s[0] * s[1];
    System.arraycopy(s, 2, folded, 1, s.length - 2);
    Tensor y = layer.forward(Ops.reshape(x, folded), ctx);
    long[] ys = y.shape();
    long[] out = new long[ys.length + 1];
    out[0] = s[0];
    out[1] = s[1];
    System.arraycopy(ys, 1, out, 2, ys.length - 1);
    return Ops.reshape(y, out);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length < 2) {
      throw new ShapeException("TimeDistributed takes per-sample shapes [T, ...], got " + Arrays.toString(inputShape));
    }
    long[] inner = layer.outputShape(Arrays.copyOfRange(inputShape, 1, inputShape.length));
    long[] out = new long[inner.length + 1];
    out[0] = inputShape[0];
    System.arraycopy(inner, 0, out, 1, inner.length);
    return out;
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return Module.prefixed(Map.of("layer", layer));
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.TimeDistributedSpec(layer.spec());
  }

  @Override
  public String toString() {
    return "TimeDistributed(" + layer + ")";
  }
}
