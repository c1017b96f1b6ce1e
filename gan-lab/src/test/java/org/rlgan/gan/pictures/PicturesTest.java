package org.rlgan.gan.pictures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.data.ImageSet;
import org.rlgan.gan.loss.GanLoss;
import org.rlgan.gan.models.Dcgan;
import org.rlgan.gan.models.Mlp2d;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.nets.Tensor;
import org.rlgan.nets.layers.ForwardContext;

/** Latent interpolations, the decision surface and multi-channel grids. */
class PicturesTest {

  @Test
  void slerpKeepsTheEndpointsAndTheNormAndFallsBackToTheLine() {
    double[] a = {3, 0, 0};
    double[] b = {0, 3, 0};
    assertArrayEquals(a, LatentInterpolation.slerp(a, b, 0), 1e-12);
    assertArrayEquals(b, LatentInterpolation.slerp(a, b, 1), 1e-12);
    // Orthogonal vectors of norm 3: the midpoint is (a + b)/√2, still of norm 3 (a straight line gives 3/√2).
    double h = 3 / Math.sqrt(2);
    assertArrayEquals(new double[] {h, h, 0}, LatentInterpolation.slerp(a, b, 0.5), 1e-12);
    double[] q = LatentInterpolation.slerp(a, b, 0.3);
    assertEquals(3, Math.sqrt(q[0] * q[0] + q[1] * q[1]), 1e-12);
    // Angle 30°: t = 0.5 lies at 15° from each end.
    double[] c = {3 * Math.cos(Math.PI / 6), 3 * Math.sin(Math.PI / 6), 0};
    double[] m = LatentInterpolation.slerp(a, c, 0.5);
    assertEquals(Math.PI / 12, Math.atan2(m[1], m[0]), 1e-12);
    // Parallel vectors: sin Ω = 0, the straight line.
    assertArrayEquals(new double[] {4.5, 0, 0}, LatentInterpolation.slerp(a, new double[] {6, 0, 0}, 0.5), 1e-12);
  }

  static GanConfig.Builder small() {
    return GanConfig.builder().batchSize(8).noiseDim(6).seed(3).evalSamples(20);
  }

  @Test
  void interpolationRowsRunBetweenFixedNoiseAndKeepTheirLabel(@TempDir Path dir) throws Exception {
    ImageSet data = frames();
    GanTrainer t = new GanTrainer(small().build(), new Dcgan(4), data);
    t.train(2);
    INDArray in = LatentInterpolation.inputs(t, 3, 5, 11);
    assertArrayEquals(new long[] {15, 6}, in.shape());
    INDArray again = LatentInterpolation.inputs(t, 3, 5, 11);
    assertEquals(in, again);   // the same seed, the same picture
    assertNotEquals(in.getRow(0), in.getRow(4));
    // Every point of a row has the norm slerp gives between its ends; rows differ.
    INDArray img = LatentInterpolation.images(t, 3, 5, 11);
    assertArrayEquals(new long[] {15, 4, 12, 12}, img.shape());
    assertEquals(t.generate(in.get(NDArrayIndex.interval(4, 5))), img.get(NDArrayIndex.interval(4, 5)));
    Path png = dir.resolve("interpolation.png");
    LatentInterpolation.write(t, 3, 5, 11, 2, png);
    BufferedImage b = ImageIO.read(png.toFile());
    assertEquals(5 * (24 + ImageGrid.BORDER) + ImageGrid.BORDER, b.getWidth());
    assertEquals(3 * (24 + ImageGrid.BORDER) + ImageGrid.BORDER, b.getHeight());

    // A conditional generator: row r asks for class r mod K at every step (one-hot after z).
    GanTrainer c = new GanTrainer(small().conditionClasses(10).build(), new Dcgan(4),
        new org.rlgan.gan.data.MnistImages(org.rlgan.gan.images.TestMnist.train()));
    INDArray ci = LatentInterpolation.inputs(c, 12, 3, 11);
    for (int i = 0; i < 36; i++) {
      assertEquals(1f, ci.getFloat(i, 6 + (i / 3) % 10), "row " + i / 3);
    }
  }

