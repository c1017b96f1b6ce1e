package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017; book §7.6):
 * head_j = softmax(Q_j K_jᵀ / √d_h + M) V_j with Q = x_q W_q + b_q, K = x_kv W_k + b_k, V = x_kv W_v + b_v split
 * into {@code heads} slices of d_h = dim / heads features, then concat(head_1..h) W_o + b_o.
 *
 * <p>Shapes: queries [n, T_q, dim], keys and values [n, T_k, dim] (self-attention: the same tensor), output
 * [n, T_q, dim]. M is 0 where attention is allowed and −10⁹ where it is not: future keys when {@code causal}
 * (query t sees keys ≤ t; needs T_q = T_k), and padded keys given a key mask [n, T_k] (1 = real, 0 = padding).
 * A finite −10⁹ rather than −∞ keeps a fully masked row finite (uniform weights) instead of NaN.
 *
 * <p>Parameters: {@code q.weight}, {@code k.weight}, {@code v.weight}, {@code out.weight} [dim, dim] (Glorot
 * uniform, as PyTorch's in-projection) and their biases [dim] (zeros). Dropout on the attention weights in
 * training mode, as PyTorch's {@code nn.MultiheadAttention}.
 */
public final class MultiHeadAttention implements Layer {
  /** The additive score for a disallowed (query, key) pair. */
  static final double MASKED = -1e9;

  private final long dim;
  private final int heads;
  private final double dropout;
  private final boolean causal;
  private final Dense q;
  private final Dense k;
  private final Dense v;
  private final Dense out;

  /**
   * @param dim model width, divisible by {@code heads}
   * @param heads number of heads, ≥ 1
   * @param dropout dropout probability on the attention weights in training, in [0, 1)
   * @param causal whether query t may only attend to keys 0..t
   */
  public MultiHeadAttention(long dim, int heads, double dropout, boolean causal, DataType type,
      RandomGenerator rng) {
    if (heads < 1 || dim < 1 || dim % heads != 0) {
      throw new ShapeException("MultiHeadAttention: dim (" + dim + ") must be a positive multiple of heads ("
          + heads + ")");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1), got " + dropout);
    }
    this.dim = dim;
    this.heads = heads;
    this.dropout = dropout;
    this.causal = causal;
    this.q = new Dense(dim, dim, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
    this.k = new Dense(dim, dim, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
    this.v = new Dense(dim, dim, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
    this.out = new Dense(dim, dim, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
  }

  public long dim() {
    return dim;
  }

  public int heads() {
    return heads;
  }

  public boolean causal() {
    return causal;
  }

  /** Self-attention over x [n, T, dim], no key mask. */
  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return forward(x, x, null, ctx);
  }

  /** Self-attention over x [n, T, dim] with a key padding mask [n, T] (or null). */
  public Tensor forward(Tensor x, INDArray keyMask, ForwardContext ctx) {
    return forward(x, x, keyMask, ctx);
  }

  /**
   * Attention of queries [n, T_q, dim] over keys and values [n, T_k, dim].
   *
   * @param keyMask [n, T_k], 1 for a real key and 0 for padding, or null
   * @return [n, T_q, dim]
   */
  public Tensor forward(Tensor query, Tensor keyValue, INDArray keyMask, ForwardContext ctx) {
    SequenceSupport.checkSequence(toString(), query, dim);
    SequenceSupport.checkSequence(toString(), keyValue, dim);
    long n = query.size(0);
    long tq = query.size(1);
    long tk = keyValue.size(1);
    if (keyValue.size(0) != n) {
      throw new ShapeException(this + ": queries " + Arrays.toString(query.shape()) + " and keys "
          + Arrays.toString(keyValue.shape()) + " differ in batch size");
    }
    if (causal && tq != tk) {
      throw new ShapeException(this + ": causal attention needs as many queries as keys, got " + tq + " and " + tk);
    }
    SequenceSupport.checkMask(toString(), keyMask, keyValue);
    long dh = dim / heads;
    Tensor qh = splitHeads(SequenceSupport.rows(query, r -> q.forward(r, ctx)), n, tq, dh);   // [n·h, T_q, d_h]
    Tensor kh = splitHeads(SequenceSupport.rows(keyValue, r -> k.forward(r, ctx)), n, tk, dh);
    Tensor vh = splitHeads(SequenceSupport.rows(keyValue, r -> v.forward(r, ctx)), n, tk, dh);
    Tensor scores = Ops.mulScalar(Ops.bmm(qh, kh, false, true), 1.0 / Math.sqrt(dh)); // [n·h, T_q, T_k]
    INDArray bias = additiveMask(n, tq, tk, keyMask, query.dataType());
    if (bias != null) {
      scores = Ops.add(scores, Tensor.constant(bias));
    }
    Tensor weights = SequenceSupport.dropout(Ops.softmax(scores, 2), dropout, ctx);
    Tensor ctxh = Ops.bmm(weights, vh, false, false);                                  // [n·h, T_q, d_h]
    Tensor merged = Ops.reshape(Ops.permute(Ops.reshape(ctxh, n, heads, tq, dh), 0, 2, 1, 3), n, tq, dim);
    return SequenceSupport.rows(merged, r -> out.forward(r, ctx));
  }

  /** [n, T, dim] → [n·heads, T, d_h]. */
  private Tensor splitHeads(Tensor x, long n, long steps, long dh) {
    return Ops.reshape(Ops.permute(Ops.reshape(x, n, steps, heads, dh), 0, 2, 1, 3), n * heads, steps, dh);
  }

  /** The constant M [n·heads, T_q, T_k] (0 allowed, −10⁹ not), or null when nothing is masked. */
  private INDArray additiveMask(long n, long tq, long tk, INDArray keyMask, DataType type) {
    if (!causal && keyMask == null) {
      return null;
    }
    double[] km = keyMask == null ? null : keyMask.dup('c').data().asDouble();
    int nh = (int) (n * heads);
    double[] m = new double[(int) (nh * tq * tk)];
    for (int b = 0; b < nh; b++) {
      int row = b / heads;
      for (int i = 0; i < tq; i++) {
        for (int j = 0; j < tk; j++) {
          boolean blocked = (causal && j > i) || (km != null && km[(int) (row * tk + j)] == 0);
          m[(int) ((b * tq + i) * tk + j)] = blocked ? MASKED : 0.0;
        }
      }
    }
    return Nd4j.create(m, new long[] {nh, tq, tk}, DataType.DOUBLE).castTo(type);
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length != 2 || inputShape[1] != dim) {
      throw new ShapeException(this + " takes per-sample sequences [T, " + dim + "], got "
          + Arrays.toString(inputShape));
    }
    return inputShape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Layer> children = new LinkedHashMap<>();
    children.put("q", q);
    children.put("k", k);
    children.put("v", v);
    children.put("out", out);
    return Module.prefixed(children);
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.MultiHeadAttentionSpec(dim, heads, dropout, causal);
  }

  @Override
  public String toString() {
    return "Attention(" + dim + ", " + heads + "h" + (causal ? ", causal" : "") + ")";
  }
}
