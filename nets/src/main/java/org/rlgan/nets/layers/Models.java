package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Tensor;

/** Operations between two modules of the same architecture (target networks, weight averages). */
public final class Models {
  private Models() {}

  /**
   * Copies every parameter value of {@code from} into {@code to} in place (DQN's hard target update), and every
   * buffer (running statistics), as PyTorch's {@code load_state_dict} does.
   */
  public static void copyParameters(Module from, Module to) {
    forEachPair(from, to, (src, dst) -> dst.value().assign(src.value()));
    Map<String, INDArray> a = from.namedBuffers();
    Map<String, INDArray> b = to.namedBuffers();
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException("modules differ in their buffers: " + a.keySet() + " vs " + b.keySet());
    }
    for (Map.Entry<String, INDArray> e : a.entrySet()) {
      INDArray dst = b.get(e.getKey());
      if (!Arrays.equals(e.getValue().shape(), dst.shape())) {
        throw new IllegalArgumentException("buffer '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
            + " in the source and " + Arrays.toString(dst.shape()) + " in the destination");
      }
      dst.assign(e.getValue());
    }
  }

  /**
   * Polyak averaging in place: to ← τ·from + (1 − τ)·to (soft target updates, Lillicrap et al. 2016; EMA of
   * generator weights with τ = 1 − decay).
   */
  public static void polyakUpdate(Module from, Module to, double tau) {
    if (!(tau >= 0 && tau <= 1)) {
      throw new IllegalArgumentException("Polyak coefficient tau must be in [0, 1], got " + tau);
    }
    forEachPair(from, to, (src, dst) -> dst.value().muli(1.0 - tau).addi(src.value().mul(tau)));
  }

  private static void forEachPair(Module from, Module to, java.util.function.BiConsumer<Tensor, Tensor> f) {
    Map<String, Tensor> a = from.namedParameters();
    Map<String, Tensor> b = to.namedParameters();
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException("modules differ in their parameters: " + a.keySet() + " vs " + b.keySet());
    }
    Iterator<Map.Entry<String, Tensor>> it = a.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Tensor> e = it.next();
      Tensor dst = b.get(e.getKey());
      if (!Arrays.equals(e.getValue().shape(), dst.shape())) {
        throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
            + " in the source and " + Arrays.toString(dst.shape()) + " in the destination");
      }
      f.accept(e.getValue(), dst);
    }
  }
}
