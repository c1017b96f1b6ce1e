package org.rlgan.gan.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.LayerSpec;
import org.rlgan.nets.layers.ShapeException;

/**
 * A maxout layer (Goodfellow et al. 2013): a dense map to out·k units, viewed as [out, k], and the maximum
 * over the k pieces: y_j = max_i (xW + b)_{j,i}. This is Blocks' {@code LinearMaxout} (the reshape puts the
 * k pieces of unit j next to each other), the discriminator unit of ALI's and PacGAN's 2-D experiments.
 * Parameters: {@code linear.weight} [in, out·k], {@code linear.bias} [out·k].
 */
public final class Maxout implements Layer {
  private final Dense linear;
  private final long out;
  private final int pieces;

  public Maxout(Dense linear, int pieces) {
    if (pieces < 1 || linear.out() % pieces != 0) {
      throw new ShapeException("Maxout needs pieces >= 1 dividing the dense layer's " + linear.out()
          + " outputs, got " + pieces);
    }
    this.linear = linear;
    this.pieces = pieces;
    this.out = linear.out() / pieces;
  }

  /** k, the number of pieces per unit. */
  public int pieces() {
    return pieces;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    Tensor h = linear.forward(x, ctx);
    return Ops.max(Ops.reshape(h, h.size(0), out, pieces), 2, false);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length != 1 || inputShape[0] != linear.in()) {
      throw new ShapeException("Maxout " + linear.in() + "->" + out + "x" + pieces + " takes [" + linear.in()
          + "], got " + Arrays.toString(inputShape));
    }
    return new long[] {out};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    linear.namedParameters().forEach((k, v) -> m.put("linear." + k, v));
    return m;
  }

  /** nets' closed {@link LayerSpec} set has no maxout type: checkpoints save such networks without a spec. */
  @Override
  public LayerSpec spec() {
    throw new UnsupportedOperationException("Maxout has no LayerSpec type in nets; save with a null architecture");
  }

  @Override
  public String toString() {
    return "Maxout(" + linear.in() + " -> " + out + " x " + pieces + ")";
  }
}
