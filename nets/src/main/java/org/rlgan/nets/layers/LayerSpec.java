package org.rlgan.nets.layers;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Conv2dOptions;

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
    // convolutional layers
    @JsonSubTypes.Type(value = LayerSpec.Conv2DSpec.class, name = "conv2d"),
    @JsonSubTypes.Type(value = LayerSpec.ConvTranspose2DSpec.class, name = "conv_transpose2d"),
    @JsonSubTypes.Type(value = LayerSpec.Pool2DSpec.class, name = "pool2d"),
    @JsonSubTypes.Type(value = LayerSpec.GlobalAvgPool2DSpec.class, name = "global_avg_pool2d"),
    @JsonSubTypes.Type(value = LayerSpec.FlattenSpec.class, name = "flatten"),
    @JsonSubTypes.Type(value = LayerSpec.ReshapeSpec.class, name = "reshape"),
    @JsonSubTypes.Type(value = LayerSpec.BatchNormSpec.class, name = "batch_norm"),
    @JsonSubTypes.Type(value = LayerSpec.LayerNormSpec.class, name = "layer_norm"),
    @JsonSubTypes.Type(value = LayerSpec.Dropout2DSpec.class, name = "dropout2d"),
    @JsonSubTypes.Type(value = LayerSpec.Upsample2DSpec.class, name = "upsample2d"),
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

  // ---------------------------------------------------------------- convolutional layers

  /** Pairs (height, width) as written in JSON; each must have two entries. */
  private static Conv2dOptions options(String layer, int[] stride, int[] padding, int[] dilation, int groups) {
    return new Conv2dOptions(pair(layer, "stride", stride)[0], stride[1], pair(layer, "padding", padding)[0],
        padding[1], pair(layer, "dilation", dilation)[0], dilation[1], groups);
  }

  private static int[] pair(String layer, String field, int[] v) {
    if (v == null || v.length != 2) {
      throw new IllegalArgumentException(layer + "." + field + " must be [height, width], got "
          + java.util.Arrays.toString(v));
    }
    return v;
  }

  /** A 2-D convolution; kernel, stride, padding and dilation are [height, width]. */
  record Conv2DSpec(long in, long out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups,
      boolean bias) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Conv2D(in, out, pair("conv2d", "kernel", kernel)[0], kernel[1],
          options("conv2d", stride, padding, dilation, groups), bias, Conv2D.DEFAULT_WEIGHT_INIT,
          Conv2D.DEFAULT_BIAS_INIT, type, rng);
    }
  }

  /** A 2-D transposed convolution; the pairs are [height, width], outputPadding PyTorch's output_padding. */
  record ConvTranspose2DSpec(long in, long out, int[] kernel, int[] stride, int[] padding, int[] dilation,
      int[] outputPadding, int groups, boolean bias) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new ConvTranspose2D(in, out, pair("conv_transpose2d", "kernel", kernel)[0], kernel[1],
          options("conv_transpose2d", stride, padding, dilation, groups),
          pair("conv_transpose2d", "outputPadding", outputPadding)[0], outputPadding[1], bias,
          Conv2D.DEFAULT_WEIGHT_INIT, Conv2D.DEFAULT_BIAS_INIT, type, rng);
    }
  }

  /** Max or average pooling; the pairs are [height, width]. */
  record Pool2DSpec(Pool2D.Kind kind, int[] kernel, int[] stride, int[] padding, int[] dilation)
      implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Pool2D(kind, pair("pool2d", "kernel", kernel)[0], kernel[1],
          options("pool2d", stride, padding, dilation, 1));
    }
  }

  /** Global average pooling, [C, H, W] → [C]. */
  record GlobalAvgPool2DSpec() implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new GlobalAvgPool2D();
    }
  }

  /** Flattens each sample to a vector. */
  record FlattenSpec() implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return Reshape.flatten();
    }
  }

  /** Reshapes each sample to {@code shape}. */
  record ReshapeSpec(long[] shape) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Reshape(shape);
    }
  }

  /** Batch normalisation over inputs with 1 ([C] or [C, L]) or 2 ([C, H, W]) spatial dimensions. */
  record BatchNormSpec(int spatialDims, long channels, double eps, double momentum, boolean affine)
      implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new BatchNorm(spatialDims, channels, eps, momentum, affine, type);
    }
  }

  /** Layer normalisation over the trailing dimensions {@code normalizedShape}. */
  record LayerNormSpec(long[] normalizedShape, double eps, boolean affine) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new LayerNorm(normalizedShape, eps, affine, type);
    }
  }

  /** Channel dropout with drop probability {@code p}. */
  record Dropout2DSpec(double p) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Dropout2D(p);
    }
  }

  /** Nearest-neighbour upsampling by integer factors. */
  record Upsample2DSpec(int scaleH, int scaleW) implements LayerSpec {
    @Override
    public Layer build(DataType type, RandomGenerator rng) {
      return new Upsample2D(scaleH, scaleW);
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
