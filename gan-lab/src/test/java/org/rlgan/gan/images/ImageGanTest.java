package org.rlgan.gan.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.MnistImages;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.models.Dcgan;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.gan.train.Penalty;
import org.rlgan.gan.train.StepMetrics;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.Module;
import org.rlgan.nets.optim.Adam;

/** DCGAN, conditional GAN and InfoGAN on the CI subset of MNIST, through {@link GanTrainer}. */
class ImageGanTest {
  static final Dcgan SMALL = new Dcgan(8);
  static final MnistImages DATA = new MnistImages(TestMnist.train());

  static GanConfig.Builder base() {
    Adam.Config adam = new Adam.Config(2e-4, 0.5, 0.999, 1e-8, 0, false);
    return GanConfig.builder().generatorOptimizer(adam).discriminatorOptimizer(adam).batchSize(8).noiseDim(16)
        .seed(5).evalSamples(20);
  }

  static GanConfig dcgan() {
    return base().build();
  }

  static GanConfig cgan() {
    return base().conditionClasses(10).build();
  }

  static GanConfig infogan() {
    return base().infoCodes(10, 2).build();
  }

  static List<String> run(GanTrainer t, int steps) {
    List<String> lines = new ArrayList<>();
    t.addListener((tr, m) -> lines.add(m.toJson()));
    t.train(steps);
    return lines;
  }