  @Test
  void decisionSurfaceIsSigmaOfDOnPackedCopiesOfEachGridPoint(@TempDir Path dir) throws Exception {
    GanTrainer t = new GanTrainer(small().noiseDim(2).pack(2).build(), Mlp2d.relu(8), GaussianMixture.pacganRing());
    t.train(3);
    double[] bounds = {-1, 1, -2, 2};
    DecisionSurface.Surface s = DecisionSurface.evaluate(t, bounds, 4);
    assertTrue(s.probability());
    // Cell (row 0, column 1): x = −1 + 1.5/4·2 = −0.25, y = 2 − 0.5/4·4 = 1.5 (top row first), repeated twice.
    INDArray in = Nd4j.createFromArray(new float[] {-0.25f, 1.5f, -0.25f, 1.5f}).reshape(1, 4);
    double d = t.discriminator().forward(Tensor.constant(in), ForwardContext.eval()).value().getDouble(0, 0);
    assertEquals(1 / (1 + Math.exp(-d)), s.values()[1], 1e-6);
    // A critic's values are scaled over the grid: min 0, max 1.
    GanTrainer w = new GanTrainer(small().noiseDim(2).loss(new GanLoss.Wasserstein()).build(), Mlp2d.relu(8),
        GaussianMixture.pacganRing());
    DecisionSurface.Surface ws = DecisionSurface.evaluate(w, bounds, 5);
    assertEquals(0, java.util.Arrays.stream(ws.values()).min().getAsDouble(), 1e-12);
    assertEquals(1, java.util.Arrays.stream(ws.values()).max().getAsDouble(), 1e-12);
    Path png = dir.resolve("decision.png");
    DecisionSurface.write(png, s, new double[][] {{0, 0}}, new double[][] {{0.5, -1}}, "test", 200);
    BufferedImage b = ImageIO.read(png.toFile());
    assertEquals(200, b.getWidth());
    assertEquals(224, b.getHeight());
    // The top-left cell's colour is its value's, the real point at the centre is dark grey.
    assertEquals(DecisionSurface.colour(s.values()[0]) & 0xFFFFFF, b.getRGB(3, 24 + 3) & 0xFFFFFF);
    assertEquals(DecisionSurface.REAL & 0xFFFFFF, b.getRGB(100, 24 + 100) & 0xFFFFFF);
    assertEquals(DecisionSurface.FAKE & 0xFFFFFF, b.getRGB(150, 174) & 0xFFFFFF);   // (0.5, −1): x 1.5/2·200, y 24 + 3/4·200
    assertEquals(0xFFFFFF, DecisionSurface.colour(0.5) & 0xFFFFFF);
  }

  @Test
  void channelsAreColouredByThePalette() {
    // One 1 x 2 image of 4 channels: pixel 0 has channel 1 on, pixel 1 has every channel off.
    float[] v = {-1, -1, 1, -1, -1, -1, -1, -1};
    INDArray rgb = ImageGrid.channelsToRgb(Nd4j.createFromArray(v).reshape(1, 4, 1, 2), -1, 1);
    assertArrayEquals(new long[] {1, 3, 1, 2}, rgb.shape());
    int p = ImageGrid.PALETTE[1];
    assertEquals(((p >> 16) & 0xff) / 255.0, rgb.getDouble(0, 0, 0, 0), 1e-6);
    assertEquals(((p >> 8) & 0xff) / 255.0, rgb.getDouble(0, 1, 0, 0), 1e-6);
    assertEquals((p & 0xff) / 255.0, rgb.getDouble(0, 2, 0, 0), 1e-6);
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(0, rgb.getDouble(0, ch, 0, 1), 0);
    }
  }

  /** 30 random binary 4-channel 12 × 12 frames in {−1, 1}. */
  static ImageSet frames() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] px = new float[30 * 4 * 12 * 12];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextInt(5) == 0 ? 1 : -1;
    }
    return new ImageSet(px, new long[] {4, 12, 12}, "test frames");
  }

  @Test
  void imageSetDrawsWholeImagesFromItsGenerator() {
    ImageSet s = frames();
    INDArray a = s.sample(7, new org.rlgan.gan.SplitMix64(9), DataType.FLOAT);
    assertEquals(a, s.sample(7, new org.rlgan.gan.SplitMix64(9), DataType.FLOAT));
    assertArrayEquals(new long[] {7, 4, 12, 12}, a.shape());
    // Each drawn image is one of the set's, whole.
    for (int i = 0; i < 7; i++) {
      INDArray one = a.get(NDArrayIndex.interval(i, i + 1));
      boolean found = false;
      for (int j = 0; j < s.size() && !found; j++) {
        found = one.equals(s.images(j, j + 1));
      }
      assertTrue(found, "sample " + i);
    }
  }
}
