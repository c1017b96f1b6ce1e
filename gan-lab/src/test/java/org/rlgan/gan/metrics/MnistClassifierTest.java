package org.rlgan.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.gan.images.TestMnist;
import org.rlgan.nets.data.Mnist;

/** The feature classifier trained on the CI subset, and the metrics on real digits against degraded ones. */
class MnistClassifierTest {
  static MnistClassifier classifier;
  static Mnist.Split test;

  @BeforeAll
  static void train() {
    classifier = MnistClassifier.train(TestMnist.train(), 3, 0);
    test = TestMnist.test();
  }

  static INDArray images(Mnist.Split s) {
    return Nd4j.createFromArray(s.images(0, s.size())).reshape(s.size(), 1, 28, 28);
  }

  @Test
  void classifiesTheHeldOutDigits() {
    double acc = classifier.accuracy(test);
    assertTrue(acc >= 0.9, "accuracy " + acc + " on the 500 held-out digits");
    double[][] p = classifier.probabilities(images(test));
    assertEquals(500, p.length);
    assertEquals(1.0, java.util.Arrays.stream(p[0]).sum(), 1e-6);
    assertEquals(MnistClassifier.FEATURES, classifier.features(images(test))[0].length);
  }

  @Test
  void realDigitsScoreBetterThanNoiseAndOneClass() {
    Mnist.Split train = TestMnist.train();
    double[][] real = classifier.features(Nd4j.createFromArray(train.images(0, 1000)).reshape(1000, 1, 28, 28));
    double[][] held = classifier.features(images(test));
    INDArray noise = Nd4j.rand(DataType.FLOAT, 500, 1, 28, 28);
    double[][] fake = classifier.features(noise);
    double fidReal = ImageMetrics.frechetDistance(real, held);
    double fidNoise = ImageMetrics.frechetDistance(real, fake);
    assertTrue(fidNoise > 20 * fidReal, "FID real/held-out " + fidReal + ", real/noise " + fidNoise);
    // Test digits spread over all classes with confident predictions: a score well above a single class's.
    double score = ImageMetrics.classifierScore(classifier.probabilities(images(test)), 1).mean();
    assertTrue(score > 7, "classifier score of real digits " + score);
    int[] ones = java.util.stream.IntStream.range(0, test.size()).filter(i -> test.label(i) == 1).toArray();
    double[][] p1 = classifier.probabilities(Nd4j.createFromArray(test.images(ones)).reshape(ones.length, 1, 28, 28));
    assertTrue(ImageMetrics.classifierScore(p1, 1).mean() < 1.5, "one class scores near 1");
    ImageMetrics.PrecisionRecall prReal = ImageMetrics.precisionRecall(real, held, 3);
    ImageMetrics.PrecisionRecall prNoise = ImageMetrics.precisionRecall(real, fake, 3);
    assertTrue(prReal.precision() > 0.8 && prReal.recall() > 0.8, prReal.toString());
    assertTrue(prNoise.precision() < 0.05, prNoise.toString());
    ImageMetrics.MeanStd kidReal = ImageMetrics.kernelDistance(real, held, 10, 500, new SplittableRandom(0));
    ImageMetrics.MeanStd kidNoise = ImageMetrics.kernelDistance(real, fake, 10, 500, new SplittableRandom(0));
    assertTrue(kidNoise.mean() > 20 * Math.abs(kidReal.mean()), kidReal + " vs " + kidNoise);
  }

  @Test
  void cachedWeightsGiveTheSameFeatures(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("classifier.npz");
    classifier.save(f);
    MnistClassifier back = MnistClassifier.loadOrTrain(f, TestMnist.train(), 3, 0);
    INDArray x = images(test);
    assertArrayEquals(classifier.features(x)[7], back.features(x)[7]);
  }

  @Test
  void sameSeedSameClassifier() {
    // One epoch on the 500 test digits, twice with seed 4 and once with seed 5 (cheap; the determinism is the point).
    INDArray x = images(test);
    double[] a = MnistClassifier.train(test, 1, 4).features(x)[3];
    assertArrayEquals(a, MnistClassifier.train(test, 1, 4).features(x)[3]);
    assertFalse(java.util.Arrays.equals(a, MnistClassifier.train(test, 1, 5).features(x)[3]));
  }
}
