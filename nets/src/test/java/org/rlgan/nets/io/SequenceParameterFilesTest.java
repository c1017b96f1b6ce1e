package org.rlgan.nets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.Embedding;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.LayerSpec;
import org.rlgan.nets.layers.MultiHeadAttention;
import org.rlgan.nets.layers.PositionalEncoding;
import org.rlgan.nets.layers.Recurrent;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.layers.TimeDistributed;
import org.rlgan.nets.layers.TransformerEncoderBlock;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/** Save/load round trips (parameter file + JSON architecture) of every sequence layer type. */
class SequenceParameterFilesTest {
  @TempDir
  Path dir;

  private static Tensor ids() {
    return Tensor.of(new float[] {1, 0, 3, 4, 2, 2, 0, 1, 4, 3, 1, 0}, 2, 6);
  }

  /** Embedding → positions → Transformer (pre and post) → attention → LSTM, GRU, RNN stacks → per-step head. */
  private static Sequential everySequenceLayer(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return Sequential.builder(new long[] {6}, DataType.FLOAT, rng)
        .add(new Embedding(5, 8, DataType.FLOAT, rng))
        .add(new PositionalEncoding(PositionalEncoding.Kind.SINUSOIDAL, 10, 8, DataType.FLOAT, rng))
        .add(new PositionalEncoding(PositionalEncoding.Kind.LEARNED, 6, 8, DataType.FLOAT, rng))
        .add(new TransformerEncoderBlock(8, 2, 16, 0.1, false, TransformerEncoderBlock.Norm.POST, DataType.FLOAT, rng))
        .add(new TransformerEncoderBlock(8, 4, 12, 0.0, true, TransformerEncoderBlock.Norm.PRE, DataType.FLOAT, rng))
        .add(new MultiHeadAttention(8, 2, 0.0, true, DataType.FLOAT, rng))
        .add(new Recurrent(Recurrent.Cell.LSTM, 8, 7, 2, true, 0.2, DataType.FLOAT, rng))
        .add(new Recurrent(Recurrent.Cell.GRU, 7, 5, 1, true, 0.0, DataType.FLOAT, rng))
        .add(new Recurrent(Recurrent.Cell.RNN_TANH, 5, 4, 2, true, 0.0, DataType.FLOAT, rng))
        .add(new TimeDistributed(new Dense(4, 3, rng)))
        .build();
  }

  @Test
  void everySequenceLayerRoundTripsThroughTheFileAndItsDescription() throws Exception {
    Sequential net = everySequenceLayer(1);
    // A few Adam steps first, so the saved values and optimizer state are not the initial ones.
    Optimizer adam = Adam.Config.of(1e-2).build();
    for (int i = 0; i < 3; i++) {
      net.zeroGrad();
      Autograd.backward(Ops.mean(Ops.square(net.forward(ids(), ForwardContext.train(new SplittableRandom(i))))));
      adam.step(net.parameters());
    }
    Path file = dir.resolve("seq.npz");
    ParameterFiles.save(file, net, net.spec(), adam);
    Layer rebuilt = ParameterFiles.loadLayer(file, DataType.FLOAT, new SplittableRandom(99));
    assertEquals(net.namedParameters().keySet(), rebuilt.namedParameters().keySet());
    assertEquals(net.forward(ids(), ForwardContext.eval()).value(), rebuilt.forward(ids(), ForwardContext.eval()).value());
    // A fresh network of the same spec differs until loaded.
    Sequential other = everySequenceLayer(2);
    assertNotEquals(net.forward(ids(), ForwardContext.eval()).value(), other.forward(ids(), ForwardContext.eval()).value());
    Optimizer adam2 = Adam.Config.of(1e-2).build();
    ParameterFiles.load(file, other, adam2);
    assertEquals(net.forward(ids(), ForwardContext.eval()).value(), other.forward(ids(), ForwardContext.eval()).value());
    assertEquals(adam.iterations(), adam2.iterations());

    String json = Files.readString(ParameterFiles.descriptionOf(file));
    for (String type : List.of("\"embedding\"", "\"positional_encoding\"", "\"transformer_encoder\"",
        "\"multi_head_attention\"", "\"recurrent\"", "\"time_distributed\"")) {
      assertTrue(json.contains("\"type\" : " + type) || json.contains("\"type\":" + type), type + " in " + json);
    }
    assertTrue(net.namedParameters().containsKey("6.weight_ih_l1"), net.namedParameters().keySet().toString());
    assertTrue(net.namedParameters().containsKey("3.norm1.weight"), net.namedParameters().keySet().toString());
  }

  @Test
  void specsRoundTripThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    LayerSpec spec = everySequenceLayer(3).spec();
    LayerSpec back = json.readValue(json.writeValueAsString(spec), LayerSpec.class);
    assertEquals(json.writeValueAsString(spec), json.writeValueAsString(back));
    assertEquals(json.readTree(json.writeValueAsString(spec)), json.readTree(json.writeValueAsString(back)));
    String summary = everySequenceLayer(3).summary();
    assertTrue(summary.contains("total parameters: 2,741"), summary);
  }
}
