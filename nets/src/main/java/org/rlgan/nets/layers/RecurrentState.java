package org.rlgan.nets.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;

/**
 * The state of a stack of recurrent layers between calls: per layer, the hidden state h [n, H] and, for an
 * LSTM, the cell state c [n, H] (PyTorch's (h_n, c_n), as lists instead of a [layers, n, H] tensor).
 *
 * @param h the hidden states, one per layer (bottom first)
 * @param c the cell states, one per layer for an LSTM; empty for GRU and RNN layers
 */
public record RecurrentState(List<Tensor> h, List<Tensor> c) {
  public RecurrentState {
    if (h == null || h.isEmpty()) {
      throw new IllegalArgumentException("RecurrentState needs one hidden state per layer, got " + h);
    }
    c = c == null ? List.of() : List.copyOf(c);
    h = List.copyOf(h);
    if (!c.isEmpty() && c.size() != h.size()) {
      throw new IllegalArgumentException("RecurrentState: " + h.size() + " hidden states but " + c.size()
          + " cell states (give one per layer, or none for GRU and RNN layers)");
    }
  }

  /** Zero states for {@code layers} layers of size {@code hidden}, with cell states when {@code withCells}. */
  public static RecurrentState zeros(int layers, long n, long hidden, boolean withCells, DataType type) {
    List<Tensor> h = new ArrayList<>();
    List<Tensor> c = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      h.add(Tensor.constant(Nd4j.zeros(type, n, hidden)));
      if (withCells) {
        c.add(Tensor.constant(Nd4j.zeros(type, n, hidden)));
      }
    }
    return new RecurrentState(h, c);
  }

  public int layers() {
    return h.size();
  }

  /**
   * The same values cut off from the tape (constants sharing the arrays): the carry between chunks of truncated
   * back-propagation through time.
   */
  public RecurrentState detach() {
    return new RecurrentState(h.stream().map(Tensor::detach).toList(), c.stream().map(Tensor::detach).toList());
  }
}
