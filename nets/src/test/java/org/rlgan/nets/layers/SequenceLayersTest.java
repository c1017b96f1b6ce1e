package org.rlgan.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;
import org.rlgan.nets.optim.Sgd;

/**
 * Gradient checks (float64, central differences) of the sequence layers with their options, and the behaviour
 * of masks, initial and final states and truncated BPTT.
 */
class SequenceLayersTest {
  private static final DataType D = DataType.DOUBLE;

  private static INDArray rand(SplittableRandom rng, long... shape) {
    INDArray a = Nd4j.create(D, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a;
  }

  /** Padded tails of lengths 0, 1, 2, ... and, in the last row, a gap at step 1. */
  static INDArray mask(int n, int steps) {
    INDArray m = Nd4j.ones(D, n, steps);
    for (int b = 1; b < n; b++) {
      for (int t = Math.max(1, steps - b); t < steps; t++) {
        m.putScalar(b, t, 0.0);
      }
    }
    m.putScalar(n - 1, 1, 0.0);
    return m;
  }

  private static void assertPasses(Supplier<Tensor> loss, List<Tensor> wrt, String what) {
    GradCheck.Result r = GradCheck.standard().check(loss, wrt);
    assertTrue(r.passed(), what + ": " + r);
  }

  private static Tensor weighted(Tensor y, INDArray w) {
    return Ops.sum(Ops.mul(y, Tensor.constant(w)));
  }

  @ParameterizedTest
  @EnumSource(Recurrent.Cell.class)
  void recurrentGradientsWithEveryOption(Recurrent.Cell cell) {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 3;
    int steps = 4;
    for (int layers : new int[] {1, 2}) {
      for (boolean masked : new boolean[] {false, true}) {
        Recurrent rnn = new Recurrent(cell, 2, 3, layers, true, 0.3, D, rng);
        Tensor x = Tensor.variable(rand(rng, n, steps, 2));
        INDArray m = masked ? mask(n, steps) : null;
        List<Tensor> h0 = new ArrayList<>();
        List<Tensor> c0 = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
          h0.add(Tensor.variable(rand(rng, n, 3)));
          if (cell == Recurrent.Cell.LSTM) {
            c0.add(Tensor.variable(rand(rng, n, 3)));
          }
        }
        RecurrentState init = new RecurrentState(h0, c0);
        INDArray wOut = rand(rng, n, steps, 3);
        INDArray wLast = rand(rng, n, 3);
        INDArray wCell = rand(rng, n, 3);
        // Outputs, every layer's final h, and the final c: all paths of the layer.
        Supplier<Tensor> loss = () -> {
          SequenceOutput out = rnn.forward(x, m, init, ForwardContext.eval());
          Tensor l = weighted(out.outputs(), wOut);
          for (Tensor h : out.state().h()) {
            l = Ops.add(l, weighted(h, wLast));
          }
          for (Tensor c : out.state().c()) {
            l = Ops.add(l, weighted(c, wCell));
          }
          return l;
        };
        List<Tensor> wrt = new ArrayList<>(rnn.parameters());
        wrt.add(x);
        wrt.addAll(h0);
        wrt.addAll(c0);
        assertPasses(loss, wrt, rnn + (masked ? " masked" : ""));
      }
    }
    // Training mode with inter-layer dropout, the generator reseeded per evaluation.
    Recurrent rnn = new Recurrent(cell, 2, 3, 2, false, 0.4, D, rng);
    Tensor x = Tensor.variable(rand(rng, n, steps, 2));
    INDArray w = rand(rng, n, 3);
    List<Tensor> wrt = new ArrayList<>(rnn.parameters());
    wrt.add(x);
    assertPasses(() -> weighted(rnn.forward(x, ForwardContext.train(new SplittableRandom(9))), w), wrt,
        rnn + " training");
  }

