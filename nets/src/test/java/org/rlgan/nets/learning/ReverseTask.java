package org.rlgan.nets.learning;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.Embedding;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.PositionalEncoding;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.layers.TimeDistributed;
import org.rlgan.nets.layers.TransformerEncoderBlock;
import org.rlgan.nets.loss.SoftmaxCrossEntropy;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/**
 * A small Transformer encoder learning to reverse sequences of digits: input (d₁, ..., d_T), target at position
 * t is d_{T+1−t}. The output at a position depends only on another position's token, so the network must route
 * information by position through attention; a per-token model can do no better than chance (1/vocabulary).
 * Embedding → learned positions → encoder blocks → a per-step dense read-out, cross-entropy per token, Adam.
 */
public final class ReverseTask {
  private ReverseTask() {}

  record Batch(Tensor ids, long[] targets) {}

  static Batch batch(SplittableRandom rng, int n, int steps, int vocab) {
    float[] ids = new float[n * steps];
    long[] targets = new long[n * steps];
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < steps; t++) {
        ids[b * steps + t] = rng.nextInt(vocab);
      }
      for (int t = 0; t < steps; t++) {
        targets[b * steps + t] = (long) ids[b * steps + steps - 1 - t];
      }
    }
    return new Batch(Tensor.of(ids, n, steps), targets);
  }

  record Result(double tokenAccuracy, double sequenceAccuracy, double seconds) {}

  static Sequential model(int steps, int vocab, int dim, int heads, int blocks, TransformerEncoderBlock.Norm norm,
      SplittableRandom rng) {
    Sequential.Builder b = Sequential.builder(new long[] {steps}, DataType.FLOAT, rng)
        .add(new Embedding(vocab, dim, DataType.FLOAT, rng))
        .add(new PositionalEncoding(PositionalEncoding.Kind.LEARNED, steps, dim, DataType.FLOAT, rng));
    for (int i = 0; i < blocks; i++) {
      b.add(new TransformerEncoderBlock(dim, heads, 2L * dim, 0.0, false, norm, DataType.FLOAT, rng));
    }
    return b.add(new TimeDistributed(new Dense(dim, vocab, rng))).build();
  }

  static Result train(int steps, int vocab, int dim, int heads, int blocks, TransformerEncoderBlock.Norm norm,
      int batchSize, int updates, double lr, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Sequential net = model(steps, vocab, dim, heads, blocks, norm, rng);
    Optimizer adam = Adam.Config.of(lr).build();
    SoftmaxCrossEntropy xent = new SoftmaxCrossEntropy();
    long t0 = System.nanoTime();
    for (int i = 0; i < updates; i++) {
      Batch b = batch(rng, batchSize, steps, vocab);
      net.zeroGrad();
      Tensor logits = Ops.reshape(net.forward(b.ids(), ForwardContext.eval()), (long) batchSize * steps, vocab);
      Autograd.backward(xent.apply(logits, b.targets()));
      adam.step(net.parameters());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Batch test = batch(new SplittableRandom(seed + 1000), 500, steps, vocab);
    return evaluate(net, test, steps, vocab, seconds);
  }

  static Result evaluate(Layer net, Batch test, int steps, int vocab, double seconds) {
    INDArray logits;
    try (Autograd.Scope ignored = Autograd.noGrad()) {
      logits = net.forward(test.ids(), ForwardContext.eval()).value();
    }
    INDArray pred = logits.argMax(2);
    int n = (int) test.ids().size(0);
    int right = 0;
    int rightSeq = 0;
    for (int b = 0; b < n; b++) {
      boolean all = true;
      for (int t = 0; t < steps; t++) {
        boolean ok = pred.getLong(b, t) == test.targets()[b * steps + t];
        right += ok ? 1 : 0;
        all &= ok;
      }
      rightSeq += all ? 1 : 0;
    }
    return new Result((double) right / (n * steps), (double) rightSeq / n, seconds);
  }

  public static void main(String[] args) {
    int steps = Integer.parseInt(args[0]);
    int vocab = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    int heads = Integer.parseInt(args[3]);
    int blocks = Integer.parseInt(args[4]);
    TransformerEncoderBlock.Norm norm = TransformerEncoderBlock.Norm.valueOf(args[5]);
    int updates = Integer.parseInt(args[6]);
    double lr = Double.parseDouble(args[7]);
    long seed = Long.parseLong(args[8]);
    int batch = Integer.parseInt(args[9]);
    Result r = train(steps, vocab, dim, heads, blocks, norm, batch, updates, lr, seed);
    System.out.printf(Locale.ROOT, "reverse T=%d V=%d dim=%d heads=%d blocks=%d %s updates=%d lr=%g batch=%d seed=%d: "
        + "token accuracy %.4f, sequence accuracy %.4f (%.1f s)%n", steps, vocab, dim, heads, blocks, norm, updates,
        lr, batch, seed, r.tokenAccuracy(), r.sequenceAccuracy(), r.seconds());
  }
}
