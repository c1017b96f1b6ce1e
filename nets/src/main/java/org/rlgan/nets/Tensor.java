package org.rlgan.nets;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A node of the differentiation tape: an ND4J array plus, when it was computed from tensors that require
 * gradients while recording was on, the operation that made it.
 *
 * <p>Values are float32 for training and float64 for gradient checks; an operation's result has its
 * inputs' data type. {@link #value()} is a live reference, not a copy: changing it in place (as
 * optimizers do to parameters) is invisible to the tape, so do it only between a backward pass and the
 * next forward pass.
 *
 * <p>Leaves that require gradients are parameters (or inputs whose gradient is wanted);
 * {@link Autograd#backward(Tensor)} accumulates into their {@link #grad()}.
 */
public final class Tensor {
  private INDArray value;
  private final boolean requiresGrad;
  private final Node node;
  private final String name;
  private INDArray grad;
  private boolean released;

  Tensor(INDArray value, boolean requiresGrad, Node node, String name) {
    this.value = value;
    this.requiresGrad = requiresGrad;
    this.node = node;
    this.name = name;
  }

  /** A constant: no gradient flows into it. The array is used as is (not copied). */
  public static Tensor constant(INDArray value) {
    return new Tensor(value, false, null, null);
  }

  /** A leaf whose gradient is wanted (a parameter, or an input to differentiate with respect to). */
  public static Tensor variable(INDArray value) {
    return new Tensor(value, true, null, null);
  }

  /** A named leaf that requires gradients; the name is its key in parameter files. */
  public static Tensor parameter(String name, INDArray value) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a parameter needs a non-blank name");
    }
    return new Tensor(value, true, null, name);
  }

  /** A float32 constant of the given shape and row-major values (copied). */
  public static Tensor of(float[] data, long... shape) {
    checkLength(data.length, shape);
    return constant(Kernels.fromArray(data, shape));
  }

  /** A float64 constant of the given shape and row-major values (copied). */
  public static Tensor of(double[] data, long... shape) {
    checkLength(data.length, shape);
    return constant(Kernels.fromArray(data, shape));
  }

  private static void checkLength(int length, long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("Tensor.of: negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException("Tensor.of: " + length + " values for shape " + Arrays.toString(shape)
          + " (" + n + " elements)");
    }
  }

  /** A rank-0 constant of the given type. */
  public static Tensor scalar(DataType type, double v) {
    return constant(Nd4j.scalar(type, v));
  }

  /** The array (a live reference). */
  public INDArray value() {
    if (released) {
      throw released();
    }
    return value;
  }

  /** Marks a computed tensor's array as handed back by {@link Autograd#release}: reading it is an error from now on. */
  void markReleased() {
    released = true;
  }

  private IllegalStateException released() {
    return new IllegalStateException(describe() + " (" + node.op() + ") was released by Autograd.release: its memory "
        + "now holds other arrays. Read what you need (item(), a copy of value()) before releasing the graph.");
  }

  /**
   * Replaces a leaf's array (used to load parameters or rebind them to a flat buffer). Shapes must match.
   */
  public void setValue(INDArray v) {
    if (node != null) {
      throw new IllegalStateException("only a leaf's value can be replaced; " + describe() + " was computed");
    }
    if (!Arrays.equals(v.shape(), value.shape())) {
      throw new IllegalArgumentException("shape mismatch for " + describe() + ": have "
          + Arrays.toString(value.shape()) + ", got " + Arrays.toString(v.shape()));
    }
    this.value = v;
  }

  /** The accumulated gradient of a leaf after {@link Autograd#backward}, or null if none reached it. */
  public INDArray grad() {
    return grad;
  }

  /** Sets the accumulated gradient (optimizers and gradient clipping read it). */
  public void setGrad(INDArray g) {
    this.grad = g;
  }

  /** Forgets the accumulated gradient. */
  public void zeroGrad() {
    this.grad = null;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** True for tensors not computed by a recorded operation. */
  public boolean isLeaf() {
    return node == null;
  }

  Node node() {
    return node;
  }

  /** The parameter name, or null. */
  public String name() {
    return name;
  }

  public long[] shape() {
    return value.shape();
  }

  public int rank() {
    return value.rank();
  }

  public long size(int dim) {
    return value.size(dim);
  }

  public DataType dataType() {
    return value.dataType();
  }

  /** The value of a one-element tensor. */
  public double item() {
    if (released) {
      throw released();
    }
    if (value.length() != 1) {
      throw new IllegalStateException("item() needs one element, " + describe() + " has " + value.length());
    }
    return value.getDouble(0);
  }

  /** The same value, cut off from the tape (a constant sharing the array). */
  public Tensor detach() {
    return constant(value());
  }

  // ---- fluent forms of Ops, for readable model code ----

  public Tensor add(Tensor o) { return Ops.add(this, o); }
  public Tensor sub(Tensor o) { return Ops.sub(this, o); }
  public Tensor mul(Tensor o) { return Ops.mul(this, o); }
  public Tensor div(Tensor o) { return Ops.div(this, o); }
  public Tensor add(double s) { return Ops.addScalar(this, s); }
  public Tensor mul(double s) { return Ops.mulScalar(this, s); }
  public Tensor neg() { return Ops.neg(this); }
  public Tensor matmul(Tensor o) { return Ops.matmul(this, o); }
  public Tensor sum() { return Ops.sum(this); }
  public Tensor mean() { return Ops.mean(this); }
  public Tensor square() { return Ops.square(this); }
  public Tensor relu() { return Ops.relu(this); }
  public Tensor tanh() { return Ops.tanh(this); }
  public Tensor exp() { return Ops.exp(this); }
  public Tensor log() { return Ops.log(this); }

  String describe() {
    String what = name != null ? "parameter '" + name + "'" : node != null ? "result of " + node.op() : "tensor";
    return what + " " + Arrays.toString(value.shape());
  }

  @Override
  public String toString() {
    return "Tensor(" + describe() + ", " + value.dataType() + (requiresGrad ? ", requires grad" : "") + ")";
  }
}
