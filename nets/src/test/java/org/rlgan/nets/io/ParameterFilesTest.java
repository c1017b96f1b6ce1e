package org.rlgan.nets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Activation;
import org.rlgan.nets.layers.Dense;
import org.rlgan.nets.layers.ForwardContext;
import org.rlgan.nets.layers.Layer;
import org.rlgan.nets.layers.MultiHead;
import org.rlgan.nets.layers.Parallel;
import org.rlgan.nets.layers.Sequential;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

class ParameterFilesTest {
  @TempDir
  Path dir;

  private static Sequential mlp(long seed, long hidden) {
    return Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(seed))
        .dense(hidden).relu().dense(hidden).activation(Activation.Kind.LEAKY_RELU, 0.1).dense(2).build();
  }

  private static Tensor batch() {
    float[] x = new float[32];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return Tensor.of(x, 8, 4);
  }

  private static void trainSteps(Sequential net, Optimizer opt, int steps) {
    Tensor x = batch();
    for (int i = 0; i < steps; i++) {
      net.zeroGrad();
      Tensor loss = Ops.mean(Ops.square(net.forward(x, ForwardContext.eval())));
      Autograd.backward(loss);
      opt.step(net.parameters());
    }
  }

  @Test
  void saveLoadGivesIdenticalOutputs() throws Exception {
    Sequential a = mlp(1, 16);
    Sequential b = mlp(2, 16);
    Tensor x = batch();
    assertNotEquals(a.forward(x, ForwardContext.eval()).value(), b.forward(x, ForwardContext.eval()).value());
    Path file = dir.resolve("q.npz");
    ParameterFiles.save(file, a, a.spec(), null);
    assertTrue(Files.exists(ParameterFiles.descriptionOf(file)));
    ParameterFiles.load(file, b, null);
    assertEquals(a.forward(x, ForwardContext.eval()).value(), b.forward(x, ForwardContext.eval()).value());

    // The file is a plain npz keyed by parameter name, and the description rebuilds the network.
    assertEquals(a.namedParameters().keySet(), Npz.read(file).keySet());
    Layer rebuilt = ParameterFiles.loadLayer(file, DataType.FLOAT, new SplittableRandom(3));
    assertEquals(a.forward(x, ForwardContext.eval()).value(), rebuilt.forward(x, ForwardContext.eval()).value());
    String json = Files.readString(ParameterFiles.descriptionOf(file));
    assertTrue(json.contains("\"format\" : \"rlgan-parameters\"") && json.contains("\"0.weight\" : [ 4, 16 ]"), json);
  }

  @Test
  void optimizerStateRoundTripContinuesExactly() throws Exception {
    Sequential straight = mlp(1, 8);
    Optimizer opt = Adam.Config.of(0.01).build();
    trainSteps(straight, opt, 3);
    Path file = dir.resolve("ckpt.npz");
    ParameterFiles.save(file, straight, straight.spec(), opt);

    Sequential resumed = mlp(9, 8);
    Optimizer opt2 = Adam.Config.of(0.01).build();
    ParameterFiles.load(file, resumed, opt2);
    assertEquals(opt.iterations(), opt2.iterations());
    trainSteps(straight, opt, 4);
    trainSteps(resumed, opt2, 4);
    for (String k : straight.namedParameters().keySet()) {
      assertEquals(straight.namedParameters().get(k).value(), resumed.namedParameters().get(k).value(), k);
    }
  }

  @Test
  void mismatchedArchitectureNamesTensorAndBothShapesAndChangesNothing() throws Exception {
    Sequential small = mlp(1, 8);
    Path file = dir.resolve("small.npz");
    ParameterFiles.save(file, small, small.spec(), null);
    Sequential big = mlp(2, 16);
    INDArray before = big.namedParameters().get("0.weight").value().dup();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterFiles.load(file, big, null));
    assertTrue(e.getMessage().contains("'0.weight'") && e.getMessage().contains("[4, 8]")
        && e.getMessage().contains("[4, 16]"), e.getMessage());
    assertEquals(before, big.namedParameters().get("0.weight").value());

    Sequential shorter = Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(0)).dense(8).build();
    e = assertThrows(IllegalArgumentException.class, () -> ParameterFiles.load(file, shorter, null));
    assertTrue(e.getMessage().contains("does not have") && e.getMessage().contains("2.weight"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> ParameterFiles.load(file, small, Adam.Config.of(0.1).build()));
    assertTrue(e.getMessage().contains("no optimizer state"), e.getMessage());
  }

  @Test
  void keysArePlainParameterNames() throws Exception {
    Sequential a = mlp(1, 8);
    Path file = dir.resolve("m.npz");
    ParameterFiles.save(file, a, null, Adam.Config.of(0.01).build());
    List<String> keys = List.copyOf(Npz.read(file).keySet());
    assertEquals("0.weight", keys.get(0));
    assertTrue(keys.stream().allMatch(k -> a.namedParameters().containsKey(k) || k.startsWith("optimizer/")), keys.toString());
  }

  /** Every layer type, through the file and back (rebuilt from the description), and a MultiHead by name. */
  @Test
  void everyLayerTypeRoundTrips() throws Exception {
    SplittableRandom rng = new SplittableRandom(21);
    Sequential.Builder b = Sequential.builder(new long[] {4}, DataType.FLOAT, rng).dense(6);
    for (Activation.Kind k : Activation.Kind.values()) {
      b.activation(k, k == Activation.Kind.LEAKY_RELU ? 0.2 : 1.0);
    }
    Sequential net = b.dropout(0.25)
        .add(new Parallel(Parallel.Combine.CONCAT, new long[] {6}, List.of(new Dense(6, 3, rng), new Dense(6, 2, rng))))
        .add(new Parallel(Parallel.Combine.SUM, new long[] {5}, List.of(new Dense(5, 2, rng), new Dense(5, 2, rng))))
        .build();
    Path file = dir.resolve("all.npz");
    ParameterFiles.save(file, net, net.spec(), null);
    Layer rebuilt = ParameterFiles.loadLayer(file, DataType.FLOAT, new SplittableRandom(99));
    Tensor x = batch();
    assertEquals(net.forward(x, ForwardContext.eval()).value(), rebuilt.forward(x, ForwardContext.eval()).value());
    assertEquals(net.namedParameters().keySet(), rebuilt.namedParameters().keySet());

    MultiHead heads = new MultiHead(new long[] {4}, new Dense(4, 8, rng),
        Map.of("value", new Dense(8, 1, rng), "advantage", new Dense(8, 2, rng)));
    MultiHead other = new MultiHead(new long[] {4}, new Dense(4, 8, new SplittableRandom(5)),
        Map.of("value", new Dense(8, 1, new SplittableRandom(6)), "advantage", new Dense(8, 2, new SplittableRandom(7))));
    Path hf = dir.resolve("heads.npz");
    ParameterFiles.save(hf, heads, null, null);
    ParameterFiles.load(hf, other, null);
    for (String head : List.of("value", "advantage")) {
      assertEquals(heads.forward(x, ForwardContext.eval()).get(head).value(),
          other.forward(x, ForwardContext.eval()).get(head).value(), head);
    }
  }
}