  @ParameterizedTest
  @EnumSource(Recurrent.Cell.class)
  void paddedStepsKeepTheStateAndOutputZero(Recurrent.Cell cell) {
    SplittableRandom rng = new SplittableRandom(4);
    Recurrent rnn = new Recurrent(cell, 2, 5, 2, true, 0.0, D, rng);
    INDArray x = rand(rng, 3, 6, 2);
    INDArray m = Nd4j.ones(D, 3, 6);
    for (int t = 4; t < 6; t++) {
      m.putScalar(1, t, 0);                 // row 1 has 4 real steps
    }
    for (int t = 2; t < 6; t++) {
      m.putScalar(2, t, 0);                 // row 2 has 2
    }
    SequenceOutput out = rnn.forward(Tensor.constant(x), m, null, ForwardContext.eval());
    assertEquals(0.0, out.outputs().value().get(NDArrayIndex.point(1), NDArrayIndex.interval(4, 6),
        NDArrayIndex.all()).sumNumber().doubleValue(), 0.0);
    assertEquals(0.0, out.outputs().value().get(NDArrayIndex.point(2), NDArrayIndex.interval(2, 6),
        NDArrayIndex.all()).amaxNumber().doubleValue(), 0.0);
    // Many-to-one gives each row's last real step: the same as running its unpadded prefix alone.
    int[] lengths = {6, 4, 2};
    for (int b = 0; b < 3; b++) {
      INDArray alone = x.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all())
          .dup('c');
      SequenceOutput ref = rnn.forward(Tensor.constant(alone), null, null, ForwardContext.eval());
      for (int l = 0; l < 2; l++) {
        assertTrue(ref.state().h().get(l).value().getRow(0)
            .equalsWithEps(out.state().h().get(l).value().getRow(b), 1e-12), "row " + b + " layer " + l);
        if (cell == Recurrent.Cell.LSTM) {
          assertTrue(ref.state().c().get(l).value().getRow(0)
              .equalsWithEps(out.state().c().get(l).value().getRow(b), 1e-12), "cell row " + b);
        }
      }
      assertTrue(ref.outputs().value().get(NDArrayIndex.point(0), NDArrayIndex.point(lengths[b] - 1), NDArrayIndex.all())
          .equalsWithEps(out.last().value().getRow(b), 1e-12));
    }
    // The plain Layer forward: many-to-one is the last hidden state, many-to-many the outputs.
    Recurrent last = new Recurrent(cell, 2, 5, 1, false, 0.0, D, new SplittableRandom(8));
    assertArrayEquals(new long[] {3, 5}, last.forward(Tensor.constant(x), ForwardContext.eval()).shape());
    assertArrayEquals(new long[] {5}, last.outputShape(new long[] {6, 2}));
    assertArrayEquals(new long[] {6, 5}, rnn.outputShape(new long[] {6, 2}));
  }

  @Test
  void masksAndStatesAreValidated() {
    SplittableRandom rng = new SplittableRandom(5);
    Recurrent lstm = new Recurrent(Recurrent.Cell.LSTM, 2, 3, 1, true, 0.0, D, rng);
    Tensor x = Tensor.constant(rand(rng, 2, 4, 2));
    INDArray bad = Nd4j.ones(D, 2, 4);
    bad.putScalar(1, 2, 0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lstm.forward(x, bad, null, ForwardContext.eval()));
    assertTrue(e.getMessage().contains("0.5") && e.getMessage().contains("[1, 2]"), e.getMessage());
    assertThrows(ShapeException.class, () -> lstm.forward(x, Nd4j.ones(D, 2, 3), null, ForwardContext.eval()));
    assertThrows(ShapeException.class, () -> lstm.forward(x, null,
        RecurrentState.zeros(1, 2, 3, false, D), ForwardContext.eval()));
    assertThrows(ShapeException.class, () -> lstm.forward(Tensor.constant(rand(rng, 2, 4, 3)), ForwardContext.eval()));
    assertThrows(ShapeException.class, () -> lstm.outputShape(new long[] {4, 3}));
    assertThrows(IllegalArgumentException.class, () -> new Recurrent(Recurrent.Cell.GRU, 2, 3, 1, true, 1.0, D, rng));
  }

  @Test
  void tbpttCarriesTheStateButNotTheGradient() {
    SplittableRandom rng = new SplittableRandom(6);
    Recurrent lstm = new Recurrent(Recurrent.Cell.LSTM, 2, 4, 2, true, 0.0, D, rng);
    Recurrent copy = (Recurrent) lstm.spec().build(D, rng);
    Models.copyParameters(lstm, copy);
    Tensor x = Tensor.constant(rand(rng, 3, 10, 2));
    INDArray target = rand(rng, 3, 10, 4);
    // lr 0: the parameters stay put, so chunked and full forward passes must agree on the final state.
    Tbptt.Result r = new Tbptt(3).train(lstm, lstm, x, null, null, ForwardContext.eval(),
        (out, start, len) -> Ops.mean(Ops.square(Ops.sub(out.outputs(),
            Tensor.constant(target.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + len),
                NDArrayIndex.all()).dup('c'))))),
        Sgd.Config.of(0.0).build());
    assertEquals(4, r.losses().length);
    SequenceOutput full = copy.forward(x, null, null, ForwardContext.eval());
    for (int l = 0; l < 2; l++) {
      assertTrue(full.state().h().get(l).value().equalsWithEps(r.state().h().get(l).value(), 1e-12));
      assertTrue(full.state().c().get(l).value().equalsWithEps(r.state().c().get(l).value(), 1e-12));
      assertFalse(r.state().h().get(l).requiresGrad(), "the carried state is detached");
    }
    // The last chunk's gradient equals that of a fresh forward from the detached state, not of the full unroll.
    lstm.zeroGrad();
    SequenceOutput firstPart = lstm.forward(Ops.narrow(x, 1, 0, 9), null, null, ForwardContext.eval());
    Tensor lastChunk = lstm.forward(Ops.narrow(x, 1, 9, 1), null, firstPart.state().detach(), ForwardContext.eval())
        .outputs();
    Autograd.backward(Ops.sum(lastChunk));
    INDArray truncated = lstm.parameters().get(0).grad().dup();
    lstm.zeroGrad();
    Autograd.backward(Ops.sum(Ops.narrow(lstm.forward(x, ForwardContext.eval()), 1, 9, 1)));
    INDArray fullGrad = lstm.parameters().get(0).grad().dup();
    assertFalse(truncated.equalsWithEps(fullGrad, 1e-6), "detaching must cut the gradient path");
    assertThrows(IllegalArgumentException.class, () -> new Tbptt(0));
  }

  @Test
  void embeddingAndTimeDistributedGradients() {
    SplittableRandom rng = new SplittableRandom(7);
    Embedding emb = new Embedding(5, 3, D, rng);
    Tensor ids = Tensor.of(new double[] {0, 4, 4, 1, 2, 0}, 2, 3);
    assertArrayEquals(new long[] {2, 3, 3}, emb.forward(ids, ForwardContext.eval()).shape());
    assertArrayEquals(new long[] {3, 3}, emb.outputShape(new long[] {3}));
    INDArray w = rand(rng, 2, 3, 3);
    assertPasses(() -> weighted(emb.forward(ids, ForwardContext.eval()), w), emb.parameters(), "embedding");
    // A row looked up twice gets both gradients; an unused row none.
    Autograd.backward(weighted(emb.forward(ids, ForwardContext.eval()), Nd4j.ones(D, 2, 3, 3)));
    assertEquals(6.0, emb.weight().grad().getRow(4).sumNumber().doubleValue(), 1e-12);
    assertEquals(0.0, emb.weight().grad().getRow(3).sumNumber().doubleValue(), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> emb.forward(Tensor.of(new double[] {1, 5}, 1, 2), ForwardContext.eval()));
    assertTrue(e.getMessage().contains("5.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.of(new double[] {1.5}, 1, 1), ForwardContext.eval()));

    TimeDistributed td = new TimeDistributed(new Dense(3, 2, true, Dense.DEFAULT_WEIGHT_INIT,
        new org.rlgan.nets.init.Constant(0.1), D, rng));
    Tensor x = Tensor.variable(rand(rng, 2, 4, 3));
    INDArray w2 = rand(rng, 2, 4, 2);
    List<Tensor> wrt = new ArrayList<>(td.parameters());
    wrt.add(x);
    assertPasses(() -> weighted(td.forward(x, ForwardContext.eval()), w2), wrt, "time distributed");
    assertArrayEquals(new long[] {4, 2}, td.outputShape(new long[] {4, 3}));
    assertTrue(td.namedParameters().containsKey("layer.weight"));
  }

  @Test
  void attentionGradientsCausalMaskedAndCross() {
    SplittableRandom rng = new SplittableRandom(8);
    for (boolean causal : new boolean[] {false, true}) {
      for (boolean masked : new boolean[] {false, true}) {
        MultiHeadAttention mha = new MultiHeadAttention(4, 2, 0.0, causal, D, rng);
        Tensor x = Tensor.variable(rand(rng, 2, 3, 4));
        INDArray m = masked ? mask(2, 3) : null;
        INDArray w = rand(rng, 2, 3, 4);
        List<Tensor> wrt = new ArrayList<>(mha.parameters());
        wrt.add(x);
        assertPasses(() -> weighted(mha.forward(x, m, ForwardContext.eval()), w), wrt, mha + " masked=" + masked);
      }
    }
    // Cross-attention (T_q ≠ T_k), dropout on the weights in training mode with a reseeded generator.
    MultiHeadAttention mha = new MultiHeadAttention(6, 3, 0.3, false, D, rng);
    Tensor qx = Tensor.variable(rand(rng, 2, 2, 6));
    Tensor kv = Tensor.variable(rand(rng, 2, 5, 6));
    INDArray w = rand(rng, 2, 2, 6);
    List<Tensor> wrt = new ArrayList<>(mha.parameters());
    wrt.add(qx);
    wrt.add(kv);
    assertPasses(() -> weighted(mha.forward(qx, kv, null, ForwardContext.train(new SplittableRandom(1))), w), wrt,
        "cross-attention with dropout");
    assertThrows(ShapeException.class, () -> new MultiHeadAttention(6, 4, 0, false, D, rng));
  }

  @Test
  void causalAttentionIgnoresTheFutureAndMaskedKeys() {
    SplittableRandom rng = new SplittableRandom(9);
    MultiHeadAttention causal = new MultiHeadAttention(4, 2, 0.0, true, D, rng);
    INDArray x = rand(rng, 1, 5, 4);
    INDArray y = causal.forward(Tensor.constant(x), ForwardContext.eval()).value();
    INDArray x2 = x.dup();
    x2.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 5), NDArrayIndex.all()).assign(7.0);
    INDArray y2 = causal.forward(Tensor.constant(x2), ForwardContext.eval()).value();
    INDArray head = y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all());
    assertTrue(head.equalsWithEps(y2.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-12),
        "steps 0..2 must not see steps 3, 4");
    assertFalse(y.equalsWithEps(y2, 1e-6));
    // A padded key changes nothing, whatever its value.
    MultiHeadAttention plain = new MultiHeadAttention(4, 2, 0.0, false, D, rng);
    INDArray m = Nd4j.ones(D, 1, 5);
    m.putScalar(0, 4, 0.0);
    INDArray x3 = x.dup();
    x3.get(NDArrayIndex.point(0), NDArrayIndex.point(4), NDArrayIndex.all()).assign(-3.0);
    INDArray a = plain.forward(Tensor.constant(x), m, ForwardContext.eval()).value();
    INDArray b = plain.forward(Tensor.constant(x3), m, ForwardContext.eval()).value();
    assertTrue(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all())
        .equalsWithEps(b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all()), 1e-12));
  }

  @Test
  void positionalEncodingsAndTransformerBlockGradients() {
    SplittableRandom rng = new SplittableRandom(10);
    PositionalEncoding sin = new PositionalEncoding(PositionalEncoding.Kind.SINUSOIDAL, 8, 4, D, rng);
    assertEquals(0, sin.parameterCount());
    // P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(...)
    assertEquals(Math.sin(3), sin.table().value().getDouble(3, 0), 1e-15);
    assertEquals(Math.cos(3 / 100.0), sin.table().value().getDouble(3, 3), 1e-15);
    PositionalEncoding learned = new PositionalEncoding(PositionalEncoding.Kind.LEARNED, 8, 4, D, rng);
    Tensor x = Tensor.variable(rand(rng, 2, 5, 4));
    INDArray w = rand(rng, 2, 5, 4);
    List<Tensor> wrt = new ArrayList<>(learned.parameters());
    wrt.add(x);
    assertPasses(() -> weighted(learned.forward(x, ForwardContext.eval()), w), wrt, "learned positions");
    assertPasses(() -> weighted(sin.forward(x, ForwardContext.eval()), w), List.of(x), "sinusoidal positions");
    assertThrows(ShapeException.class, () -> sin.forward(Tensor.constant(rand(rng, 1, 9, 4)), ForwardContext.eval()));

    for (TransformerEncoderBlock.Norm norm : TransformerEncoderBlock.Norm.values()) {
      for (boolean causal : new boolean[] {false, true}) {
        TransformerEncoderBlock block = new TransformerEncoderBlock(4, 2, 6, 0.2, causal, norm, D, rng);
        INDArray m = causal ? null : mask(2, 5);
        List<Tensor> p = new ArrayList<>(block.parameters());
        p.add(x);
        assertPasses(() -> weighted(block.forward(x, m, ForwardContext.eval()), w), p, block + " eval");
        assertPasses(() -> weighted(block.forward(x, m, ForwardContext.train(new SplittableRandom(2))), w), p,
            block + " training with dropout");
      }
    }
  }

  @Test
  void blockLayerNormMatchesItsDefinition() {
    // The block normalises with LayerNorm([dim], ε = 1e-5), PyTorch's biased-variance definition.
    INDArray v = Nd4j.create(new double[] {1, 2, 4, -1, 0, 1}, new long[] {2, 3}, D);
    INDArray y = new LayerNorm(new long[] {3}, 1e-5, true, D).forward(Tensor.constant(v), ForwardContext.eval())
        .value();
    double mean = 7.0 / 3;
    double var = ((1 - mean) * (1 - mean) + (2 - mean) * (2 - mean) + (4 - mean) * (4 - mean)) / 3;
    assertEquals((4 - mean) / Math.sqrt(var + 1e-5), y.getDouble(0, 2), 1e-12);
    assertEquals(-1 / Math.sqrt(2.0 / 3 + 1e-5), y.getDouble(1, 0), 1e-12);
  }
}
