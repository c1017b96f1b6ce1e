package org.rlgan.nets.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.init.Initializer;

/**
 * Layers applied in order. The chain is checked when it is built: each layer's output shape must be what the
 * next one takes, and a mismatch names both layers and the shape.
 *
 * <pre>{@code
 * Sequential q = Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(0))
 *     .dense(64).relu().dense(64).relu().dense(2).build();
 * Tensor values = q.forward(observations, ForwardContext.eval());   // [n, 4] -> [n, 2]
 * }</pre>
 */
public final class Sequential implements Layer {
  private final long[] inputShape;
  private final List<Layer> layers;
  private final long[][] shapes;

  /**
   * @param inputShape the per-sample input shape (no batch dimension)
   * @throws ShapeException when consecutive layers do not fit
   */
  public Sequential(long[] inputShape, List<Layer> layers) {
    this.inputShape = inputShape.clone();
    this.layers = List.copyOf(layers);
    this.shapes = new long[layers.size() + 1][];
    shapes[0] = inputShape.clone();
    for (int i = 0; i < this.layers.size(); i++) {
      try {
        shapes[i + 1] = this.layers.get(i).outputShape(shapes[i]);
      } catch (ShapeException e) {
        String from = i == 0 ? "the network input" : "layer " + (i - 1) + " (" + this.layers.get(i - 1) + ")";
        throw new ShapeException("layer " + i + " (" + this.layers.get(i) + ") cannot take shape "
            + Arrays.toString(shapes[i]) + " from " + from + ": " + e.getMessage());
      }
    }
  }

  public List<Layer> layers() {
    return layers;
  }

