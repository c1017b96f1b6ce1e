package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Adds a position code to every step of x [n, T, dim] (book §7.6): y[·, t] = x[·, t] + P[t], T ≤ maxLength.
 *
 * <ul>
 *   <li>{@link Kind#SINUSOIDAL} (Vaswani et al. 2017): P[t, 2i] = sin(t / 10000^(2i/dim)),
 *       P[t, 2i+1] = cos(t / 10000^(2i/dim)); a constant, no parameters.</li>
 *   <li>{@link Kind#LEARNED} (as BERT and GPT-2): P is the parameter {@code weight} [maxLength, dim], starting
 *       as N(0, 0.02²).</li>
 * </ul>
 * Embeddings are not rescaled by √dim here; multiply before this layer if wanted.
 */
public final class PositionalEncoding implements Layer {

  /** How positions are encoded. */
  public enum Kind { SINUSOIDAL, LEARNED }

  private final Kind kind;
  private final long maxLength;
  private final long dim;
  private final Tensor table;

  /**
   * @param maxLength the longest sequence accepted, ≥ 1
   * @param dim the model width, ≥ 1
   */
  public PositionalEncoding(Kind kind, long maxLength, long dim, DataType type, RandomGenerator rng) {
    if (kind == null) {
      throw new IllegalArgumentException("PositionalEncoding: kind must be one of " + Arrays.toString(Kind.values()));
    }
    if (maxLength < 1 || dim < 1) {
      throw new ShapeException("PositionalEncoding needs maxLength >= 1 and dim >= 1, got " + maxLength + ", " + dim);
    }
    this.kind = kind;
    this.maxLength = maxLength;
    this.dim = dim;
    if (kind == Kind.LEARNED) {
      table = Tensor.parameter("weight", SequenceSupport.normal(new long[] {maxLength, dim}, 0.02, type, rng));
    } else {
      double[] p = new double[Math.toIntExact(maxLength * dim)];
      for (int t = 0; t < maxLength; t++) {
        for (int i = 0; i < dim; i += 2) {
          double angle = t / Math.pow(10000.0, (double) i / dim);
          p[(int) (t * dim + i)] = Math.sin(angle);
          if (i + 1 < dim) {
            p[(int) (t * dim + i + 1)] = Math.cos(angle);
          }
        }
      }
      table = Tensor.constant(Nd4j.create(p, new long[] {maxLength, dim}, DataType.DOUBLE).castTo(type));
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The codes [maxLength, dim] (the parameter itself when learned). */
  public Tensor table() {
    return table;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    SequenceSupport.checkSequence(toString(), x, dim);
    long steps = x.size(1);
    if (steps > maxLength) {
      throw new ShapeException(this + ": sequences of " + steps + " steps exceed maxLength " + maxLength);
    }
    Tensor p = steps == maxLength ? table : Ops.narrow(table, 0, 0, steps);
    return Ops.add(x, p);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length != 2 || inputShape[1] != dim || inputShape[0] < 1 || inputShape[0] > maxLength) {
      throw new ShapeException(this + " takes per-sample sequences [T <= " + maxLength + ", " + dim + "], got "
          + Arrays.toString(inputShape));
    }
    return inputShape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    if (kind == Kind.LEARNED) {
      m.put("weight", table);
    }
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.PositionalEncodingSpec(kind, maxLength, dim);
  }

  @Override
  public String toString() {
    return "Positions(" + kind.toString().toLowerCase(java.util.Locale.ROOT) + ", " + maxLength + ")";
  }
}
