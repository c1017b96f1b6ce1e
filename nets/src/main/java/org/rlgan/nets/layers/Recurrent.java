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

/**
 * A stack of recurrent layers over batch-first sequences [n, T, input] (book chapter 7; PyTorch's
 * {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU} with {@code batch_first=True}): a tanh RNN (Elman 1990),
 * an LSTM (Hochreiter and Schmidhuber 1997, with forget gate) or a GRU (Cho et al. 2014), with PyTorch's
 * equations and gate order (see {@link Ops#lstm}, {@link Ops#gru}, {@link Ops#rnnTanh}).
 *
 * <p>Parameters per layer l, named as PyTorch's: {@code weight_ih_l<l>} [in, G·H], {@code weight_hh_l<l>}
 * [H, G·H], {@code bias_ih_l<l>} and {@code bias_hh_l<l>} [G·H], with G = 4 (i, f, g, o) for an LSTM, 3 (r, z,
 * n) for a GRU, 1 for an RNN. The weights are PyTorch's transposed ([in, out], as {@link Dense}'s), so
 * {@code weight_ih_l0 = torch_lstm.weight_ih_l0.T}. All start as U(−1/√H, 1/√H), as PyTorch's.
 *
 * <p>Two ways to call it:
 * <ul>
 *   <li>{@link #forward(Tensor, ForwardContext)} (the {@link Layer} contract, for a {@link Sequential}):
 *       zero initial state, no padding; returns the outputs [n, T, H] when {@code returnSequences}
 *       (many-to-many), else the last hidden state [n, H] (many-to-one).</li>
 *   <li>{@link #forward(Tensor, INDArray, RecurrentState, ForwardContext)}: a padding mask [n, T] (1 = real
 *       step, 0 = padding; a padded step keeps the previous state and outputs zero), an initial state, and
 *       both the outputs and the final state back. Truncated back-propagation through time carries
 *       {@link RecurrentState#detach()} between chunks (see {@link Tbptt}).</li>
 * </ul>
 *
 * <p>With several layers, each layer's outputs are the next one's inputs, with inverted dropout between layers
 * (not after the last) in training mode, as PyTorch's {@code dropout} argument.
 */
public final class Recurrent implements Layer {

  /** The recurrent cell: its gate count G and equations. */
  public enum Cell {
    /** h_t = tanh(x W_ih + b_ih + h W_hh + b_hh). */
    RNN_TANH(1),
    /** Gates i, f, g, o; state (h, c). */
    LSTM(4),
    /** Gates r, z, n with r applied to (h W_hn + b_hn). */
    GRU(3);

    private final int gates;

    Cell(int gates) {
      this.gates = gates;
    }

    public int gates() {
      return gates;
    }
  }

  private final Cell cell;
  private final long inputSize;
  private final long hiddenSize;
  private final int numLayers;
  private final boolean returnSequences;
  private final double dropout;
  private final List<Tensor[]> weights = new ArrayList<>(); // per layer: W_ih, W_hh, b_ih, b_hh

