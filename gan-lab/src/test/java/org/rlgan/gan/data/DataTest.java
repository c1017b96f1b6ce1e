package org.rlgan.gan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.gan.SplitMix64;

class DataTest {

  @Test
  void floatSamplesAreTheDoubleSamplesRounded() {
    GaussianMixture g = GaussianMixture.pacganGrid();
    INDArray d = g.sample(300, new SplitMix64(3), DataType.DOUBLE);
    INDArray f = g.sample(300, new SplitMix64(3), DataType.FLOAT);
    assertEquals(DataType.FLOAT, f.dataType());
    assertEquals(d.castTo(DataType.FLOAT), f);
  }

  @Test
  void modesAreDrawnUniformly() {
    GaussianMixture ring = GaussianMixture.pacganRing();
    INDArray x = ring.sample(8000, new SplitMix64(4), DataType.DOUBLE);
    int[] counts = new int[8];
    for (int i = 0; i < 8000; i++) {
      double a = Math.atan2(x.getDouble(i, 1), x.getDouble(i, 0));
      counts[(int) Math.round((a < 0 ? a + 2 * Math.PI : a) / (Math.PI / 4)) % 8]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 1000) < 4 * Math.sqrt(1000 * 7.0 / 8), java.util.Arrays.toString(counts)); // 4σ
    }
  }

  @Test
  void swissRollIsGulrajanisToyData() {
    SwissRoll s = new SwissRoll();
    INDArray x = s.sample(2000, new SplitMix64(5), DataType.DOUBLE);
    assertEquals(2000, x.size(0));
    // t ∈ [1.5π, 4.5π): radius t/7.5 ∈ [0.63, 1.88] before the noise (σ = 0.25/7.5 = 0.033).
    for (int i = 0; i < 2000; i++) {
      double r = Math.hypot(x.getDouble(i, 0), x.getDouble(i, 1));
      assertTrue(r > 0.63 - 0.2 && r < 1.885 + 0.2, "radius " + r);
    }
    SwissRoll clean = new SwissRoll(0, 1);
    INDArray y = clean.sample(50, new SplitMix64(6), DataType.DOUBLE);
    for (int i = 0; i < 50; i++) {
      double t = Math.hypot(y.getDouble(i, 0), y.getDouble(i, 1));
      // Without noise the point is (t cos t, t sin t) exactly.
      assertEquals(t * Math.cos(t), y.getDouble(i, 0), 1e-9);
    }
    assertEquals(new SwissRoll().sample(10, new SplitMix64(1), DataType.FLOAT),
        new SwissRoll().sample(10, new SplitMix64(1), DataType.FLOAT));
    assertThrows(IllegalArgumentException.class, () -> new SwissRoll(-1, 1));
  }

  @Test
  void splitMixStateRestoresTheStream() {
    SplitMix64 a = new SplitMix64(9);
    a.nextGaussian();
    long s = a.state();
    double next = a.nextGaussian();
    SplitMix64 b = new SplitMix64(0);
    b.setState(s);
    assertEquals(next, b.nextGaussian());
    // Steele et al.'s reference output for seed 0 (splitmix64.c): first value 0xE220A8397B1DCDAF.
    assertEquals(0xE220A8397B1DCDAFL, new SplitMix64(0).nextLong());
  }
}
