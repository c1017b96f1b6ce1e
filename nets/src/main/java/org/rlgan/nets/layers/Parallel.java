package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Branches applied to the same input with their outputs combined: the way to build networks that are not a
 * chain inside a {@link Sequential} (an Inception-style block, two towers joined). For separately used
 * outputs (a value and an advantage head) see {@link MultiHead}.
 */
public final class Parallel implements Layer {

  /** How branch outputs are joined: concatenated along the last dimension, or summed (same shapes). */
  public enum Combine { CONCAT, SUM }

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
      } else if (combine == Combine.SUM ? !Arrays.equals(acc, s)
          : s.length != acc.length || !Arrays.equals(Arrays.copyOf(s, s.length - 1), Arrays.copyOf(acc, acc.length - 1))) {
        throw new ShapeException("Parallel " + combine + ": branch " + i + " (" + branches.get(i) + ") gives "
            + Arrays.toString(s) + ", which does not " + (combine == Combine.SUM ? "match " : "concatenate with ")
            + Arrays.toString(acc));
      } else if (combine == Combine.CONCAT) {
        acc[acc.length - 1] += s[s.length - 1];
      }
    }
    this.outShape = acc;
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
  public LayerSpec spec() {
    return new LayerSpec.ParallelSpec(combine, inputShape.clone(), branches.stream().map(Layer::spec).toList());
  }

  @Override
  public String toString() {
    return "Parallel" + combine + branches;
  }
}
