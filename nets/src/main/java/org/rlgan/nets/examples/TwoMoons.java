package org.rlgan.nets.examples;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.SoftmaxCrossEntropy;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * The nets API end to end (README's example): a 2-32-32-2 ReLU network learns the two-moons problem with
 * Adam and softmax cross-entropy, reports test accuracy, and saves its parameters as {@code .npz} + JSON.
 *
 * <pre>mvn -B -ntp -q -pl nets exec:exec [-Dexample.args="SEED OUT.npz"]</pre>
 */
public final class TwoMoons {
  private TwoMoons() {}

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 0;
    java.nio.file.Path out = java.nio.file.Path.of(args.length > 1 ? args[1] : "target/two-moons.npz");
    SplittableRandom rng = new SplittableRandom(seed);

    Sequential net = Sequential.builder(new long[] {2}, DataType.FLOAT, rng)
        .dense(32).relu().dense(32).relu().dense(2).build();
    System.out.print(net.summary());
    Optimizer adam = Adam.Config.of(0.01).build();
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    float[][] train = moons(2000, 0.15, rng);
    float[][] test = moons(1000, 0.15, rng);
    int batch = 64;
    for (int epoch = 1; epoch <= 20; epoch++) {
      double sum = 0;
      int steps = 0;
      for (int start = 0; start + batch <= 2000; start += batch) {
        float[] xb = java.util.Arrays.copyOfRange(train[0], 2 * start, 2 * (start + batch));
        long[] yb = new long[batch];
        for (int k = 0; k < batch; k++) {
          yb[k] = (long) train[1][start + k];
        }
        net.zeroGrad();                                                   // clear accumulated gradients
        Tensor l = loss.apply(net.forward(Tensor.of(xb, batch, 2), ForwardContext.train(rng)), yb);
        Autograd.backward(l);                                             // reverse mode over the tape
        adam.step(net.parameters());                                      // in-place update
        sum += l.item();
        steps++;
      }
      if (epoch % 5 == 0) {
        System.out.printf("epoch %2d  mean loss %.4f  test accuracy %.3f%n", epoch, sum / steps, accuracy(net, test));
      }
    }
    java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
    ParameterFiles.save(out, net, net.spec(), adam);
    System.out.println("saved " + out + " and " + ParameterFiles.descriptionOf(out));
  }

  private static double accuracy(Sequential net, float[][] data) {
    int n = data[1].length;
    INDArray predicted;
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      predicted = Nd4j.argMax(net.forward(Tensor.of(data[0], n, 2), ForwardContext.eval()).value(), 1);
    }
    int correct = 0;
    for (int i = 0; i < n; i++) {
      correct += predicted.getLong(i) == (long) data[1][i] ? 1 : 0;
    }
    return correct / (double) n;
  }

  /**
   * sklearn's make_moons with angles drawn at random: two interleaved half circles plus Gaussian noise of
   * standard deviation {@code noise}. Returns {points [2n] row-major (x, y), labels [n] as 0/1}.
   */
  public static float[][] moons(int n, double noise, SplittableRandom rng) {
    float[] xs = new float[2 * n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      double t = rng.nextDouble(0, Math.PI);
      int label = rng.nextInt(2);
      xs[2 * i] = (float) ((label == 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.nextGaussian());
      xs[2 * i + 1] = (float) ((label == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.nextGaussian());
      labels[i] = label;
    }
    return new float[][] {xs, labels};
  }
}
