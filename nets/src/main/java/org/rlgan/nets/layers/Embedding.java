package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * A lookup table of learned vectors (book §7.2; PyTorch's {@code nn.Embedding}): token ids [n, T] (or [n]) →
 * vectors [n, T, dim] (or [n, dim]). The ids arrive as a tensor of any numeric type holding integral values in
 * [0, vocabulary); the weight [vocabulary, dim] starts as N(0, 1), as PyTorch's. Only the looked-up rows get
 * a gradient.
 */
public final class Embedding implements Layer {
  private final long vocabulary;
  private final long dim;
  private final Tensor weight;

  /**
   * @param vocabulary the number of ids, ≥ 1
   * @param dim the vector size, ≥ 1
   */
  public Embedding(long vocabulary, long dim, DataType type, RandomGenerator rng) {
    if (vocabulary < 1 || dim < 1) {
      throw new ShapeException("Embedding needs vocabulary >= 1 and dim >= 1, got vocabulary=" + vocabulary
          + ", dim=" + dim);
    }
    this.vocabulary = vocabulary;
    this.dim = dim;
    this.weight = Tensor.parameter("weight", SequenceSupport.normal(new long[] {vocabulary, dim}, 1.0, type, rng));
  }

  public long vocabulary() {
    return vocabulary;
  }

  public long dim() {
    return dim;
  }

  public Tensor weight() {
    return weight;
  }

  /**
   * The vectors of the ids in x ([n] or [n, T]).
   *
   * @throws IllegalArgumentException naming the position of an id that is not an integer in [0, vocabulary)
   */
  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    if (x.rank() < 1 || x.rank() > 2) {
      throw new ShapeException("Embedding takes ids [n] or [n, T], got " + Arrays.toString(x.shape()));
    }
    double[] v = x.value().dup('c').data().asDouble();
    long[] idx = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= vocabulary) {
        throw new IllegalArgumentException("Embedding: id " + v[i] + " at flat position " + i + " of "
            + Arrays.toString(x.shape()) + " is not an integer in [0, " + vocabulary + ")");
      }
      idx[i] = (long) v[i];
    }
    Tensor rows = Ops.gatherRows(weight, idx);
    return x.rank() == 1 ? rows : Ops.reshape(rows, x.size(0), x.size(1), dim);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length > 1) {
      throw new ShapeException("Embedding takes per-sample ids [] or [T], got " + Arrays.toString(inputShape));
    }
    return inputShape.length == 0 ? new long[] {dim} : new long[] {inputShape[0], dim};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    m.put("weight", weight);
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.EmbeddingSpec(vocabulary, dim);
  }

  @Override
  public String toString() {
    return "Embedding(" + vocabulary + " -> " + dim + ")";
  }
}
