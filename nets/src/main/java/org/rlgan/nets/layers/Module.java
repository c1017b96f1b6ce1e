package org.rlgan.nets.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlgan.nets.Tensor;

/**
 * Anything that owns parameters. Names are dotted paths, stable across runs ("0.weight",
 * "heads.value.1.bias"); they are the keys of parameter files.
 */
public interface Module {

  /** Parameters by name, in a stable order. The tensors are live: optimizers update them in place. */
  LinkedHashMap<String, Tensor> namedParameters();

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
