package org.rlgan.gan.models;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.gan.train.GanArchitecture;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.BatchNorm;
import org.rlgan.nets.layers.Conv2D;
import org.rlgan.nets.layers.ConvTranspose2D;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.Reshape;
import org.rlgan.nets.layers.Sequential;

/**
 * DCGAN for images whose sides are multiples of 4 (28 × 28 MNIST; 12 × 12 padded MinAtar frames) (Radford, Metz and Chintala 2016): strided (transposed) convolutions instead of pooling,
 * batch normalisation in both networks (not on G's output nor D's input), ReLU in G with tanh on the output,
 * LeakyReLU(0.2) in D, weights N(0, 0.02²) and zero biases (their Sec. 4). The layer sizes are those of
 * {@code ../shared/baselines/microbench.py}'s {@code dcgan28_step_b64} (the PyTorch peer), with w = 64:
 *
 * <ul>
 *   <li>G: [g] → Dense 2w·7·7 → ReLU → reshape [2w, 7, 7] → ConvT 4×4 s2 p1 (2w → w) → BatchNorm → ReLU
 *       → ConvT 4×4 s2 p1 (w → C) → tanh: [C, 28, 28];
 *   <li>D: [C', 28, 28] → Conv 4×4 s2 p1 (C' → w) → LeakyReLU 0.2 → Conv 4×4 s2 p1 (w → 2w) → BatchNorm →
 *       LeakyReLU 0.2 → flatten → Dense (2w·7·7 → outputs).
 * </ul>
 *
 * For other sizes H × W (both multiples of 4) the 7 × 7 maps are H/4 × W/4; the layers are otherwise the same.
 *
 * C' is the data's channels times the packing degree, plus the label channels of a conditional GAN; outputs is 1,
 * or 1 + Q with InfoGAN's Q head (the last Dense layer then also gives Q's categorical logits and continuous means,
 * sharing every other layer with D, as Chen et al. 2016 Sec. 6 share all but the last layer).
 */
public final class Dcgan implements GanArchitecture {
  private final int width;

  /** DCGAN with w channels after D's first convolution (G's last hidden map); 64 is the peer's size. */
  public Dcgan(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("Dcgan width = " + width + " is invalid: it must be >= 1");
    }
    this.width = width;
  }

  /** The peer's size, w = 64. */
  public static Dcgan standard() {
    return new Dcgan(64);
  }

  public int width() {
    return width;
  }

  @Override
  public Layer generator(int inputDim, long[] dataShape, RandomGenerator rng) {
    requireImage(dataShape);
    NormalInit w = new NormalInit(0.02);
    Constant zero = new Constant(0.0);
    Conv2dOptions up = Conv2dOptions.of(2, 1);
    long wide = 2L * width;
    long h = dataShape[1] / 4;
    long v = dataShape[2] / 4;
    return new Sequential(new long[] {inputDim}, List.of(
        new Dense(inputDim, wide * h * v, true, w, zero, DataType.FLOAT, rng),
        new Activation(Activation.Kind.RELU, 0),
        new Reshape(wide, h, v),
        new ConvTranspose2D(wide, width, 4, 4, up, 0, 0, true, w, zero, DataType.FLOAT, rng),
        BatchNorm.twoD(width),
        new Activation(Activation.Kind.RELU, 0),
        new ConvTranspose2D(width, dataShape[0], 4, 4, up, 0, 0, true, w, zero, DataType.FLOAT, rng),
        new Activation(Activation.Kind.TANH, 0)));
  }

  @Override
  public Layer discriminator(long[] dataShape, int pack, RandomGenerator rng) {
    return discriminator(dataShape, pack, 1, rng);
  }

  @Override
  public Layer discriminator(long[] inputShape, int pack, int outputs, RandomGenerator rng) {
    requireImage(inputShape);
    NormalInit w = new NormalInit(0.02);
    Constant zero = new Constant(0.0);
    Conv2dOptions down = Conv2dOptions.of(2, 1);
    long in = inputShape[0] * pack;
    long wide = 2L * width;
    return new Sequential(new long[] {in, inputShape[1], inputShape[2]}, List.of(
        new Conv2D(in, width, 4, 4, down, true, w, zero, DataType.FLOAT, rng),
        new Activation(Activation.Kind.LEAKY_RELU, 0.2),
        new Conv2D(width, wide, 4, 4, down, true, w, zero, DataType.FLOAT, rng),
        BatchNorm.twoD(wide),
        new Activation(Activation.Kind.LEAKY_RELU, 0.2),
        Reshape.flatten(),
        new Dense(wide * (inputShape[1] / 4) * (inputShape[2] / 4), outputs, true, w, zero, DataType.FLOAT, rng)));
  }

  /** Whether DCGAN's two stride-2 layers fit samples of this shape: [C, H, W] with H and W multiples of 4. */
  public static boolean fits(long[] shape) {
    return shape.length == 3 && shape[1] >= 4 && shape[2] >= 4 && shape[1] % 4 == 0 && shape[2] % 4 == 0;
  }

  private static void requireImage(long[] shape) {
    if (!fits(shape)) {
      throw new IllegalArgumentException("Dcgan takes images [C, H, W] with H and W multiples of 4 (e.g. [1, 28, 28]),"
          + " the data has shape " + java.util.Arrays.toString(shape));
    }
  }

  @Override
  public String toString() {
    return "Dcgan[width=" + width + "]";
  }
}
