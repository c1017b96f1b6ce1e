package org.rlgan.gan.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.data.Mnist;
import org.rlgan.nets.examples.MnistCnn;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Sequential;

/**
 * The feature network of the image metrics: a small MNIST classifier trained by the workbench itself (not
 * Inception-v3; see {@link ImageMetrics}). Conv 3×3 (1 → 16, pad 1) → ReLU → MaxPool 2 → Conv 3×3 (16 → 32, pad 1)
 * → ReLU → MaxPool 2 → flatten → Dense 128 → ReLU (the <b>features</b>, 128 wide) → Dense 10 (the logits). Trained
 * with nets' {@link MnistCnn#train} loop (softmax cross-entropy, Adam with cosine decay, batches of 64).
 *
 * <p>Inputs are images [n, 1, 28, 28] with grey levels in [0, 1] (MNIST's scale; a tanh generator's [−1, 1] output
 * is mapped by (x + 1)/2 first, {@link #fromTanh}). Evaluation mode throughout, batches of 500, no tape.
 *
 * <p>{@link #loadOrTrain} keeps the trained weights in the data cache ({@link #defaultCacheFile}), so a run trains it
 * once per machine: about two minutes for two epochs of MNIST on one core. The same network trained on
 * Fashion-MNIST gives that data set's features.
 */
public final class MnistClassifier {
  /** The width of {@link #features}. */
  public static final int FEATURES = 128;

  private final Sequential trunk;
  private final Sequential network;

  private MnistClassifier(Sequential trunk, Sequential network) {
    this.trunk = trunk;
    this.network = network;
  }

  /** An untrained classifier initialised from {@code seed} (Keras-style Glorot weights, zero biases). */
  public static MnistClassifier create(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential trunk = Sequential.builder(Mnist.SAMPLE_SHAPE, DataType.FLOAT, rng)
        .conv2d(16, 3, 1, 1).relu().maxPool2d(2)
        .conv2d(32, 3, 1, 1).relu().maxPool2d(2)
        .flatten().dense(FEATURES).relu()
        .build();
    Sequential network = new Sequential(Mnist.SAMPLE_SHAPE, List.of(trunk, new Dense(FEATURES, Mnist.CLASSES, rng)));
    return new MnistClassifier(trunk, network);
  }

  /**
   * Trains a new classifier on {@code train} for {@code epochs} epochs (batches of 64, Adam from 2e-3 with cosine
   * decay to 0, a new order each epoch), all random draws from {@code seed}.
   */
  public static MnistClassifier train(Mnist.Split train, int epochs, long seed) {
    MnistClassifier c = create(seed);
    MnistCnn.Config config = new MnistCnn.Config(16, 32, epochs, 64, 2e-3, seed);
    MnistCnn.train(c.network, MnistCnn.optimizer(config, train.size()), train, config, new SplittableRandom(seed + 1),
        null);
    return c;
  }

  /**
   * The classifier cached at {@code file} when it exists (checked name by name and shape by shape), else one
   * {@link #train trained} on {@code train} and saved there (with its JSON description) for next time.
   */
  public static MnistClassifier loadOrTrain(Path file, Mnist.Split train, int epochs, long seed) throws IOException {
    if (Files.isRegularFile(file)) {
      MnistClassifier c = create(seed);
      ParameterFiles.load(file, c.network, null);
      return c;
    }
    MnistClassifier c = train(train, epochs, seed);
    c.save(file);
    return c;
  }

  /**
   * The default cache file of a classifier trained on {@code dataset} ("mnist", "fashion-mnist") for a number of
   * epochs with a seed: {@code classifiers/DATASET-v1-seedS-eE.npz} under the workbench's data root (the parent of
   * {@link Mnist#defaultDirectory()}, {@code ~/.cache/rlgan} or {@code $RLGAN_DATA}).
   */
  public static Path defaultCacheFile(String dataset, int epochs, long seed) {
    return Mnist.defaultDirectory().resolveSibling("classifiers")
        .resolve(dataset + "-v1-seed" + seed + "-e" + epochs + ".npz");
  }

  /**
   * The cache file of a classifier trained on {@code train}: {@link #defaultCacheFile} under the name {@code dataset}
   * when the split holds the whole training part (60,000 images), else under {@code dataset-nN-CRC} with the split's
   * size and a CRC-32 of its images and labels, so a classifier trained on a subset (the CI subset, a test's slice)
   * never takes the full data set's place in the cache.
   */
  public static Path cacheFileFor(String dataset, Mnist.Split train, int epochs, long seed) {
    if (train.size() == Mnist.Part.TRAIN.fullSize()) {
      return defaultCacheFile(dataset, epochs, seed);
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Mnist.PIXELS * 4 + 8);
    for (int i = 0; i < train.size(); i++) {
      buf.clear();
      for (float v : train.images(i, i + 1)) {
        buf.putFloat(v);
      }
      buf.putLong(train.label(i));
      crc.update(buf.array(), 0, buf.position());
    }
    return defaultCacheFile(String.format(java.util.Locale.ROOT, "%s-n%d-%08x", dataset, train.size(), crc.getValue()),
        epochs, seed);
  }

  /** Writes the weights ({@code .npz}) and the description ({@code .json}) through nets' {@link ParameterFiles}. */
  public void save(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    ParameterFiles.save(file, network, network.spec(), null);
  }

  /** The whole network, [n, 1, 28, 28] → logits [n, 10]. */
  public Sequential network() {
    return network;
  }

  /** [n, C, H, W] tanh outputs in [−1, 1] mapped to [0, 1] (a new array). */
  public static INDArray fromTanh(INDArray images) {
    return images.add(1.0).muli(0.5);
  }

  /** The 128 features (after the hidden layer's ReLU) of images [n, 1, 28, 28] in [0, 1], as rows [n][128]. */
  public double[][] features(INDArray images) {
    return rows(images, false);
  }

  /** Class probabilities softmax(logits) of images [n, 1, 28, 28] in [0, 1], as rows [n][10]. */
  public double[][] probabilities(INDArray images) {
    return rows(images, true);
  }

  /** The fraction of {@code data} whose most probable class is its label. */
  public double accuracy(Mnist.Split data) {
    return MnistCnn.accuracy(network, data);
  }

  private double[][] rows(INDArray images, boolean probabilities) {
    long[] s = images.shape();
    if (s.length != 4 || s[1] != 1 || s[2] != Mnist.ROWS || s[3] != Mnist.COLUMNS) {
      throw new IllegalArgumentException("MnistClassifier takes images [n, 1, 28, 28], got " + java.util.Arrays.toString(s));
    }
    int n = (int) s[0];
    double[][] out = new double[n][];
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      for (int from = 0; from < n; from += 500) {
        int to = Math.min(n, from + 500);
        INDArray batch = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).castTo(DataType.FLOAT);
        Tensor x = Tensor.constant(batch.dup());
        Tensor y = probabilities ? Ops.softmax(network.forward(x, ForwardContext.eval()), 1)
            : trunk.forward(x, ForwardContext.eval());
        INDArray v = y.value().castTo(DataType.DOUBLE);
        for (int i = from; i < to; i++) {
          out[i] = v.getRow(i - from).toDoubleVector();
        }
      }
    }
    return out;
  }
}