  /**
   * @param cell the cell type
   * @param inputSize input features per step, ≥ 1
   * @param hiddenSize hidden units per layer, ≥ 1
   * @param numLayers stacked layers, ≥ 1
   * @param returnSequences whether {@link #forward(Tensor, ForwardContext)} returns every step's output
   *     [n, T, H] (true) or the last hidden state [n, H]
   * @param dropout dropout probability between layers in training, in [0, 1)
   */
  public Recurrent(Cell cell, long inputSize, long hiddenSize, int numLayers, boolean returnSequences,
      double dropout, DataType type, RandomGenerator rng) {
    if (cell == null) {
      throw new IllegalArgumentException("Recurrent: cell must be one of " + Arrays.toString(Cell.values()));
    }
    if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
      throw new ShapeException("Recurrent needs inputSize >= 1, hiddenSize >= 1 and numLayers >= 1, got "
          + inputSize + ", " + hiddenSize + ", " + numLayers);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("Recurrent: dropout must be in [0, 1), got " + dropout);
    }
    this.cell = cell;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.returnSequences = returnSequences;
    this.dropout = dropout;
    long g = cell.gates * hiddenSize;
    double bound = 1.0 / Math.sqrt(hiddenSize);
    for (int l = 0; l < numLayers; l++) {
      long in = l == 0 ? inputSize : hiddenSize;
      weights.add(new Tensor[] {
          Tensor.parameter("weight_ih_l" + l, SequenceSupport.uniform(new long[] {in, g}, bound, type, rng)),
          Tensor.parameter("weight_hh_l" + l, SequenceSupport.uniform(new long[] {hiddenSize, g}, bound, type, rng)),
          Tensor.parameter("bias_ih_l" + l, SequenceSupport.uniform(new long[] {g}, bound, type, rng)),
          Tensor.parameter("bias_hh_l" + l, SequenceSupport.uniform(new long[] {g}, bound, type, rng))});
    }
  }

  /** One float32 LSTM layer returning every step's output. */
  public static Recurrent lstm(long inputSize, long hiddenSize, RandomGenerator rng) {
    return new Recurrent(Cell.LSTM, inputSize, hiddenSize, 1, true, 0.0, DataType.FLOAT, rng);
  }

  /** One float32 GRU layer returning every step's output. */
  public static Recurrent gru(long inputSize, long hiddenSize, RandomGenerator rng) {
    return new Recurrent(Cell.GRU, inputSize, hiddenSize, 1, true, 0.0, DataType.FLOAT, rng);
  }

  /** One float32 tanh RNN layer returning every step's output. */
  public static Recurrent rnn(long inputSize, long hiddenSize, RandomGenerator rng) {
    return new Recurrent(Cell.RNN_TANH, inputSize, hiddenSize, 1, true, 0.0, DataType.FLOAT, rng);
  }

  public Cell cell() {
    return cell;
  }

  public long inputSize() {
    return inputSize;
  }

  public long hiddenSize() {
    return hiddenSize;
  }

  public int numLayers() {
    return numLayers;
  }

  public boolean returnSequences() {
    return returnSequences;
  }

  /** The outputs [n, T, H] (returnSequences) or the last hidden state [n, H]; zero initial state, no mask. */
  @Override
  public Tensor forward(Tensor x, ForwardContext ctx) {
    SequenceOutput out = forward(x, null, null, ctx);
    return returnSequences ? out.outputs() : out.last();
  }

  /**
   * Runs the stack over a batch.
   *
   * @param x inputs [n, T, inputSize]
   * @param mask [n, T] of 1 (a real step) and 0 (padding), or null for none. A padded step keeps the previous
   *     state and its output is zero, so with padding at the end {@link SequenceOutput#last()} is each row's
   *     last real step's hidden state
   * @param initial the state before the first step (per layer [n, H]; cells for an LSTM), or null for zeros
   * @return the top layer's outputs [n, T, H] and the final state of every layer
   */
  public SequenceOutput forward(Tensor x, INDArray mask, RecurrentState initial, ForwardContext ctx) {
    SequenceSupport.checkSequence(toString(), x, inputSize);
    SequenceSupport.checkMask(toString(), mask, x);
    long n = x.size(0);
    long steps = x.size(1);
    DataType type = weights.get(0)[0].dataType();
    if (x.dataType() != type) {
      throw new IllegalArgumentException(this + ": input is " + x.dataType() + ", parameters are " + type);
    }
    RecurrentState init = initial != null ? initial
        : RecurrentState.zeros(numLayers, n, hiddenSize, cell == Cell.LSTM, type);
    checkState(init, n);
    Tensor mask3 = mask == null ? null : SequenceSupport.mask3(mask, type);
    List<Tensor> hs = new ArrayList<>();
    List<Tensor> cs = new ArrayList<>();
    Tensor in = x;
    for (int l = 0; l < numLayers; l++) {
      Tensor[] w = weights.get(l);
      Tensor h0 = init.h().get(l);
      Tensor hSeq;
      if (cell == Cell.LSTM) {
        Tensor states = Ops.lstm(in, h0, init.c().get(l), w[0], w[1], w[2], w[3], mask);
        hSeq = Ops.narrow(states, 2, 0, hiddenSize);
        cs.add(Ops.reshape(Ops.narrow(Ops.narrow(states, 1, steps - 1, 1), 2, hiddenSize, hiddenSize), n,
            hiddenSize));
      } else if (cell == Cell.GRU) {
        hSeq = Ops.gru(in, h0, w[0], w[1], w[2], w[3], mask);
      } else {
        hSeq = Ops.rnnTanh(in, h0, w[0], w[1], w[2], w[3], mask);
      }
      hs.add(Ops.reshape(Ops.narrow(hSeq, 1, steps - 1, 1), n, hiddenSize));
      Tensor out = mask3 == null ? hSeq : Ops.mul(hSeq, mask3);
      in = l + 1 < numLayers ? SequenceSupport.dropout(out, dropout, ctx) : out;
    }
    return new SequenceOutput(in, new RecurrentState(hs, cs));
  }

  private void checkState(RecurrentState s, long n) {
    if (s.layers() != numLayers || (cell == Cell.LSTM) != !s.c().isEmpty()) {
      throw new ShapeException(this + ": the initial state must have " + numLayers + " hidden states"
          + (cell == Cell.LSTM ? " and as many cell states" : " and no cell states") + ", got " + s.layers()
          + " and " + s.c().size());
    }
    List<Tensor> all = new ArrayList<>(s.h());
    all.addAll(s.c());
    for (Tensor t : all) {
      if (t.rank() != 2 || t.size(0) != n || t.size(1) != hiddenSize) {
        throw new ShapeException(this + ": initial states must be [" + n + ", " + hiddenSize + "], got "
            + Arrays.toString(t.shape()));
      }
    }
  }

  @Override
  public long[] outputShape(long[] inputShape) {
    if (inputShape.length != 2 || inputShape[1] != inputSize || inputShape[0] < 1) {
      throw new ShapeException(this + " takes per-sample sequences [T, " + inputSize + "], got "
          + Arrays.toString(inputShape));
    }
    return returnSequences ? new long[] {inputShape[0], hiddenSize} : new long[] {hiddenSize};
  }

  @Override
  public LinkedHashMap<String, Tensor> namedParameters() {
    LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
    for (Tensor[] w : weights) {
      for (Tensor t : w) {
        m.put(t.name(), t);
      }
    }
    return m;
  }

  @Override
  public LayerSpec spec() {
    return new LayerSpec.RecurrentSpec(cell, inputSize, hiddenSize, numLayers, returnSequences, dropout);
  }

  @Override
  public String toString() {
    return cell + "(" + inputSize + " -> " + hiddenSize + (numLayers > 1 ? ", " + numLayers + " layers" : "")
        + (returnSequences ? ", sequences" : ", last") + ")";
  }
}
