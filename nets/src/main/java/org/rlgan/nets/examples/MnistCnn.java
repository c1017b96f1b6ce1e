package org.rlgan.nets.examples;

import java.io.IOException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.data.Mnist;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.SoftmaxCrossEntropy;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.LrSchedule;
import org.rlgan.nets.optim.Optimizer;

/**
 * A small convolutional network learns MNIST (LeCun et al. 1998, in the spirit of LeNet-5):
 * Conv 3×3 → ReLU → MaxPool 2 → Conv 3×3 → ReLU → MaxPool 2 → Dense 10, softmax cross-entropy, Adam.
 * Prints the network, then per epoch the mean training loss, the test accuracy and the time.
 *
 * <pre>
 * scripts/fetch-mnist.sh                                  # once: the original files into ~/.cache/rlgan/mnist
 * mvn -B -ntp -q install -DskipTests
 * mvn -B -ntp -q -pl nets exec:exec -Dexample=org.rlgan.nets.examples.MnistCnn [-Dexample.args="EPOCHS SEED"]
 * </pre>
 *
 * The static methods are the training loop of {@code MnistLearningTest}, which runs it on a subset in
 * {@code src/test/resources/mnist}.
 */
public final class MnistCnn {
  private MnistCnn() {}

  /**
   * The hyperparameters.
   *
   * @param channels1 output channels of the first convolution, ≥ 1
   * @param channels2 output channels of the second convolution, ≥ 1
   * @param epochs passes over the training digits, ≥ 1
   * @param batchSize digits per Adam step, ≥ 1 (the last batch of an epoch may be smaller)
   * @param learningRate Adam's step size, in (0, 1]
   * @param seed seeds the initial weights and the shuffles
   */
  public record Config(int channels1, int channels2, int epochs, int batchSize, double learningRate, long seed) {
    public Config {
      positive("channels1", channels1);
      positive("channels2", channels2);
      positive("epochs", epochs);
      positive("batchSize", batchSize);
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
      }
    }

    private static void positive(String field, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(field + " must be >= 1, got " + value);
      }
    }

    /** The full run's settings: 16 and 32 channels, 3 epochs of batches of 64, Adam from 2e-3 (cosine decay), seed 0. */
    public static Config defaults() {
      return new Config(16, 32, 3, 64, 2e-3, 0);
    }

    public Config withEpochs(int e) {
      return new Config(channels1, channels2, e, batchSize, learningRate, seed);
    }

    public Config withSeed(long s) {
      return new Config(channels1, channels2, epochs, batchSize, learningRate, s);
    }
  }

  /** Called after each epoch; return false to stop training. */
  @FunctionalInterface
  public interface EpochListener {
    boolean onEpoch(int epoch, double meanLoss, double seconds);
  }

  /**
   * The network: [n, 1, 28, 28] → logits [n, 10]. Both convolutions are 3×3 with padding 1, so the maps are
   * 28 → 14 → 7 after the pools, and the dense layer sees channels2·7·7 features.
   */
  public static Sequential model(Config config, RandomGenerator rng) {
    return Sequential.builder(Mnist.SAMPLE_SHAPE, DataType.FLOAT, rng)
        .conv2d(config.channels1(), 3, 1, 1).relu().maxPool2d(2)
        .conv2d(config.channels2(), 3, 1, 1).relu().maxPool2d(2)
        .flatten().dense(Mnist.CLASSES)
        .build();
  }

  /**
   * Adam (Kingma and Ba 2015) whose learning rate falls from {@code config.learningRate()} to 0 along a cosine
   * over the whole run (Loshchilov and Hutter 2017, without restarts): the late, small steps settle the
   * weights, so the final accuracy varies less with the seed than with a constant rate.
   */
  public static Optimizer optimizer(Config config, int trainSize) {
    long steps = (long) config.epochs() * ((trainSize + config.batchSize() - 1) / config.batchSize());
    return Adam.Config.of(new LrSchedule.Cosine(config.learningRate(), 0.0, steps)).build();
  }

  /**
   * Trains for {@code config.epochs()} epochs, each a pass over the digits in a new random order drawn from
   * {@code rng} (Fisher–Yates), one Adam step per batch. Same generator state, same machine: the same weights.
   */
  public static void train(Sequential net, Optimizer optimizer, Mnist.Split data, Config config,
      RandomGenerator rng, EpochListener listener) {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      long start = System.nanoTime();
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double sum = 0;
      int steps = 0;
      for (int from = 0; from < n; from += config.batchSize()) {
        int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
        Tensor x = Tensor.of(data.images(idx), idx.length, 1, Mnist.ROWS, Mnist.COLUMNS);
        net.zeroGrad();
        Tensor l = loss.apply(net.forward(x, ForwardContext.train(rng)), data.labels(idx));
        Autograd.backward(l);
        optimizer.step(net.parameters());
        sum += l.item();
        steps++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (listener != null && !listener.onEpoch(epoch, sum / steps, seconds)) {
        return;
      }
    }
  }

  /** The fraction of digits whose largest logit is at their label, evaluated in batches of 500 without a tape. */
  public static double accuracy(Sequential net, Mnist.Split data) {
    int n = data.size();
    int correct = 0;
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      for (int from = 0; from < n; from += 500) {
        int to = Math.min(n, from + 500);
        Tensor x = Tensor.of(data.images(from, to), to - from, 1, Mnist.ROWS, Mnist.COLUMNS);
        INDArray predicted = Nd4j.argMax(net.forward(x, ForwardContext.eval()).value(), 1);
        long[] labels = data.labels(from, to);
        for (int i = 0; i < labels.length; i++) {
          correct += predicted.getLong(i) == labels[i] ? 1 : 0;
        }
      }
    }
    return correct / (double) n;
  }

  public static void main(String[] args) throws IOException {
    Config config = Config.defaults();
    if (args.length > 0) {
      config = config.withEpochs(Integer.parseInt(args[0]));
    }
    if (args.length > 1) {
      config = config.withSeed(Long.parseLong(args[1]));
    }
    long t0 = System.nanoTime();
    Mnist.Split train = Mnist.load(Mnist.Part.TRAIN);
    Mnist.Split test = Mnist.load(Mnist.Part.TEST);
    System.out.printf(Locale.ROOT, "MNIST from %s: %,d training, %,d test digits (%.1f s to load)%n",
        Mnist.defaultDirectory(), train.size(), test.size(), (System.nanoTime() - t0) / 1e9);
    System.out.println(config);

    SplittableRandom rng = new SplittableRandom(config.seed());
    Sequential net = model(config, rng);
    System.out.print(net.summary());
    Optimizer adam = optimizer(config, train.size());
    long start = System.nanoTime();
    double[] lastAccuracy = {Double.NaN};
    train(net, adam, train, config, rng, (epoch, meanLoss, seconds) -> {
      long evalStart = System.nanoTime();
      lastAccuracy[0] = accuracy(net, test);
      System.out.printf(Locale.ROOT, "epoch %d  mean loss %.4f  test accuracy %.4f  train %.1f s  eval %.1f s%n",
          epoch, meanLoss, lastAccuracy[0], seconds, (System.nanoTime() - evalStart) / 1e9);
      return true;
    });
    System.out.printf(Locale.ROOT, "final test accuracy %.4f (%d of %d), %.1f s in all%n", lastAccuracy[0],
        Math.round(lastAccuracy[0] * test.size()), test.size(), (System.nanoTime() - start) / 1e9);
  }
}
