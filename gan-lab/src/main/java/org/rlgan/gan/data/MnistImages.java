package org.rlgan.gan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.data.Mnist;

/**
 * MNIST-format images (MNIST, Fashion-MNIST: 28 × 28 grey levels, 10 classes) as GAN training data: each batch is
 * n digits drawn uniformly with replacement from a {@link Mnist.Split}, as [n, 1, 28, 28] with grey levels mapped
 * from [0, 1] to [−1, 1] (2x − 1), the range of a tanh generator (Radford et al. 2016, Sec. 4). Labelled, so
 * conditional GANs can use it.
 *
 * <p>Drawing with replacement (instead of epochs of shuffled batches) keeps the source a distribution, as
 * {@link RealData} asks: the stream depends on the generator's state alone, which checkpoints save.
 */
public final class MnistImages implements RealData {
  /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST's four gzipped IDX files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private final Mnist.Split split;

  /** Batches drawn from {@code split} (all of its images). */
  public MnistImages(Mnist.Split split) {
    this.split = Objects.requireNonNull(split, "split");
    if (split.size() < 1) {
      throw new IllegalArgumentException("MnistImages needs at least one image, the split is empty");
    }
  }

  /** MNIST's training digits from {@link Mnist#defaultDirectory()} ({@code scripts/fetch-mnist.sh} puts them there). */
  public static MnistImages mnistTrain() throws IOException {
    return new MnistImages(Mnist.load(Mnist.Part.TRAIN));
  }

  /**
   * Fashion-MNIST's 60,000 training images (Xiao, Rasul and Vollgraf 2017) from {@link #DEBIAN_FASHION_MNIST}
   * ({@code scripts/fetch-fashion-mnist.sh} installs the Debian package). The files have MNIST's names and format.
   */
  public static MnistImages fashionTrain() throws IOException {
    return new MnistImages(Mnist.load(DEBIAN_FASHION_MNIST, Mnist.Part.TRAIN));
  }

  /** The images and labels drawn from. */
  public Mnist.Split split() {
    return split;
  }

  @Override
  public long[] shape() {
    return Mnist.SAMPLE_SHAPE.clone();
  }

  @Override
  public int classes() {
    return Mnist.CLASSES;
  }

  @Override
  public INDArray sample(int n, RandomGenerator rng, DataType type) {
    return sampleLabelled(n, rng, type).x();
  }

  @Override
  public Labelled sampleLabelled(int n, RandomGenerator rng, DataType type) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = rng.nextInt(split.size());
    }
    float[] x = split.images(idx);
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * x[i] - 1;
    }
    INDArray a = Nd4j.createFromArray(x).reshape(n, 1, Mnist.ROWS, Mnist.COLUMNS);
    return new Labelled(type == DataType.FLOAT ? a : a.castTo(type), split.labels(idx));
  }

  @Override
  public String toString() {
    return "MnistImages[" + split.size() + "]";
  }
}
