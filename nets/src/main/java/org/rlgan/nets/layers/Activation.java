package org.rlgan.nets.layers;

import java.util.LinkedHashMap;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;

/** An element-wise activation (book §5.3); softmax and log-softmax act over the last dimension. */
public final class Activation implements Layer {

  /** The activations; {@code alpha} is the negative slope of LEAKY_RELU and the scale of ELU. */
  public enum Kind {
    IDENTITY, RELU, LEAKY_RELU, ELU, TANH, SIGMOID, SOFTPLUS, GELU, SOFTMAX, LOG_SOFTMAX
  }

  private final Kind kind;
  private final double alpha;

  /** An activation without a parameter (alpha is ignored; LEAKY_RELU gets 0.01 and ELU 1.0). */
  public Activation(Kind kind) {
    this(kind, kind == Kind.LEAKY_RELU ? 0.01 : 1.0);
  }

  public Activation(Kind kind, double alpha) {
    if (kind == null) {
      throw new IllegalArgumentException("activation kind must be one of " + java.util.Arrays.toString(Kind.values()));
    }
    if ((kind == Kind.LEAKY_RELU && !(alpha >= 0 && alpha < 1)) || (kind == Kind.ELU && !(alpha > 0))) {
      throw new IllegalArgumentException("alpha for " + kind + " must be " + (kind == Kind.ELU ? "> 0" : "in [0, 1)")
          + ", got " + alpha);
    }
    this.kind = kind;
    this.alpha = alpha;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    return switch (kind) {
      case IDENTITY -> x;
      case RELU -> Ops.relu(x);
      case LEAKY_RELU -> Ops.leakyRelu(x, alpha);
      case ELU -> Ops.elu(x, alpha);
      case TANH -> Ops.tanh(x);
      case SIGMOID -> Ops.sigmoid(x);
      case SOFTPLUS -> Ops.softplus(x);
      case GELU -> Ops.gelu(x);
      case SOFTMAX -> Ops.softmax(x, x.rank() - 1);
      case LOG_SOFTMAX -> Ops.logSoftmax(x, x.rank() - 1);
    };
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    return inputShape.clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.ActivationSpec(kind, alpha);
  }

  @Override
  public String toString() {
    return kind == Kind.LEAKY_RELU || kind == Kind.ELU ? kind + "(" + alpha + ")" : kind.toString();
  }
}
