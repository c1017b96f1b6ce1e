package org.rlgan.nets.layers;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Conv2dOptions;

/**
 * Building blocks of the landmark convolutional designs of book ch. 6 that fit a CPU, made of the ordinary
 * layers ({@link Sequential}, {@link Parallel}, {@link Conv2D}, {@link BatchNorm}, ...), so they have specs,
 * parameter files and {@link Sequential#summary()} rows like any other network. Shapes are per sample, NCHW.
 */
public final class ConvNets {
  private ConvNets() {}

  private static Conv2D conv(long in, long out, int k, int stride, int pad, boolean bias, DataType type,
      RandomGenerator rng) {
    return new Conv2D(in, out, k, k, Conv2dOptions.of(stride, pad), bias, Conv2D.DEFAULT_WEIGHT_INIT,
        Conv2D.DEFAULT_BIAS_INIT, type, rng);
  }

  private static Activation relu() {
    return new Activation(Activation.Kind.RELU);
  }

  private static long[] requireImage(String what, long[] in) {
    if (in.length != 3 || in[0] < 1 || in[1] < 1 || in[2] < 1) {
      throw new ShapeException(what + " takes per-sample shapes [C, H, W], got " + Arrays.toString(in));
    }
    return in;
  }

  /**
   * The basic residual block of He et al. 2016 ("Deep Residual Learning", Fig. 2): relu(F(x) + shortcut(x)) with
   * F = conv3×3(stride) → BN → ReLU → conv3×3 → BN, and the shortcut the identity, or a 1×1 convolution with
   * batch normalisation (the paper's option B) when the stride or the channel count changes.
   * [C, H, W] → [out, ⌈H/stride⌉, ⌈W/stride⌉].
   */
  public static Sequential residualBlock(long[] inputShape, long out, int stride, DataType type, RandomGenerator rng) {
    long in = requireImage("residualBlock", inputShape)[0];
    Sequential body = new Sequential(inputShape, List.of(
        conv(in, out, 3, stride, 1, false, type, rng), new BatchNorm(2, out, 1e-5, 0.1, true, type), relu(),
        conv(out, out, 3, 1, 1, false, type, rng), new BatchNorm(2, out, 1e-5, 0.1, true, type)));
    Layer shortcut = stride == 1 && in == out ? new Activation(Activation.Kind.IDENTITY)
        : new Sequential(inputShape, List.of(conv(in, out, 1, stride, 0, false, type, rng),
            new BatchNorm(2, out, 1e-5, 0.1, true, type)));
    return new Sequential(inputShape, List.of(
        new Parallel(Parallel.Combine.SUM, inputShape, List.of(body, shortcut)), relu()));
  }

  /**
   * The Inception module of Szegedy et al. 2015 ("Going Deeper with Convolutions", Fig. 2b): four branches
   * concatenated along the channels, 1×1; 1×1 → 3×3; 1×1 → 5×5; 3×3 max pool → 1×1, each convolution followed by
   * ReLU. [C, H, W] → [c1 + c3 + c5 + poolProj, H, W].
   *
   * @param c1 channels of the 1×1 branch
   * @param c3reduce, c3 the 1×1 reduction and 3×3 channels
   * @param c5reduce, c5 the 1×1 reduction and 5×5 channels
   * @param poolProj channels of the 1×1 projection after the pool
   */
  public static Parallel inceptionBlock(long[] inputShape, long c1, long c3reduce, long c3, long c5reduce, long c5,
      long poolProj, DataType type, RandomGenerator rng) {
    long in = requireImage("inceptionBlock", inputShape)[0];
    List<Layer> branches = List.of(
        new Sequential(inputShape, List.of(conv(in, c1, 1, 1, 0, true, type, rng), relu())),
        new Sequential(inputShape, List.of(conv(in, c3reduce, 1, 1, 0, true, type, rng), relu(),
            conv(c3reduce, c3, 3, 1, 1, true, type, rng), relu())),
        new Sequential(inputShape, List.of(conv(in, c5reduce, 1, 1, 0, true, type, rng), relu(),
            conv(c5reduce, c5, 5, 1, 2, true, type, rng), relu())),
        new Sequential(inputShape, List.of(Pool2D.max(3, 1, 1), conv(in, poolProj, 1, 1, 0, true, type, rng),
            relu())));
    return new Parallel(Parallel.Combine.CONCAT_CHANNELS, inputShape, branches);
  }

  /**
   * A small ResNet in the CIFAR style of He et al. 2016 §4.2: a 3×3 convolution to widths[0] channels with batch
   * normalisation and ReLU, then one stage per width of {@code blocksPerStage} residual blocks (the first block
   * of every stage after the first halves the resolution), global average pooling and a dense layer to
   * {@code classes} outputs. widths = {16, 32, 64} with 3 blocks per stage is ResNet-20.
   */
  public static Sequential smallResNet(long[] inputShape, long classes, long[] widths, int blocksPerStage,
      DataType type, RandomGenerator rng) {
    requireImage("smallResNet", inputShape);
    if (widths.length == 0 || blocksPerStage < 1 || classes < 1) {
      throw new ShapeException("smallResNet needs at least one stage width, blocksPerStage >= 1 and classes >= 1, "
          + "got widths " + Arrays.toString(widths) + ", " + blocksPerStage + " blocks, " + classes + " classes");
    }
    Sequential.Builder b = Sequential.builder(inputShape, type, rng);
    b.add(conv(inputShape[0], widths[0], 3, 1, 1, false, type, rng)).batchNorm().relu();
    long[] shape = b.build().outputShape(inputShape);
    for (int s = 0; s < widths.length; s++) {
      for (int k = 0; k < blocksPerStage; k++) {
        Sequential block = residualBlock(shape, widths[s], s > 0 && k == 0 ? 2 : 1, type, rng);
        b.add(block);
        shape = block.outputShape(shape);
      }
    }
    return b.add(new GlobalAvgPool2D()).dense(classes).build();
  }
}
