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
    @JsonSubTypes.Type(value = LayerSpec.ParallelSpec.class, name = "parallel")})
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
}
