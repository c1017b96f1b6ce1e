package org.rlgan.nets.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/**
 * Anything that owns parameters. Names are dotted paths, stable across runs ("0.weight",
 * "heads.value.1.bias"); they are the keys of parameter files. A module may also own buffers: state that is
 * saved with the parameters but not trained (batch normalisation's running statistics).
 */
public interface Module {

  /** Parameters by name, in a stable order. The tensors are live: optimizers update them in place. */
  LinkedHashMap<String, Tensor> namedParameters();

  /**
   * Non-trainable state by dotted name ("1.running_mean"), in a stable order: saved and loaded with the
   * parameters ({@code ParameterFiles}) and copied by {@link Models#copyParameters}, never given to optimizers.
   * The arrays are live; their owner updates them in place. None by default.
   */
  default LinkedHashMap<String, INDArray> namedBuffers() {
    return new LinkedHashMap<>();
  }

  /** The parameters in {@link #namedParameters()} order. */
  default List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** The number of scalar parameters. */
  default long parameterCount() {
    long n = 0;
    for (Tensor p : namedParameters().values()) {
      n += p.value().length();
    }
    return n;
  }

  /** Forgets every parameter's accumulated gradient (call before each backward pass). */
  default void zeroGrad() {
    for (Tensor p : namedParameters().values()) {
      p.zeroGrad();
    }
  }

  /** The children's buffers, each name prefixed by its child's key and a dot. */
  static LinkedHashMap<String, INDArray> prefixedBuffers(Map<String, ? extends Module> children) {
    LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Module> c : children.entrySet()) {
      for (Map.Entry<String, INDArray> b : c.getValue().namedBuffers().entrySet()) {
        String name = c.getKey() + "." + b.getKey();
        if (out.put(name, b.getValue()) != null) {
          throw new IllegalStateException("two buffers are named '" + name + "'");
        }
      }
    }
    return out;
  }

  /** The children's parameters, each name prefixed by its child's key and a dot. */
  static LinkedHashMap<String, Tensor> prefixed(Map<String, ? extends Module> children) {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Module> c : children.entrySet()) {
      for (Map.Entry<String, Tensor> p : c.getValue().namedParameters().entrySet()) {
        String name = c.getKey() + "." + p.getKey();
        if (out.put(name, p.getValue()) != null) {
          throw new IllegalStateException("two parameters are named '" + name + "'");
        }
      }
    }
    return out;
  }
}