  public long[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    checkInput(x);
    Tensor h = x;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      // Dense then ReLU: one primitive, the same values and gradients with one array fewer per layer.
      if (l instanceof Dense d && i + 1 < layers.size() && layers.get(i + 1) instanceof Activation a
          && a.kind() == Activation.Kind.RELU) {
        h = Ops.linearRelu(h, d.weight(), d.bias());
        i++;
        continue;
      }
      h = l.forward(h, ctx);
    }
    return h;
  }

  private void checkInput(Tensor x) {
    long[] s = x.shape();
    if (s.length != inputShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), inputShape)) {
      throw new ShapeException("network takes batches [n, " + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "")
          + "], got " + Arrays.toString(s));
    }
  }

  @Override
  public long[] outputShape(long[] in) {
    if (!Arrays.equals(in, inputShape)) {
      throw new ShapeException("Sequential built for inputs " + Arrays.toString(inputShape) + ", given "
          + Arrays.toString(in));
    }
    return shapes[shapes.length - 1].clone();
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Layer> children = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      children.put(Integer.toString(i), layers.get(i));
    }
    return Module.prefixed(children);
  }

  @Override
  public LinkedHashMap<String, INDArray> namedBuffers() {
    LinkedHashMap<String, Layer> children = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      children.put(Integer.toString(i), layers.get(i));
    }
    return Module.prefixedBuffers(children);
  }

  @Override
  public LayerSpec.SequentialSpec spec() {
    return new LayerSpec.SequentialSpec(inputShape.clone(), layers.stream().map(Layer::spec).toList());
  }

  /**
   * A Keras-style table: every layer with its output shape and parameter count, and the totals. The layers of
   * nested {@link Sequential} and {@link Parallel} containers get rows of their own, named by their dotted
   * path ("3.0.1", as their parameters are), under the container's row, which shows the container's total.
   */
  public String summary() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "input", Arrays.toString(inputShape), ""});
    addRows(this, "", inputShape, 0, rows);
    int[] width = {4, 5, 12, 6};
    for (String[] r : rows) {
      for (int c = 0; c < 4; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    String fmt = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3] + "s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(fmt, "#", "layer", "output shape", "params"));
    for (String[] r : rows) {
      sb.append(String.format(fmt, (Object[]) r));
    }
    sb.append(String.format("total parameters: %,d%n", parameterCount()));
    long buffered = 0;
    for (INDArray b : namedBuffers().values()) {
      buffered += b.length();
    }
    if (buffered > 0) {
      sb.append(String.format("non-trainable buffer values: %,d%n", buffered));
    }
    return sb.toString();
  }

  private static void addRows(Layer container, String prefix, long[] in, int depth, List<String[]> rows) {
    List<Layer> children = container instanceof Sequential s ? s.layers : ((Parallel) container).branches();
    long[] shape = in;
    for (int i = 0; i < children.size(); i++) {
      Layer child = children.get(i);
      long[] out = child.outputShape(shape);
      String label = "  ".repeat(depth) + (child instanceof Sequential ? "Sequential"
          : child instanceof Parallel p ? "Parallel(" + p.combine() + ")" : child.toString());
      rows.add(new String[] {prefix + i, label, Arrays.toString(out), String.format("%,d", child.parameterCount())});
      if (child instanceof Sequential || child instanceof Parallel) {
        addRows(child, prefix + i + ".", shape, depth + 1, rows);
      }
      if (container instanceof Sequential) {
        shape = out;
      }
    }
  }

  @Override
  public String toString() {
    return "Sequential" + layers;
  }

  /** Starts a chain for inputs of the given per-sample shape; each layer's input size is inferred. */
  public static Builder builder(long[] inputShape, DataType type, RandomGenerator rng) {
    return new Builder(inputShape, type, rng);
  }

  /** Adds layers whose input sizes follow from the previous layer's output. */
  public static final class Builder {
    private final long[] inputShape;
    private final DataType type;
    private final RandomGenerator rng;
    private final List<Layer> layers = new ArrayList<>();
    private long[] current;

    private Builder(long[] inputShape, DataType type, RandomGenerator rng) {
      this.inputShape = inputShape.clone();
      this.current = inputShape.clone();
      this.type = type;
      this.rng = rng;
    }

    /** A dense layer with the default initialisers. */
    public Builder dense(long out) {
      return dense(out, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT);
    }

    /** A dense layer with the given initialisers. */
    public Builder dense(long out, Initializer weightInit, Initializer biasInit) {
      if (current.length != 1) {
        throw new ShapeException("a dense layer needs flat inputs, the chain is at " + Arrays.toString(current));
      }
      return add(new Dense(current[0], out, true, weightInit, biasInit, type, rng));
    }

    public Builder relu() {
      return add(new Activation(Activation.Kind.RELU));
    }

    public Builder tanh() {
      return add(new Activation(Activation.Kind.TANH));
    }

    public Builder activation(Activation.Kind kind, double alpha) {
      return add(new Activation(kind, alpha));
    }

    public Builder dropout(double p) {
      return add(new Dropout(p));
    }

    /** A convolution with a square kernel, stride and padding, the default initialisers and a bias. */
    public Builder conv2d(long out, int kernel, int stride, int padding) {
      return add(new Conv2D(channels("conv2d"), out, kernel, kernel, org.rlgan.nets.Conv2dOptions.of(stride, padding),
          true, Conv2D.DEFAULT_WEIGHT_INIT, Conv2D.DEFAULT_BIAS_INIT, type, rng));
    }

    /** A transposed convolution with a square kernel, stride and padding, the default initialisers and a bias. */
    public Builder convTranspose2d(long out, int kernel, int stride, int padding) {
      return add(new ConvTranspose2D(channels("convTranspose2d"), out, kernel, kernel,
          org.rlgan.nets.Conv2dOptions.of(stride, padding), 0, 0, true, Conv2D.DEFAULT_WEIGHT_INIT,
          Conv2D.DEFAULT_BIAS_INIT, type, rng));
    }

    /** Batch normalisation over the current channels (1-D for [C] or [C, L], 2-D for [C, H, W]), PyTorch's defaults. */
    public Builder batchNorm() {
      return add(new BatchNorm(current.length == 3 ? 2 : 1, current[0], 1e-5, 0.1, true, type));
    }

    /** Max pooling with a square window and stride = window. */
    public Builder maxPool2d(int kernel) {
      return add(Pool2D.max(kernel));
    }

    /** Flattens each sample to a vector. */
    public Builder flatten() {
      return add(Reshape.flatten());
    }

    /** Reshapes each sample. */
    public Builder reshape(long... shape) {
      return add(new Reshape(shape));
    }

    private long channels(String what) {
      if (current.length != 3) {
        throw new ShapeException("a " + what + " layer needs [C, H, W] inputs, the chain is at "
            + Arrays.toString(current));
      }
      return current[0];
    }

    /** Any layer; its output shape is checked now. */
    public Builder add(Layer layer) {
      long[] next;
      try {
        next = layer.outputShape(current);
      } catch (ShapeException e) {
        throw new ShapeException("layer " + layers.size() + " (" + layer + ") cannot take shape "
            + Arrays.toString(current) + ": " + e.getMessage());
      }
      layers.add(layer);
      current = next;
      return this;
    }

    public Sequential build() {
      return new Sequential(inputShape, layers);
    }
  }
}
