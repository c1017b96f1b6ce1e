package org.rlgan.nets.learning;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Recurrent;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.loss.Mse;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.GradClip;
import org.rlgan.nets.optim.Optimizer;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997, experiment 4; in the form of Le, Jaitly and Hinton 2015):
 * each step carries a value drawn from U(0, 1) and a marker; exactly two steps are marked, one in the first half
 * of the sequence and one in the second, and the target is the sum of the two marked values. Predicting the mean
 * 1.0 gives MSE = Var(U₁ + U₂) = 1/6 ≈ 0.167; a network must remember a value across up to T steps to beat it.
 *
 * <p>The model is a one-layer recurrent network (many-to-one) and a dense read-out, trained with Adam on fresh
 * batches from a seeded generator and evaluated on a fixed held-out batch. Run as a program for longer runs:
 * {@code java -cp CLASSPATH org.rlgan.nets.learning.AddingProblem LSTM 50 32 3000 0.01 1 32}
 * (cell, length, hidden size, updates, learning rate, seed, batch size).
 */
public final class AddingProblem {
  private AddingProblem() {}

  /** A batch: inputs [n, T, 2] and targets [n, 1]. */
  record Batch(Tensor x, Tensor y) {}

  static Batch batch(SplittableRandom rng, int n, int steps) {
    float[] x = new float[n * steps * 2];
    float[] y = new float[n];
    int half = steps / 2;
    for (int b = 0; b < n; b++) {
      int first = rng.nextInt(half);
      int second = half + rng.nextInt(steps - half);
      for (int t = 0; t < steps; t++) {
        float v = (float) rng.nextDouble();
        x[(b * steps + t) * 2] = v;
        if (t == first || t == second) {
          x[(b * steps + t) * 2 + 1] = 1f;
          y[b] += v;
        }
      }
    }
    return new Batch(Tensor.of(x, n, steps, 2), Tensor.of(y, n, 1));
  }

  /** The result of a run: held-out MSE and the seconds it took. */
  record Result(double mse, double seconds, int updates) {}

  static Result train(Recurrent.Cell cell, int steps, int hidden, int batchSize, int updates, double lr, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential net = new Sequential(new long[] {steps, 2}, java.util.List.of(
        new Recurrent(cell, 2, hidden, 1, false, 0.0, DataType.FLOAT, rng),
        new Dense(hidden, 1, rng)));
    Optimizer adam = Adam.Config.of(lr).build();
    Mse mse = new Mse();
    Batch test = batch(new SplittableRandom(seed + 1000), 1000, steps);
    long t0 = System.nanoTime();
    for (int i = 0; i < updates; i++) {
      Batch b = batch(rng, batchSize, steps);
      net.zeroGrad();
      Tensor loss = mse.apply(net.forward(b.x(), ForwardContext.eval()), b.y());
      Autograd.backward(loss);
      GradClip.clipByGlobalNorm(net.parameters(), 1.0);
      adam.step(net.parameters());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double testMse;
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      testMse = mse.apply(net.forward(test.x(), ForwardContext.eval()), test.y()).item();
    }
    return new Result(testMse, seconds, updates);
  }

  public static void main(String[] args) {
    Recurrent.Cell cell = Recurrent.Cell.valueOf(args[0]);
    int steps = Integer.parseInt(args[1]);
    int hidden = Integer.parseInt(args[2]);
    int updates = Integer.parseInt(args[3]);
    double lr = Double.parseDouble(args[4]);
    long seed = Long.parseLong(args[5]);
    int batch = args.length > 6 ? Integer.parseInt(args[6]) : 32;
    Result r = train(cell, steps, hidden, batch, updates, lr, seed);
    System.out.printf(java.util.Locale.ROOT, "%s T=%d H=%d batch=%d updates=%d lr=%g seed=%d: test MSE %.5f "
        + "(baseline 0.167; %.1f s)%n", cell, steps, hidden, batch, updates, lr, seed, r.mse(), r.seconds());
  }
}
