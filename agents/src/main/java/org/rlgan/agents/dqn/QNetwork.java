package org.rlgan.agents.dqn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.agents.DqnConfig;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Module;
import org.rlgan.nets.layers.MultiHead;
import org.rlgan.nets.layers.Sequential;

/**
 * A Q network Q(s, ·): [n, width] → [n, actions], float32, built from a {@link DqnConfig.Network}. Either one
 * MLP, or (dueling, Wang et al. 2016, "Dueling Network Architectures for Deep Reinforcement Learning", ICML) a
 * shared trunk with a value head V(s) ([n, 1]) and an advantage head A(s, ·) ([n, actions]) joined as
 * Q(s, a) = V(s) + A(s, a) − (1/|A|) Σ_a' A(s, a') (their eq. 9). Parameter names: {@code "0.weight"}, ... for the
 * plain MLP; {@code "trunk.…"}, {@code "heads.value.…"}, {@code "heads.advantage.…"} for the dueling one.
 */
public final class QNetwork implements Module {
  private final DqnConfig.Network spec;
  private final int width;
  private final int actions;
  private final Sequential plain; // null when dueling
  private final MultiHead dueling; // null when plain

  public QNetwork(DqnConfig.Network spec, int width, int actions, RandomGenerator rng) {
    this.spec = spec;
    this.width = width;
    this.actions = actions;
    Sequential.Builder b = Sequential.builder(new long[] {width}, DataType.FLOAT, rng);
    long last = width;
    for (int h : spec.hidden()) {
      b.dense(h);
      if (spec.activation() == DqnConfig.ActivationKind.RELU) {
        b.relu();
      } else {
        b.tanh();
      }
      last = h;
    }
    if (!spec.dueling()) {
      this.plain = b.dense(actions).build();
      this.dueling = null;
    } else {
      if (spec.hidden().isEmpty()) {
        throw new IllegalArgumentException("network.dueling needs at least one hidden layer (the shared trunk); "
            + "network.hidden is empty");
      }
      long[] trunkOut = {last};
      Map<String, Layer> heads = new LinkedHashMap<>();
      heads.put("value", Sequential.builder(trunkOut, DataType.FLOAT, rng).dense(1).build());
      heads.put("advantage", Sequential.builder(trunkOut, DataType.FLOAT, rng).dense(actions).build());
      this.dueling = new MultiHead(new long[] {width}, b.build(), heads);
      this.plain = null;
    }
  }

  /** A network of the same architecture with a copy of these parameters (a target network). */
  public QNetwork copy(RandomGenerator rng) {
    QNetwork c = new QNetwork(spec, width, actions, rng);
    org.rlgan.nets.layers.Models.copyParameters(this, c);
    return c;
  }

  public int width() {
    return width;
  }

  public int actions() {
    return actions;
  }

  public DqnConfig.Network spec() {
    return spec;
  }

  /** Q(s, ·) for a batch [n, width]: [n, actions]. */
  public Tensor forward(Tensor x) {
    if (plain != null) {
      return plain.forward(x, ForwardContext.eval());
    }
    LinkedHashMap<String, Tensor> out = dueling.forward(x, ForwardContext.eval());
    Tensor v = out.get("value"); // [n, 1]
    Tensor adv = out.get("advantage"); // [n, A]
    // Q = V + (A − mean_a A)   (Wang et al. 2016, eq. 9)
    return Ops.add(v, Ops.sub(adv, Ops.mean(adv, true, 1)));
  }

  /** The dueling heads' outputs {@code "value"} [n, 1] and {@code "advantage"} [n, A] (dueling networks only). */
  LinkedHashMap<String, Tensor> heads(Tensor x) {
    return dueling.forward(x, ForwardContext.eval());
  }

  /** Q(s, ·) for n rows of {@code obs} (row-major [n, width]), as a host array [n·actions]. */
  public float[] values(float[] obs, int n) {
    INDArray q = forward(Tensor.of(obs, n, width)).value();
    return q.reshape(-1).toFloatVector();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return plain != null ? plain.namedParameters() : dueling.namedParameters();
  }

  @Override
  public LinkedHashMap<String, INDArray> namedBuffers() {
    return plain != null ? plain.namedBuffers() : dueling.namedBuffers();
  }
}
