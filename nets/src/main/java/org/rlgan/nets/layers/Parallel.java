package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Branches applied to the same input with their outputs combined: the way to build networks that are not a
 * chain inside a {@link Sequential} (an Inception-style block, two towers joined). For separately used
 * outputs (a value and an advantage head) see {@link MultiHead}.
 */
public final class Parallel implements Layer {

  /**
   * How branch outputs are joined: concatenated along the last dimension, summed (same shapes), or concatenated
   * along the first per-sample dimension (the channels of NCHW feature maps: an Inception block).
   */
  public enum Combine { CONCAT, SUM, CONCAT_CHANNELS }

  private final Combine combine;
  private final long[] inputShape;
  private final List<Layer> branches;
  private final long[] outShape;

  public Parallel(Combine combine, long[] inputShape, List<Layer> branches) {
    if (branches.isEmpty()) {
      throw new ShapeException("Parallel needs at least one branch");
    }
    this.combine = combine;
    this.inputShape = inputShape.clone();
    this.branches = List.copyOf(branches);
    long[] acc = null;
    for (int i = 0; i < branches.size(); i++) {
      long[] s = branches.get(i).outputShape(inputShape);
      if (acc == null) {
        acc = s.clone();
      } else if (!joins(acc, s)) {
        throw new ShapeException("Parallel " + combine + ": branch " + i + " (" + branches.get(i) + ") gives "
            + Arrays.toString(s) + ", which does not " + (combine == Combine.SUM ? "match " : "concatenate with ")
            + Arrays.toString(acc));
      } else if (combine == Combine.CONCAT) {
        acc[acc.length - 1] += s[s.length - 1];
      } else if (combine == Combine.CONCAT_CHANNELS) {
        acc[0] += s[0];
      }
    }
    this.outShape = acc;
  }

  public Combine combine() {
    return combine;
  }

  public List<Layer> branches() {
    return branches;
  }

  /** Whether a branch output of shape s can be combined with the others' (acc). */
  private boolean joins(long[] acc, long[] s) {
    if (s.length != acc.length) {
      return false;
    }
    return switch (combine) {
      case SUM -> Arrays.equals(acc, s);
      case CONCAT -> Arrays.equals(Arrays.copyOf(s, s.length - 1), Arrays.copyOf(acc, acc.length - 1));
      case CONCAT_CHANNELS -> s.length > 0 && Arrays.equals(Arrays.copyOfRange(s, 1, s.length),
          Arrays.copyOfRange(acc, 1, acc.length));
    };
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    Tensor[] outs = new Tensor[branches.size()];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = branches.get(i).forward(x, ctx);
    }
    if (combine == Combine.CONCAT) {
      return Ops.concat(outs[0].rank() - 1, outs);
    }
    if (combine == Combine.CONCAT_CHANNELS) {
      return Ops.concat(1, outs);
    }
    Tensor sum = outs[0];
    for (int i = 1; i < outs.length; i++) {
      sum = Ops.add(sum, outs[i]);
    }
    return sum;
  }

  @Override
  public long[] outputShape(long[] in) {
    if (!Arrays.equals(in, inputShape)) {
      throw new ShapeException("Parallel built for inputs " + Arrays.toString(inputShape) + ", given " + Arrays.toString(in));
    }
    return outShape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Layer> children = new LinkedHashMap<>();
    for (int i = 0; i < branches.size(); i++) {
      children.put(Integer.toString(i), branches.get(i));
    }
    return Module.prefixed(children);
  }

  @Override
  public LinkedHashMap<String, INDArray> namedBuffers() {
    LinkedHashMap<String, Layer> children = new LinkedHashMap<>();
    for (int i = 0; i < branches.size(); i++) {
      children.put(Integer.toString(i), branches.get(i));
    }
    return Module.prefixedBuffers(children);
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.ParallelSpec(combine, inputShape.clone(), branches.stream().map(Layer::spec).toList());
  }

  @Override
  public String toString() {
    return "Parallel" + combine + branches;
  }
}
