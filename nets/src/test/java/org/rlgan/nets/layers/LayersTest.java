package org.rlgan.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;

/** Gradient checks, shape inference and plumbing of the layers. */
class LayersTest {

  private static INDArray rand(SplittableRandom rng, long... shape) {
    INDArray a = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a;
  }

  /** Σ w ⊙ f(x): a scalar that weights every output element differently. */
  private static Supplier<Tensor> weightedOutput(Layer layer, Tensor x, INDArray w, ForwardContext ctx) {
    return () -> Ops.sum(Ops.mul(layer.forward(x, ctx), Tensor.constant(w)));
  }

  private static void assertGradientsCorrect(Layer layer, long[] inShape, ForwardContext ctx) {
    SplittableRandom rng = new SplittableRandom(7);
    long[] batch = new long[inShape.length + 1];
    batch[0] = 5;
    System.arraycopy(inShape, 0, batch, 1, inShape.length);
    Tensor x = Tensor.variable(rand(rng, batch));
    long[] outShape = layer.outputShape(inShape);
    long[] outBatch = new long[outShape.length + 1];
    outBatch[0] = 5;
    System.arraycopy(outShape, 0, outBatch, 1, outShape.length);
    List<Tensor> wrt = new ArrayList<>(layer.parameters());
    wrt.add(x);
    GradCheck.Result r = GradCheck.standard().check(weightedOutput(layer, x, rand(rng, outBatch), ctx), wrt);
    assertTrue(r.passed(), layer + ": " + r);
  }

  @Test
  void denseAndActivationGradients() {
    SplittableRandom rng = new SplittableRandom(1);
    assertGradientsCorrect(new Dense(3, 4, true, Dense.DEFAULT_WEIGHT_INIT, new org.rlgan.nets.init.Constant(0.1), DataType.DOUBLE, rng), new long[] {3}, ForwardContext.eval());
    assertGradientsCorrect(new Dense(3, 2, false, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT,
        DataType.DOUBLE, rng), new long[] {3}, ForwardContext.eval());
    for (Activation.Kind k : Activation.Kind.values()) {
      Sequential net = Sequential.builder(new long[] {3}, DataType.DOUBLE, rng).dense(4)
          .activation(k, k == Activation.Kind.LEAKY_RELU ? 0.1 : 0.8).dense(2).build();
      assertGradientsCorrect(net, new long[] {3}, ForwardContext.eval());
    }
  }

  @Test
  void sequentialParallelAndHeadsGradients() {
    SplittableRandom rng = new SplittableRandom(2);
    Sequential mlp = Sequential.builder(new long[] {4}, DataType.DOUBLE, rng).dense(6).tanh().dense(5).tanh().dense(3).build();
    assertGradientsCorrect(mlp, new long[] {4}, ForwardContext.eval());

    Layer a = Sequential.builder(new long[] {4}, DataType.DOUBLE, rng).dense(3).tanh().build();
    Layer b = new Dense(4, 2, true, Dense.DEFAULT_WEIGHT_INIT,
        new org.rlgan.nets.init.Constant(0.3), DataType.DOUBLE, rng);
    Parallel concat = new Parallel(Parallel.Combine.CONCAT, new long[] {4}, List.of(a, b));
    assertArrayEquals(new long[] {5}, concat.outputShape(new long[] {4}));
    assertGradientsCorrect(concat, new long[] {4}, ForwardContext.eval());
    Parallel sum = new Parallel(Parallel.Combine.SUM, new long[] {4},
        List.of(new Dense(4, 3, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, DataType.DOUBLE, rng), a));
    assertGradientsCorrect(sum, new long[] {4}, ForwardContext.eval());

    // Dueling-style: shared trunk, value and advantage heads combined as V + A − mean(A).
    Layer trunk = Sequential.builder(new long[] {4}, DataType.DOUBLE, rng).dense(6).tanh().build();
    MultiHead heads = new MultiHead(new long[] {4}, trunk, Map.of(
        "value", new Dense(6, 1, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, DataType.DOUBLE, rng)));
    MultiHead dueling = new MultiHead(new long[] {4}, trunk, new LinkedHashMap<>(Map.of(
        "value", heads.heads().get("value"),
        "advantage", new Dense(6, 3, true, Dense.DEFAULT_WEIGHT_INIT, Dense.DEFAULT_BIAS_INIT, DataType.DOUBLE, rng))));
    Tensor x = Tensor.variable(rand(rng, 5, 4));
    INDArray w = rand(rng, 5, 3);
    Supplier<Tensor> q = () -> {
      Map<String, Tensor> out = dueling.forward(x, ForwardContext.eval());
      Tensor adv = out.get("advantage");
      Tensor qv = Ops.sub(Ops.add(out.get("value"), adv), Ops.mean(adv, true, 1));
      return Ops.sum(Ops.mul(qv, Tensor.constant(w)));
    };
    List<Tensor> wrt = new ArrayList<>(dueling.parameters());
    wrt.add(x);
    GradCheck.Result r = GradCheck.standard().check(q, wrt);
    assertTrue(r.passed(), r.toString());
    assertTrue(dueling.namedParameters().containsKey("trunk.0.weight"), dueling.namedParameters().keySet().toString());
    assertTrue(dueling.namedParameters().containsKey("heads.advantage.bias"), dueling.namedParameters().keySet().toString());
  }

