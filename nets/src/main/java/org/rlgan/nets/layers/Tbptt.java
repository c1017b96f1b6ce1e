package org.rlgan.nets.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.optim.Optimizer;

/**
 * Truncated back-propagation through time (Williams and Peng 1990; book §7.3), with k₁ = k₂ = {@code chunk}:
 * a long sequence is cut into chunks of {@code chunk} steps; each chunk runs forward from the state the
 * previous chunk left, its loss is back-propagated and the optimizer steps, and the state is then
 * {@link RecurrentState#detach() detached}, so gradients never cross a chunk boundary while the forward pass
 * still sees the whole history.
 *
 * <pre>{@code
 * Tbptt.Result r = new Tbptt(25).train(lstm, model, x, null, null, ForwardContext.eval(),
 *     (out, start, len) -> mse.apply(head.forward(out.outputs(), ctx), targetChunk(start, len)), adam);
 * }</pre>
 *
 * @param chunk steps per chunk, ≥ 1
 */
public record Tbptt(int chunk) {

  public Tbptt {
    if (chunk < 1) {
      throw new IllegalArgumentException("Tbptt: chunk must be >= 1 steps, got " + chunk);
    }
  }

  /** The loss of one chunk from its recurrent outputs; {@code start} and {@code length} locate it in time. */
  @FunctionalInterface
  public interface ChunkLoss {
    Tensor loss(SequenceOutput out, long start, long length);
  }

  /**
   * The per-chunk losses and the state after the last chunk (detached).
   *
   * @param losses one value per chunk, in order
   */
  public record Result(double[] losses, RecurrentState state) {}

  /**
   * One pass over a batch of long sequences, one optimizer step per chunk.
   *
   * @param rnn the recurrent stack
   * @param model every trained module (the stack and any head); its gradients are zeroed before each chunk
   * @param x inputs [n, T, features]
   * @param mask [n, T] padding mask, or null
   * @param initial the state before the first step, or null for zeros
   * @param loss the loss of a chunk
   * @param optimizer stepped once per chunk over {@code model.parameters()}
   */
  public Result train(Recurrent rnn, Module model, Tensor x, INDArray mask, RecurrentState initial,
      ForwardContext ctx, ChunkLoss loss, Optimizer optimizer) {
    if (x.rank() != 3) {
      throw new ShapeException("Tbptt takes batches [n, T, features], got " + Arrays.toString(x.shape()));
    }
    long steps = x.size(1);
    int chunks = (int) ((steps + chunk - 1) / chunk);
    double[] losses = new double[chunks];
    RecurrentState state = initial == null ? null : initial.detach();
    Tensor input = x.detach();
    for (int k = 0; k < chunks; k++) {
      long start = (long) k * chunk;
      long len = Math.min(chunk, steps - start);
      Tensor xc = Ops.narrow(input, 1, start, len);
      INDArray mc = mask == null ? null
          : mask.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + len)).dup('c');
      model.zeroGrad();
      SequenceOutput out = rnn.forward(xc, mc, state, ctx);
      Tensor l = loss.loss(out, start, len);
      Autograd.backward(l);
      optimizer.step(model.parameters());
      losses[k] = l.item();
      state = out.state().detach();
    }
    return new Result(losses, state);
  }
}
