package org.rlgan.nets.layers;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An architecture as plain data: what a network is, without its weights. It is written as JSON beside a
 * parameter file ({@code "type": "dense"} etc., a closed set of names: never a class name) and can rebuild
 * the network, whose parameters are then loaded from the file.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LayerSpec.DenseSpec.class, name = "dense"),
    @JsonSubTypes.Type(value = LayerSpec.ActivationSpec.class, name = "activation"),
    @JsonSubTypes.Type(value = LayerSpec.DropoutSpec.class, name = "dropout"),
    @JsonSubTypes.Type(value = LayerSpec.SequentialSpec.class, name = "sequential"),
    @JsonSubTypes.Type(value = LayerSpec.ParallelSpec.class, name = "parallel"),
    // sequence layers (nets-seq)
    @JsonSubTypes.Type(value = LayerSpec.EmbeddingSpec.class, name = "embedding"),
    @JsonSubTypes.Type(value = LayerSpec.RecurrentSpec.class, name = "recurrent"),
    @JsonSubTypes.Type(value = LayerSpec.TimeDistributedSpec.class, name = "time_distributed"),
    @JsonSubTypes.Type(value = LayerSpec.PositionalEncodingSpec.class, name = "positional_encoding"),
    @JsonSubTypes.Type(value = LayerSpec.MultiHeadAttentionSpec.class, name = "multi_head_attention"),
    @JsonSubTypes.Type(value = LayerSpec.TransformerEncoderSpec.class, name = "transformer_encoder")})
public sealed interface LayerSpec {

  /** Builds the layer with fresh (default-initialised) parameters of the given type. */
  Layer build(DataType type, RandomGenerator rng);

  /** A dense (affine) layer, {@code in} → {@code out} features. */
  record DenseSpec(long in, long out, boolean bias) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Dense(in, out, bias, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, type, rng);
    }
  }

  /** An element-wise activation; {@code alpha} is the slope (leaky ReLU) or scale (ELU), else ignored. */
  record ActivationSpec(Activation.Kind kind, double alpha) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Activation(kind, alpha);
    }
  }

  /** Inverted dropout with drop probability {@code p}. */
  record DropoutSpec(double p) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Dropout(p);
    }
  }

  /** Layers applied in order to inputs of per-sample shape {@code inputShape}. */
  record SequentialSpec(long[] inputShape, List<LayerSpec> layers) implements LayerSpec {
    @Override
    public Sequential build(DataType type, RandomGenerator rng) {
      return new Sequential(inputShape, layers.stream().map(l -> l.build(type, rng)).toList());
    }
  }

  /** Branches applied to the same input, their outputs combined. */
  record ParallelSpec(Parallel.Combine combine, long[] inputShape, List<LayerSpec> branches) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Parallel(combine, inputShape, branches.stream().map(l -> l.build(type, rng)).toList());
    }
  }

  // ---------------------------------------------------------------- sequence layers (nets-seq)

  /** A lookup table of {@code vocabulary} vectors of size {@code dim}. */
  record EmbeddingSpec(long vocabulary, long dim) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Embedding(vocabulary, dim, type, rng);
    }
  }

  /** A stack of {@code layers} recurrent layers of one cell type (see {@link Recurrent}). */
  record RecurrentSpec(Recurrent.Cell cell, long inputSize, long hiddenSize, int layers, boolean returnSequences,
      double dropout) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Recurrent(cell, inputSize, hiddenSize, layers, returnSequences, dropout, type, rng);
    }
  }

  /** A layer applied at every time step. */
  record TimeDistributedSpec(LayerSpec layer) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new TimeDistributed(layer.build(type, rng));
    }
  }

  /** Sinusoidal or learned position codes added to sequences of up to {@code maxLength} steps. */
  record PositionalEncodingSpec(PositionalEncoding.Kind kind, long maxLength, long dim) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new PositionalEncoding(kind, maxLength, dim, type, rng);
    }
  }

  /** Multi-head self-attention of width {@code dim}. */
  record MultiHeadAttentionSpec(long dim, int heads, double dropout, boolean causal) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new MultiHeadAttention(dim, heads, dropout, causal, type, rng);
    }
  }

  /** A Transformer encoder block (see {@link TransformerEncoderBlock}). */
  record TransformerEncoderSpec(long dim, int heads, long ffDim, double dropout, boolean causal,
      TransformerEncoderBlock.Norm norm) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new TransformerEncoderBlock(dim, heads, ffDim, dropout, causal, norm, type, rng);
    }
  }
}