  static Map<String, INDArray> snapshot(Module m) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    m.namedParameters().forEach((k, v) -> out.put(k, v.value().dup()));
    return out;
  }

  /** Every parameter tensor of {@code m} differs from {@code before}: a gradient reached all of them. */
  static void assertAllChanged(Map<String, INDArray> before, Module m, String what) {
    for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
      assertNotEquals(before.get(e.getKey()), e.getValue().value(), what + " parameter " + e.getKey() + " did not move");
    }
  }

  @Test
  void mnistImagesAreInMinusOneToOneWithTheirLabels() {
    var b = DATA.sampleLabelled(64, new SplittableRandom(1), DataType.FLOAT);
    assertArrayEquals(new long[] {64, 1, 28, 28}, b.x().shape());
    assertEquals(-1.0, b.x().minNumber().doubleValue(), 1e-6, "background is -1");
    assertTrue(b.x().maxNumber().doubleValue() > 0.99 && b.x().maxNumber().doubleValue() <= 1.0);
    assertEquals(64, b.labels().length);
    // sample() draws exactly as sampleLabelled(): same generator state, same images.
    assertEquals(b.x(), DATA.sample(64, new SplittableRandom(1), DataType.FLOAT));
    // The pixels are those of the drawn digits: image 0 of the batch is split digit idx, rescaled.
    int idx = new SplittableRandom(1).nextInt(DATA.split().size());
    assertEquals(2 * DATA.split().pixel(idx, 14, 14) - 1, b.x().getDouble(0, 0, 14, 14), 1e-6);
    assertEquals(DATA.split().label(idx), b.labels()[0]);
  }

  @Test
  void dcganShapesAndEveryParameterGetsAGradient() {
    GanTrainer t = new GanTrainer(dcgan(), SMALL, DATA);
    assertArrayEquals(new long[] {1, 28, 28}, t.generator().outputShape(new long[] {16}));
    assertArrayEquals(new long[] {1}, t.discriminator().outputShape(new long[] {1, 28, 28}));
    var g0 = snapshot(t.generator());
    var d0 = snapshot(t.discriminator());
    StepMetrics m = t.step();
    assertTrue(Double.isFinite(m.discriminatorLoss()) && Double.isFinite(m.generatorLoss()), m.toJson());
    // Initial D is near chance: L_D ≈ 2 log 2 for the non-saturating game.
    assertEquals(2 * Math.log(2), m.discriminatorLoss(), 0.3);
    assertAllChanged(g0, t.generator(), "G");
    assertAllChanged(d0, t.discriminator(), "D");
    INDArray x = t.sampleFixed();
    assertArrayEquals(new long[] {20, 1, 28, 28}, x.shape());
    assertTrue(x.amaxNumber().doubleValue() <= 1.0, "tanh output");
  }

  @Test
  void sameSeedSameTrainingBitForBitForAllThreeModels() {
    for (GanConfig c : List.of(dcgan(), cgan(), infogan())) {
      GanTrainer a = new GanTrainer(c, SMALL, DATA);
      GanTrainer b = new GanTrainer(c, SMALL, DATA);
      assertEquals(run(a, 3), run(b, 3), c.toString());
      assertEquals(a.sampleFixed(), b.sampleFixed());
      for (String k : a.generator().namedParameters().keySet()) {
        assertEquals(a.generator().namedParameters().get(k).value(), b.generator().namedParameters().get(k).value(), k);
      }
    }
    GanConfig other = base().seed(6).build();
    assertNotEquals(run(new GanTrainer(dcgan(), SMALL, DATA), 2), run(new GanTrainer(other, SMALL, DATA), 2));
  }

  @Test
  void conditionalGanFeedsTheLabelToBothNetworks() {
    // Batches of 64 hold every class (with this seed), so every label channel of D gets a gradient.
    GanTrainer t = new GanTrainer(base().conditionClasses(10).batchSize(64).build(), SMALL, DATA);
    // G takes [z (16), one-hot(y) (10)]; D takes 1 image channel + 10 label channels.
    assertArrayEquals(new long[] {1, 28, 28}, t.generator().outputShape(new long[] {26}));
    assertArrayEquals(new long[] {1}, t.discriminator().outputShape(new long[] {11, 28, 28}));
    var g0 = snapshot(t.generator());
    var d0 = snapshot(t.discriminator());
    t.step();
    assertAllChanged(g0, t.generator(), "G");
    assertAllChanged(d0, t.discriminator(), "D");
    // The label channels' weights of D's first convolution (input channels 1..10) received gradient.
    INDArray w0 = d0.get("0.weight");
    INDArray w1 = t.discriminator().namedParameters().get("0.weight").value();
    for (int c = 1; c <= 10; c++) {
      assertNotEquals(channel(w0, c), channel(w1, c), "label channel " + c);
    }
    // The same z with two labels gives two images; the fixed evaluation rows cycle through the classes.
    INDArray z = Nd4j.randn(DataType.FLOAT, 2, 16);
    INDArray same = Nd4j.concat(0, z.getRow(0).reshape(1, 16), z.getRow(0).reshape(1, 16));
    INDArray x = t.generate(t.generatorInput(same, new long[] {3, 7}, null, null));
    assertNotEquals(x.slice(0), x.slice(1));
    assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, t.evalLabels());
    // The evaluation input of row i is one-hot(i mod 10) after z.
    INDArray in = t.generatorInput(Nd4j.zeros(DataType.FLOAT, 1, 16), new long[] {4}, null, null);
    assertEquals(1.0, in.getDouble(0, 16 + 4));
    assertEquals(1.0, in.sumNumber().doubleValue());
    var bad = assertThrows(IllegalArgumentException.class,
        () -> t.generatorInput(Nd4j.zeros(DataType.FLOAT, 1, 16), new long[] {10}, null, null));
    assertEquals("generatorInput: labels[0] = 10 must be in [0, 10)", bad.getMessage());
  }

  /** w[:, c] of a convolution weight [out, in, kh, kw], as a new array. */
  static INDArray channel(INDArray w, int c) {
    return w.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()).dup();
  }

  @Test
  void conditionalGanWithAGradientPenaltyTrains() {
    GanConfig c = base().conditionClasses(10).loss(new GanLoss.Wasserstein()).penalty(new Penalty.GradientPenalty(10))
        .nCritic(2).build();
    GanTrainer t = new GanTrainer(c, SMALL, DATA);
    StepMetrics m = t.train(2);
    assertTrue(m.penalty() > 0 && Double.isFinite(m.penalty()), m.toJson());
  }

  @Test
  void infoGanHasAQHeadAndLearnsToRecoverTheCodes() {
    Adam.Config fast = new Adam.Config(1e-3, 0.5, 0.999, 1e-8, 0, false);
    GanConfig c = base().infoCodes(10, 2).batchSize(16).generatorOptimizer(fast).discriminatorOptimizer(fast).build();
    GanTrainer t = new GanTrainer(c, SMALL, DATA);
    // D's last layer gives the logit and Q's 10 categorical logits and 2 continuous means.
    assertArrayEquals(new long[] {13}, t.discriminator().outputShape(new long[] {1, 28, 28}));
    assertArrayEquals(new long[] {1, 28, 28}, t.generator().outputShape(new long[] {28}));
    List<Double> info = new ArrayList<>();
    t.addListener((tr, m) -> info.add(m.infoLoss()));
    t.train(60);
    // At the start Q knows nothing: CE ≈ log 10 plus ½E‖c‖² = ½·2·(1/3) for c ~ U(−1, 1)².
    assertEquals(Math.log(10) + 1.0 / 3, info.get(0), 0.5);
    double late = info.subList(50, 60).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(late < 0.5 * info.get(0), "L_I fell from " + info.get(0) + " to " + late);
  }

  @Test
  void checkpointResumeIsExactForConditionalAndInfoGan(@TempDir Path dir) throws Exception {
    for (GanConfig c : List.of(base().conditionClasses(10).emaDecay(0.9).build(),
        base().infoCodes(10, 2).emaDecay(0.9).build())) {
      List<String> all = run(new GanTrainer(c, SMALL, DATA), 4);
      GanTrainer first = new GanTrainer(c, SMALL, DATA);
      List<String> head = List.copyOf(run(first, 2));
      Path d = dir.resolve(c.conditionClasses() > 0 ? "cgan" : "info");
      first.save(d);
      GanTrainer resumed = new GanTrainer(c, SMALL, DATA);
      resumed.load(d);
      List<String> tail = run(resumed, 2);
      List<String> joined = new ArrayList<>(head);
      joined.addAll(tail);
      assertEquals(all, joined);
    }
  }

  @Test
  void misconfigurationsAreNamed() {
    var ex = assertThrows(IllegalArgumentException.class,
        () -> new GanTrainer(base().conditionClasses(10).build(), Mlp2d.relu(8), GaussianMixture.pacganRing()));
    assertTrue(ex.getMessage().contains("conditionClasses = 10") && ex.getMessage().contains("0 classes"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> base().conditionClasses(10).pack(2).build());
    assertTrue(ex.getMessage().contains("pack = 1"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> base().infoCodes(1, 0).build());
    assertTrue(ex.getMessage().contains("infoCategorical = 1"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> new GanTrainer(base().infoCodes(4, 0).noiseDim(2).build(), Mlp2d.relu(8), GaussianMixture.pacganRing()));
    assertTrue(ex.getMessage().contains("InfoGAN needs 5"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> new GanTrainer(dcgan(), SMALL, GaussianMixture.pacganRing()));
    assertTrue(ex.getMessage().contains("H and W multiples of 4"), ex.getMessage());
  }

  @Test
  void packingStacksImagesAlongChannels() {
    GanTrainer t = new GanTrainer(base().pack(3).build(), SMALL, DATA);
    assertArrayEquals(new long[] {1}, t.discriminator().outputShape(new long[] {3, 28, 28}));
    assertTrue(Double.isFinite(t.step().discriminatorLoss()));
  }

}
