package org.rlgan.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.check.GradCheck;
import org.rlgan.nets.init.Constant;
import org.rlgan.nets.init.GlorotUniform;

/** Gradient checks (float64, tiny shapes) and behaviour of the convolutional layers. */
class ConvLayersTest {
  private static final DataType D = DataType.DOUBLE;

  private static INDArray rand(SplittableRandom rng, long... shape) {
    INDArray a = Nd4j.create(D, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, rng.nextDouble(-1, 1));
    }
    return a;
  }

  private static long[] batch(long n, long[] s) {
    long[] b = new long[s.length + 1];
    b[0] = n;
    System.arraycopy(s, 0, b, 1, s.length);
    return b;
  }

  /** Σ w ⊙ layer(x) against central differences, for the parameters and the input. */
  static void assertGradientsCorrect(Layer layer, long[] inShape, Supplier<ForwardContext> ctx) {
    SplittableRandom rng = new SplittableRandom(7);
    Tensor x = Tensor.variable(rand(rng, batch(3, inShape)));
    INDArray w = rand(rng, batch(3, layer.outputShape(inShape)));
    List<Tensor> wrt = new ArrayList<>(layer.parameters());
    wrt.add(x);
    GradCheck.Result r = GradCheck.standard().check(
        () -> Ops.sum(Ops.mul(layer.forward(x, ctx.get()), Tensor.constant(w))), wrt);
    assertTrue(r.passed(), layer + ": " + r);
  }

  private static Conv2D conv(long in, long out, int kh, int kw, Conv2dOptions o, boolean bias, SplittableRandom rng) {
    return new Conv2D(in, out, kh, kw, o, bias, new GlorotUniform(1.0), new Constant(0.1), D, rng);
  }

  @Test
  void convolutionLayerGradientsWithEveryOption() {
    SplittableRandom rng = new SplittableRandom(1);
    long[] in = {4, 6, 5};
    for (Conv2dOptions o : List.of(Conv2dOptions.DEFAULT, Conv2dOptions.of(2, 1), Conv2dOptions.of(1, 2).withDilation(2, 1),
        new Conv2dOptions(2, 1, 0, 1, 1, 2, 2), Conv2dOptions.of(1, 1).withGroups(4))) {
      assertGradientsCorrect(conv(4, 4, 3, 2, o, true, rng), in, ForwardContext::eval);
    }
    assertGradientsCorrect(conv(4, 2, 1, 1, Conv2dOptions.DEFAULT, false, rng), in, ForwardContext::eval);
    for (Conv2dOptions o : List.of(Conv2dOptions.DEFAULT, Conv2dOptions.of(2, 1), new Conv2dOptions(2, 1, 1, 0, 1, 2, 2))) {
      ConvTranspose2D t = new ConvTranspose2D(4, 2, 3, 2, o, o.strideH() - 1, 0, true, new GlorotUniform(1.0),
          new Constant(0.1), D, rng);
      assertGradientsCorrect(t, new long[] {4, 3, 2}, ForwardContext::eval);
    }
  }

  @Test
  void poolingReshapingAndUpsamplingGradients() {
    long[] in = {2, 5, 6};
    assertGradientsCorrect(Pool2D.max(2), in, ForwardContext::eval);
    assertGradientsCorrect(new Pool2D(Pool2D.Kind.MAX, 3, 3, new Conv2dOptions(2, 1, 1, 1, 1, 2, 1)), in, ForwardContext::eval);
    assertGradientsCorrect(Pool2D.avg(3, 2, 1), in, ForwardContext::eval);
    assertGradientsCorrect(new GlobalAvgPool2D(), in, ForwardContext::eval);
    assertGradientsCorrect(Reshape.flatten(), in, ForwardContext::eval);
    assertGradientsCorrect(new Reshape(6, 10), in, ForwardContext::eval);
    assertGradientsCorrect(new Upsample2D(2, 3), in, ForwardContext::eval);
    assertArrayEquals(new long[] {60}, Reshape.flatten().outputShape(in));
    assertArrayEquals(new long[] {2, 10, 18}, new Upsample2D(2, 3).outputShape(in));
    assertArrayEquals(new long[] {2, 3, 3}, Pool2D.avg(3, 2, 1).outputShape(in));
  }

  @Test
  void normalisationGradientsInTrainingAndEvaluation() {
    SplittableRandom rng = new SplittableRandom(3);
    for (long[] in : List.of(new long[] {3}, new long[] {3, 4}, new long[] {3, 2, 3})) {
      BatchNorm bn = new BatchNorm(in.length == 3 ? 2 : 1, 3, 1e-5, 0.1, true, D);
      bn.weight().value().assign(rand(rng, 3).addi(1.5));
      bn.bias().value().assign(rand(rng, 3));
      assertGradientsCorrect(bn, in, () -> ForwardContext.train(new SplittableRandom(0)));
      // Make the running statistics non-trivial, then check evaluation mode (they are constants there).
      bn.forward(Tensor.constant(rand(rng, batch(4, in)).muli(3).addi(1)), ForwardContext.train(new SplittableRandom(0)));
      assertGradientsCorrect(bn, in, ForwardContext::eval);
      BatchNorm plain = new BatchNorm(in.length == 3 ? 2 : 1, 3, 1e-3, 0.1, false, D);
      assertGradientsCorrect(plain, in, () -> ForwardContext.train(new SplittableRandom(0)));
    }
    LayerNorm ln = new LayerNorm(new long[] {2, 3}, 1e-5, true, D);
    ln.namedParameters().get("weight").value().assign(rand(rng, 2, 3).addi(1));
    ln.namedParameters().get("bias").value().assign(rand(rng, 2, 3));
    assertGradientsCorrect(ln, new long[] {4, 2, 3}, ForwardContext::eval);
    assertGradientsCorrect(new LayerNorm(new long[] {5}, 1e-5, false, D), new long[] {5}, ForwardContext::eval);
  }

  @Test
  void batchNormStatisticsFollowPyTorchsConventions() {
    BatchNorm bn = new BatchNorm(2, 2, 1e-5, 0.1, true, D);
    // channel 0 holds 1..8, channel 1 holds 2·(1..8)
    double[] v = new double[16];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 4; i++) {
        v[n * 8 + i] = n * 4 + i + 1;
        v[n * 8 + 4 + i] = 2 * (n * 4 + i + 1);
      }
    }
    Tensor x = Tensor.of(v, 2, 2, 2, 2);
    INDArray y = bn.forward(x, ForwardContext.train(new SplittableRandom(0))).value();
    double mean0 = 4.5;
    double biasedVar0 = 5.25;  // var of 1..8 with 1/n
    assertEquals((1 - mean0) / Math.sqrt(biasedVar0 + 1e-5), y.getDouble(0, 0, 0, 0), 1e-12);
    assertEquals(0.1 * mean0, bn.runningMean().getDouble(0), 1e-12);
    assertEquals(0.1 * 2 * mean0, bn.runningMean().getDouble(1), 1e-12);
    assertEquals(0.9 + 0.1 * biasedVar0 * 8 / 7, bn.runningVar().getDouble(0), 1e-12);  // unbiased
    assertEquals(0.9 + 0.1 * 4 * biasedVar0 * 8 / 7, bn.runningVar().getDouble(1), 1e-12);
    // Evaluation uses the running statistics and leaves them alone.
    INDArray e = bn.forward(x, ForwardContext.eval()).value();
    assertEquals((1 - 0.45) / Math.sqrt(bn.runningVar().getDouble(0) + 1e-5), e.getDouble(0, 0, 0, 0), 1e-12);
    assertEquals(0.45, bn.runningMean().getDouble(0), 1e-12);
    assertEquals(List.of("running_mean", "running_var"), new ArrayList<>(bn.namedBuffers().keySet()));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> BatchNorm.oneD(3).forward(Tensor.constant(Nd4j.ones(DataType.FLOAT, 1, 3)),
            ForwardContext.train(new SplittableRandom(0))));
    assertTrue(ex.getMessage().contains("more than one value"), ex.getMessage());
  }

  @Test
  void dropout2dDropsWholeChannelsReproducibly() {
    Dropout2D d = new Dropout2D(0.5);
    Tensor x = Tensor.constant(Nd4j.ones(D, 8, 16, 3, 3));
    assertEquals(x.value(), d.forward(x, ForwardContext.eval()).value());
    INDArray a = d.forward(x, ForwardContext.train(new SplittableRandom(3))).value();
    assertEquals(a, d.forward(x, ForwardContext.train(new SplittableRandom(3))).value());
    assertNotEquals(a, d.forward(x, ForwardContext.train(new SplittableRandom(4))).value());
    int dropped = 0;
    for (int n = 0; n < 8; n++) {
      for (int c = 0; c < 16; c++) {
        double first = a.getDouble(n, c, 0, 0);
        assertTrue(first == 0 || first == 2, "value " + first);
        dropped += first == 0 ? 1 : 0;
        for (int i = 0; i < 9; i++) {
          assertEquals(first, a.getDouble(n, c, i / 3, i % 3), 0, "a channel is dropped whole");
        }
      }
    }
    assertTrue(dropped > 30 && dropped < 98, "dropped " + dropped + " of 128 channels");
    SplittableRandom rng = new SplittableRandom(5);
    Sequential net = new Sequential(new long[] {2, 3, 3}, List.of(conv(2, 4, 2, 2, Conv2dOptions.DEFAULT, true, rng),
        new Dropout2D(0.3)));
    assertGradientsCorrect(net, new long[] {2, 3, 3}, () -> ForwardContext.train(new SplittableRandom(9)));
  }

  @Test
  void shapeInferenceNamesLayersAndShapes() {
    SplittableRandom rng = new SplittableRandom(0);
    ShapeException e = assertThrows(ShapeException.class, () -> Sequential.builder(new long[] {3, 8, 8}, DataType.FLOAT, rng)
        .conv2d(8, 3, 1, 1).add(new Conv2D(4, 8, 3, 1, 1, rng)));
    assertTrue(e.getMessage().contains("[8, 8, 8]") && e.getMessage().contains("Conv2D(4 -> 8"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Sequential.builder(new long[] {3, 4, 4}, DataType.FLOAT, rng)
        .conv2d(8, 5, 1, 0));
    assertTrue(e.getMessage().contains("smaller"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> Sequential.builder(new long[] {3, 8, 8}, DataType.FLOAT, rng).dense(4));
    assertTrue(e.getMessage().contains("flat"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> new Conv2D(4, 6, 3, 3, Conv2dOptions.DEFAULT.withGroups(4), true,
        Conv2D.DEFAULT_WEIGHT_INIT, Conv2D.DEFAULT_BIAS_INIT, DataType.FLOAT, rng));
    assertTrue(e.getMessage().contains("groups=4"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> new Reshape(3, 5).outputShape(new long[] {4, 4}));
    assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("[4, 4]"), e.getMessage());
    e = assertThrows(ShapeException.class, () -> BatchNorm.twoD(3).outputShape(new long[] {3, 4}));
    assertTrue(e.getMessage().contains("[3, H, W]"), e.getMessage());
  }

  @Test
  void specsOfEveryConvolutionalLayerRoundTripThroughJson() throws Exception {
    SplittableRandom rng = new SplittableRandom(0);
    Sequential net = Sequential.builder(new long[] {3, 8, 8}, DataType.FLOAT, rng)
        .add(new Conv2D(3, 4, 3, 2, new Conv2dOptions(1, 2, 1, 0, 2, 1, 1), true, Conv2D.DEFAULT_WEIGHT_INIT,
            Conv2D.DEFAULT_BIAS_INIT, DataType.FLOAT, rng))
        .batchNorm().add(new Dropout2D(0.1)).add(new LayerNorm(4, 6, 4)).add(Pool2D.max(2))
        .add(new Upsample2D(2, 1)).add(new ConvTranspose2D(4, 2, 3, 3, Conv2dOptions.of(2, 1).withGroups(2), 1, 0,
            false, Conv2D.DEFAULT_WEIGHT_INIT, Conv2D.DEFAULT_BIAS_INIT, DataType.FLOAT, rng))
        .add(Pool2D.avg(2)).add(new Parallel(Parallel.Combine.CONCAT_CHANNELS, new long[] {2, 6, 1},
            List.of(new Activation(Activation.Kind.IDENTITY), new Conv2D(2, 3, 1, 1, 0, rng))))
        .reshape(5, 6).flatten().relu().dense(2).build();
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(net.spec());
    for (String type : List.of("conv2d", "batch_norm", "dropout2d", "layer_norm", "pool2d", "upsample2d",
        "conv_transpose2d", "reshape", "flatten")) {
      assertTrue(text.contains("\"type\":\"" + type + "\""), type + " in " + text);
    }
    Sequential rebuilt = (Sequential) json.readValue(text, LayerSpec.class).build(DataType.FLOAT, new SplittableRandom(1));
    assertEquals(text, json.writeValueAsString(rebuilt.spec()));
    assertEquals(net.parameterCount(), rebuilt.parameterCount());
    assertEquals(net.namedBuffers().keySet(), rebuilt.namedBuffers().keySet());
    assertArrayEquals(new long[] {2}, rebuilt.outputShape(new long[] {3, 8, 8}));
    assertEquals("{\"type\":\"global_avg_pool2d\"}", json.writeValueAsString(new GlobalAvgPool2D().spec()));
    assertTrue(json.readValue("{\"type\":\"global_avg_pool2d\"}", LayerSpec.class).build(DataType.FLOAT, rng)
        instanceof GlobalAvgPool2D);
  }
}
