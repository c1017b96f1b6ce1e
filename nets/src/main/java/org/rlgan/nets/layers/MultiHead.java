package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * A shared trunk feeding several named heads, each output used on its own (dueling networks' value and
 * advantage streams, an actor and a critic, InfoGAN's discriminator and Q heads). Parameters are named
 * "trunk.…" and "heads.NAME.…".
 */
public final class MultiHead implements Module {
  private final Layer trunk;
  private final LinkedHashMap<String, Layer> heads;
  private final long[] inputShape;

  /**
   * @param inputShape the per-sample input shape of the trunk
   * @throws ShapeException when a head cannot take the trunk's output
   */
  public MultiHead(long[] inputShape, Layer trunk, Map<String, ? extends Layer> heads) {
    if (heads.isEmpty()) {
      throw new ShapeException("MultiHead needs at least one head");
    }
    this.inputShape = inputShape.clone();
    this.trunk = trunk;
    this.heads = new LinkedHashMap<>(heads);
    long[] t = trunk.outputShape(inputShape);
    for (Map.Entry<String, Layer> h : this.heads.entrySet()) {
      try {
        h.getValue().outputShape(t);
      } catch (ShapeException e) {
        throw new ShapeException("head '" + h.getKey() + "' cannot take the trunk's output " + Arrays.toString(t)
            + ": " + e.getMessage());
      }
    }
  }

  /** The trunk once, then every head on its output, by name in construction order. */
  public LinkedHashMap<String, Tensor> forward(Tensor x, ForwardContext ctx) {
    Tensor h = trunk.forward(x, ctx);
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Layer> e : heads.entrySet()) {
      out.put(e.getKey(), e.getValue().forward(h, ctx));
    }
    return out;
  }

  public Layer trunk() {
    return trunk;
  }

  public Map<String, Layer> heads() {
    return java.util.Collections.unmodifiableMap(heads);
  }

  public long[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    children.put("trunk", trunk);
    LinkedHashMap<String, Tensor> out = Module.prefixed(children);
    out.putAll(Module.prefixed(Map.of("heads", (Module) () -> Module.prefixed(heads))));
    return out;
  }

  @Override
  public LinkedHashMap<String, INDArray> namedBuffers() {
    LinkedHashMap<String, INDArray> out = Module.prefixedBuffers(Map.of("trunk", trunk));
    for (Map.Entry<String, Layer> h : heads.entrySet()) {
      for (Map.Entry<String, INDArray> b : h.getValue().namedBuffers().entrySet()) {
        out.put("heads." + h.getKey() + "." + b.getKey(), b.getValue());
      }
    }
    return out;
  }
}
