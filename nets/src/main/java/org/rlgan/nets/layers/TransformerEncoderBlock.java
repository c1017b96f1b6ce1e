package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/**
 * A Transformer encoder block (Vaswani et al. 2017; book §7.6), PyTorch's {@code nn.TransformerEncoderLayer}
 * with {@code batch_first=True} and ReLU: multi-head self-attention and a position-wise feed-forward network
 * FF(x) = W₂·Dropout(ReLU(W₁x + b₁)) + b₂, each wrapped in dropout, a residual connection and layer
 * normalisation. Where the normalisation goes:
 *
 * <ul>
 *   <li>{@link Norm#POST} (the original paper; PyTorch's default {@code norm_first=False}):
 *       x ← LN₁(x + Drop(SA(x))), x ← LN₂(x + Drop(FF(x))).</li>
 *   <li>{@link Norm#PRE} (Xiong et al. 2020; trains without warm-up more easily):
 *       x ← x + Drop(SA(LN₁(x))), x ← x + Drop(FF(LN₂(x))).</li>
 * </ul>
 *
 * <p>Shapes: [n, T, dim] → [n, T, dim]. Parameters: {@code attn.*} (see {@link MultiHeadAttention}),
 * {@code ff1.*} [dim, ffDim], {@code ff2.*} [ffDim, dim], {@code norm1.weight}/{@code norm1.bias} and
 * {@code norm2.*} [dim] (ones and zeros). Layer normalisation (Ba et al. 2016) is over the last axis with
 * ε = 1e-5 and the biased variance, as PyTorch's; it is composed from {@link Ops} inside this class.
 */
public final class TransformerEncoderBlock implements Layer {

  /** Where layer normalisation sits relative to the residual connections. */
  public enum Norm { PRE, POST }

  private static final double LN_EPS = 1e-5;

  private final long dim;
  private final int heads;
  private final long ffDim;
  private final double dropout;
  private final boolean causal;
  private final Norm norm;
  private final MultiHeadAttention attn;
  private final Dense ff1;
  private final Dense ff2;
  private final LayerNorm norm1;
  private final LayerNorm norm2;

  /**
   * @param dim model width, divisible by heads
   * @param heads attention heads
   * @param ffDim hidden width of the feed-forward network, ≥ 1
   * @param dropout dropout probability (attention weights, after each sublayer, inside FF), in [0, 1)
   * @param causal whether self-attention is causal (step t sees steps ≤ t)
   * @param norm pre- or post-normalisation
   */
  public TransformerEncoderBlock(long dim, int heads, long ffDim, double dropout, boolean causal, Norm norm,
      DataType type, RandomGenerator rng) {
    if (ffDim < 1) {
      throw new ShapeException("TransformerEncoderBlock: ffDim must be >= 1, got " + ffDim);
    }
    if (norm == null) {
      throw new IllegalArgumentException("TransformerEncoderBlock: norm must be one of "
          + Arrays.toString(Norm.values()));
    }
    this.dim = dim;
    this.heads = heads;
    this.ffDim = ffDim;
    this.dropout = dropout;
    this.causal = causal;
    this.norm = norm;
    this.attn = new MultiHeadAttention(dim, heads, dropout, causal, type, rng);
    this.ff1 = new Dense(dim, ffDim, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
    this.ff2 = new Dense(ffDim, dim, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
    this.norm1 = new LayerNorm(new long[] {dim}, LN_EPS, true, type);
    this.norm2 = new LayerNorm(new long[] {dim}, LN_EPS, true, type);
  }

  public Norm norm() {
    return norm;
  }

  public MultiHeadAttention attention() {
    return attn;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return forward(x, null, ctx);
  }

  /**
   * The block over x [n, T, dim] with a key padding mask [n, T] (1 real, 0 padding) or null. Outputs at padded
   * positions are computed but meaningless; mask them in the loss.
   */
  public Tensor forward(Tensor x, INDArray keyMask, ForwardContext ctx) {
    SequenceSupport.checkSequence(toString(), x, dim);
    if (norm == Norm.POST) {
      Tensor h = norm1.forward(Ops.add(x, SequenceSupport.dropout(attn.forward(x, keyMask, ctx), dropout, ctx)), ctx);
      return norm2.forward(Ops.add(h, SequenceSupport.dropout(feedForward(h, ctx), dropout, ctx)), ctx);
    }
    Tensor h = Ops.add(x, SequenceSupport.dropout(attn.forward(norm1.forward(x, ctx), keyMask, ctx), dropout, ctx));
    return Ops.add(h, SequenceSupport.dropout(feedForward(norm2.forward(h, ctx), ctx), dropout, ctx));
  }

  private Tensor feedForward(Tensor x, ForwardContext ctx) {
    return SequenceSupport.rows(x, r -> ff2.forward(SequenceSupport.dropout(Ops.relu(ff1.forward(r, ctx)), dropout,
        ctx), ctx));
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    return attn.outputShape(inputShape);
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    children.put("attn", attn);
    children.put("ff1", ff1);
    children.put("ff2", ff2);
    children.put("norm1", norm1);
    children.put("norm2", norm2);
    m.putAll(Module.prefixed(children));
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.TransformerEncoderSpec(dim, heads, ffDim, dropout, causal, norm);
  }

  @Override
  public String toString() {
    return "Encoder(" + dim + ", " + heads + "h, ff " + ffDim + ", " + norm.toString().toLowerCase(java.util.Locale.ROOT)
        + (causal ? ", causal" : "") + ")";
  }
}