  @Test
  void dropoutIsIdentityInEvalAndReproducibleInTraining() {
    Dropout d = new Dropout(0.5);
    Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 40, 50));
    assertEquals(2000.0, Ops.sum(d.forward(x, ForwardContext.eval())).item(), 0);
    INDArray a = d.forward(x, ForwardContext.train(new SplittableRandom(3))).value();
    INDArray b = d.forward(x, ForwardContext.train(new SplittableRandom(3))).value();
    INDArray c = d.forward(x, ForwardContext.train(new SplittableRandom(4))).value();
    assertEquals(a, b);
    assertNotEquals(a, c);
    // Inverted dropout: survivors are scaled by 1/(1−p) = 2, about half survive, the mean is preserved.
    for (double v : a.dup().data().asDouble()) {
      assertTrue(v == 0.0 || v == 2.0, "dropout value " + v);
    }
    assertEquals(1.0, a.meanNumber().doubleValue(), 0.06);

    // Gradient check in training mode with the mask reseeded identically on every evaluation.
    SplittableRandom rng = new SplittableRandom(5);
    Sequential net = Sequential.builder(new long[] {3}, DataType.DOUBLE, rng).dense(8).dropout(0.3).dense(2).build();
    Tensor in = Tensor.variable(rand(rng, 5, 3));
    INDArray w = rand(rng, 5, 2);
    Supplier<Tensor> loss = () -> Ops.sum(Ops.mul(net.forward(in, ForwardContext.train(new SplittableRandom(9))),
        Tensor.constant(w)));
    List<Tensor> wrt = new ArrayList<>(net.parameters());
    wrt.add(in);
    GradCheck.Result r = GradCheck.standard().check(loss, wrt);
    assertTrue(r.passed(), r.toString());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
  }

  @Test
  void badArchitecturesFailAtConstructionNamingLayerAndShapes() {
    SplittableRandom rng = new SplittableRandom(0);
    Dense first = new Dense(4, 64, rng);
    Dense wrong = new Dense(32, 2, rng);
    ShapeException e = assertThrows(ShapeException.class,
        () -> new Sequential(new long[] {4}, List.of(first, new Activation(Activation.Kind.RELU), wrong)));
    assertTrue(e.getMessage().contains("layer 2"), e.getMessage());
    assertTrue(e.getMessage().contains("[64]"), e.getMessage());
    assertTrue(e.getMessage().contains("Dense 32->2"), e.getMessage());

    e = assertThrows(ShapeException.class, () -> new Parallel(Parallel.Combine.SUM, new long[] {4},
        List.of(new Dense(4, 3, rng), new Dense(4, 2, rng))));
    assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());

    e = assertThrows(ShapeException.class, () -> new MultiHead(new long[] {4}, new Dense(4, 8, rng),
        Map.of("value", new Dense(6, 1, rng))));
    assertTrue(e.getMessage().contains("value") && e.getMessage().contains("[8]"), e.getMessage());

    Sequential ok = Sequential.builder(new long[] {4}, DataType.FLOAT, rng).dense(8).relu().dense(2).build();
    e = assertThrows(ShapeException.class,
        () -> ok.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 3, 5)), ForwardContext.eval()));
    assertTrue(e.getMessage().contains("[3, 5]"), e.getMessage());
  }

  @Test
  void summaryCountsParameters() {
    Sequential q = Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(0))
        .dense(64).relu().dense(64).relu().dense(2).build();
    assertEquals(4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2, q.parameterCount());
    String s = q.summary();
    assertTrue(s.contains("total parameters: 4,610"), s);
    assertTrue(s.contains("[64]"), s);
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
        new ArrayList<>(q.namedParameters().keySet()));
  }

  @Test
  void specRoundTripsThroughJsonAndRebuildsTheSameArchitecture() throws Exception {
    SplittableRandom rng = new SplittableRandom(0);
    Sequential net = Sequential.builder(new long[] {4}, DataType.FLOAT, rng).dense(16)
        .activation(Activation.Kind.LEAKY_RELU, 0.2).dropout(0.1)
        .add(new Parallel(Parallel.Combine.CONCAT, new long[] {16}, List.of(new Dense(16, 3, rng), new Dense(16, 2, rng))))
        .build();
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(net.spec());
    assertTrue(text.contains("\"type\":\"dense\""), text);
    LayerSpec back = json.readValue(text, LayerSpec.class);
    Sequential rebuilt = (Sequential) back.build(DataType.FLOAT, new SplittableRandom(1));
    assertEquals(json.writeValueAsString(net.spec()), json.writeValueAsString(rebuilt.spec()));
    assertEquals(net.parameterCount(), rebuilt.parameterCount());
    assertArrayEquals(new long[] {5}, rebuilt.outputShape(new long[] {4}));
  }

  @Test
  void sameSeedSameWeights() {
    Sequential a = Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(11)).dense(8).relu().dense(2).build();
    Sequential b = Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(11)).dense(8).relu().dense(2).build();
    Sequential c = Sequential.builder(new long[] {4}, DataType.FLOAT, new SplittableRandom(12)).dense(8).relu().dense(2).build();
    for (String k : a.namedParameters().keySet()) {
      assertEquals(a.namedParameters().get(k).value(), b.namedParameters().get(k).value(), k);
    }
    assertNotEquals(a.namedParameters().get("0.weight").value(), c.namedParameters().get("0.weight").value());
  }

  @Test
  void weightPenaltyValueAndGradient() {
    SplittableRandom rng = new SplittableRandom(3);
    Sequential net = Sequential.builder(new long[] {3}, DataType.DOUBLE, rng).dense(4, Dense.DEFAULT_WEIGHT_INIT,
        new org.rlgan.nets.init.Constant(0.5)).tanh().dense(2).build();
    WeightPenalty pen = new WeightPenalty(0.01, 0.1);
    double expected = 0;
    for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
      if (p.getKey().endsWith("weight")) {
        for (double v : p.getValue().value().dup().data().asDouble()) {
          expected += 0.01 * Math.abs(v) + 0.1 * v * v;
        }
      }
    }
    assertEquals(expected, pen.apply(net).item(), 1e-12);
    GradCheck.Result r = GradCheck.standard().check(() -> pen.apply(net), net.parameters());
    assertTrue(r.passed(), r.toString());
    assertEquals(0.0, new WeightPenalty(0, 0).apply(net).item(), 0);
    assertThrows(IllegalArgumentException.class, () -> new WeightPenalty(-1, 0));
  }

  @Test
  void hardCopyAndPolyakUpdate() {
    Sequential online = Sequential.builder(new long[] {4}, DataType.DOUBLE, new SplittableRandom(1)).dense(3).build();
    Sequential target = Sequential.builder(new long[] {4}, DataType.DOUBLE, new SplittableRandom(2)).dense(3).build();
    INDArray before = target.namedParameters().get("0.weight").value().dup();
    INDArray src = online.namedParameters().get("0.weight").value();
    Models.polyakUpdate(online, target, 0.25);
    INDArray expect = before.mul(0.75).add(src.mul(0.25));
    assertTrue(expect.equalsWithEps(target.namedParameters().get("0.weight").value(), 1e-15));
    Models.copyParameters(online, target);
    assertEquals(src, target.namedParameters().get("0.weight").value());
    Sequential other = Sequential.builder(new long[] {4}, DataType.DOUBLE, new SplittableRandom(1)).dense(5).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.copyParameters(online, other));
    assertTrue(e.getMessage().contains("0.weight") && e.getMessage().contains("[4, 3]") && e.getMessage().contains("[4, 5]"),
        e.getMessage());
  }
}
