package org.rlgan.nets.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Autograd;
import org.rlgan.nets.Conv2dOptions;
import org.rlgan.nets.Ops;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.io.Npz;
import org.rlgan.nets.io.ParameterFiles;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.Optimizer;

/** The chapter-6 building blocks, Sequential's summary of nested networks, and save/load with buffers. */
class ConvNetsTest {
  @TempDir
  Path dir;

  private static Tensor images(long seed, long... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    INDArray a = Nd4j.create(DataType.FLOAT, shape);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, r.nextGaussian());
    }
    return Tensor.constant(a);
  }

  @Test
  void blocksInferTheirShapesAndHaveCorrectGradients() {
    SplittableRandom rng = new SplittableRandom(1);
    long[] in = {3, 4, 4};
    Sequential same = ConvNets.residualBlock(in, 3, 1, DataType.DOUBLE, rng);
    Sequential down = ConvNets.residualBlock(in, 4, 2, DataType.DOUBLE, rng);
    assertArrayEquals(new long[] {3, 4, 4}, same.outputShape(in));
    assertArrayEquals(new long[] {4, 2, 2}, down.outputShape(in));
    // identity shortcut: no parameters beyond the body's two convolutions and batch norms
    assertEquals(2 * 3 * 3 * 9 + 4 * 3, same.parameterCount());
    ConvLayersTest.assertGradientsCorrect(same, in, () -> ForwardContext.train(new SplittableRandom(0)));
    ConvLayersTest.assertGradientsCorrect(down, in, () -> ForwardContext.train(new SplittableRandom(0)));

    Parallel inception = ConvNets.inceptionBlock(in, 2, 2, 3, 1, 2, 1, DataType.DOUBLE, rng);
    assertArrayEquals(new long[] {2 + 3 + 2 + 1, 4, 4}, inception.outputShape(in));
    ConvLayersTest.assertGradientsCorrect(inception, in, ForwardContext::eval);
  }

  @Test
  void smallResNetSummaryListsEveryLayer() {
    Sequential net = ConvNets.smallResNet(new long[] {3, 16, 16}, 10, new long[] {8, 16}, 1, DataType.FLOAT,
        new SplittableRandom(0));
    assertArrayEquals(new long[] {10}, net.outputShape(new long[] {3, 16, 16}));
    Tensor y = net.forward(images(1, 2, 3, 16, 16), ForwardContext.train(new SplittableRandom(0)));
    assertArrayEquals(new long[] {2, 10}, y.shape());
    String s = net.summary();
    assertTrue(s.contains("total parameters: " + String.format("%,d", net.parameterCount())), s);
    // nested rows by dotted path: the second stage's block is layer 4, its residual sum 4.0, the body 4.0.0
    assertTrue(s.contains("4.0.0.0") && s.contains("Conv2D(8 -> 16, 3x3, stride 2, pad 1, no bias)"), s);
    assertTrue(s.contains("[16, 8, 8]") && s.contains("Parallel(SUM)") && s.contains("GlobalAvgPool2D"), s);
    assertTrue(s.contains("non-trainable buffer values"), s);
    assertTrue(net.namedBuffers().containsKey("4.0.0.1.running_mean"), net.namedBuffers().keySet().toString());
    // every parameter row of a leaf is counted once: the leaf rows add up to the total
    long leafSum = 0;
    for (String line : s.split("\n")) {
      String[] cols = line.trim().split("\\s{2,}");
      if (cols.length == 4 && cols[0].matches("[0-9.]+") && !cols[1].contains("Sequential")
          && !cols[1].contains("Parallel")) {
        leafSum += Long.parseLong(cols[3].replace(",", ""));
      }
    }
    assertEquals(net.parameterCount(), leafSum, s);
  }

  @Test
  void runningStatisticsAreSavedAndLoadedWithTheParameters() throws Exception {
    SplittableRandom rng = new SplittableRandom(2);
    Sequential net = Sequential.builder(new long[] {2, 6, 6}, DataType.FLOAT, rng).conv2d(4, 3, 1, 1).batchNorm()
        .relu().maxPool2d(2).flatten().add(BatchNorm.oneD(36)).dense(3).build();
    Optimizer adam = Adam.Config.of(1e-2).build();
    for (int i = 0; i < 3; i++) {
      net.zeroGrad();
      Tensor loss = Ops.mean(Ops.square(net.forward(images(i, 5, 2, 6, 6), ForwardContext.train(rng))));
      Autograd.backward(loss);
      adam.step(net.parameters());
    }
    Tensor x = images(9, 4, 2, 6, 6);
    INDArray expected = net.forward(x, ForwardContext.eval()).value();
    Path file = dir.resolve("bn.npz");
    ParameterFiles.save(file, net, net.spec(), adam);
    Map<String, INDArray> saved = Npz.read(file);
    assertTrue(saved.containsKey("1.running_mean") && saved.containsKey("5.running_var"), saved.keySet().toString());
    assertTrue(Files.readString(ParameterFiles.descriptionOf(file)).contains("\"buffers\""));

    Layer rebuilt = ParameterFiles.loadLayer(file, DataType.FLOAT, new SplittableRandom(7));
    assertEquals(expected, rebuilt.forward(x, ForwardContext.eval()).value());
    Sequential fresh = (Sequential) net.spec().build(DataType.FLOAT, new SplittableRandom(8));
    assertNotEquals(expected, fresh.forward(x, ForwardContext.eval()).value());
    ParameterFiles.load(file, fresh, Adam.Config.of(1e-2).build());
    assertEquals(expected, fresh.forward(x, ForwardContext.eval()).value());

    // The target-network copy takes the running statistics too.
    Sequential target = (Sequential) net.spec().build(DataType.FLOAT, new SplittableRandom(9));
    Models.copyParameters(net, target);
    assertEquals(expected, target.forward(x, ForwardContext.eval()).value());

    // A file from a network whose buffers differ is refused, naming the buffer and both shapes.
    Sequential other = Sequential.builder(new long[] {2, 6, 6}, DataType.FLOAT, rng).conv2d(4, 3, 1, 1)
        .add(new BatchNorm(2, 4, 1e-5, 0.1, false, DataType.FLOAT)).relu().maxPool2d(2).flatten()
        .add(BatchNorm.oneD(36)).dense(3).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterFiles.load(file, other, null));
    assertTrue(e.getMessage().contains("1.weight") || e.getMessage().contains("does not have"), e.getMessage());
    Sequential wider = Sequential.builder(new long[] {2, 6, 6}, DataType.FLOAT, rng).conv2d(4, 3, 1, 1)
        .add(new BatchNorm(2, 4, 1e-5, 0.1, true, DataType.FLOAT)).relu().maxPool2d(2).flatten()
        .add(new BatchNorm(1, 36, 1e-5, 0.1, true, DataType.FLOAT)).dense(3).build();
    wider.namedBuffers().get("5.running_var").assign(7);
    INDArray before = wider.namedParameters().get("0.weight").value().dup();
    ParameterFiles.load(file, wider, null);
    assertNotEquals(before, wider.namedParameters().get("0.weight").value());
    assertEquals(net.namedBuffers().get("5.running_var"), wider.namedBuffers().get("5.running_var"));
  }

  @Test
  void convolutionalNetworkRoundTripsThroughFilesWithEveryLayerType() throws Exception {
    SplittableRandom rng = new SplittableRandom(4);
    Sequential net = Sequential.builder(new long[] {3, 8, 8}, DataType.FLOAT, rng)
        .add(ConvNets.inceptionBlock(new long[] {3, 8, 8}, 2, 2, 2, 1, 1, 1, DataType.FLOAT, rng))
        .add(ConvNets.residualBlock(new long[] {6, 8, 8}, 4, 2, DataType.FLOAT, rng))
        .add(new Conv2D(4, 4, 3, 3, Conv2dOptions.of(1, 2).withDilation(2, 2).withGroups(2), true,
            Conv2D.DEFAULT_WEIGHT_INIT, Conv2D.DEFAULT_BIAS_INIT, DataType.FLOAT, rng))
        .add(new Dropout2D(0.2)).add(new LayerNorm(4, 4, 4)).add(new Upsample2D(2))
        .convTranspose2d(2, 4, 2, 1).add(Pool2D.avg(2, 2, 1)).add(new GlobalAvgPool2D()).dense(2).build();
    for (int i = 0; i < 2; i++) {
      net.forward(images(i, 3, 3, 8, 8), ForwardContext.train(rng));
    }
    Path file = dir.resolve("conv.npz");
    ParameterFiles.save(file, net, net.spec(), null);
    Layer rebuilt = ParameterFiles.loadLayer(file, DataType.FLOAT, new SplittableRandom(5));
    Tensor x = images(7, 2, 3, 8, 8);
    assertEquals(net.forward(x, ForwardContext.eval()).value(), rebuilt.forward(x, ForwardContext.eval()).value());
    assertEquals(net.namedParameters().keySet(), rebuilt.namedParameters().keySet());
    assertEquals(net.namedBuffers().keySet(), rebuilt.namedBuffers().keySet());
    assertEquals(6, net.namedBuffers().size());  // three batch norms in the downsampling residual block
  }
}
