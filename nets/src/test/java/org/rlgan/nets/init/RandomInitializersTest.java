package org.rlgan.nets.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Distributions, bounds and reproducibility of the random initialisers. */
class RandomInitializersTest {
  private static final long FAN_IN = 256;
  private static final long FAN_OUT = 512;
  private static final long[] SHAPE = {FAN_IN, FAN_OUT};

  /** An initialiser with the variance torch.nn.init gives it for (FAN_IN, FAN_OUT), and whether uniform. */
  private record Case(Initializer init, double variance, boolean uniform) {}

  private static List<Case> cases() {
    double glorot = 2.0 / (FAN_IN + FAN_OUT);
    double leaky = 2.0 / (1 + 0.2 * 0.2);
    return List.of(
        new Case(new GlorotUniform(), glorot, true),
        new Case(new GlorotUniform(Gain.tanh()), 25.0 / 9 * glorot, true),
        new Case(new GlorotNormal(), glorot, false),
        new Case(new GlorotNormal(0.5), 0.25 * glorot, false),
        new Case(new HeUniform(), 2.0 / FAN_IN, true),
        new Case(HeUniform.leakyRelu(0.2, FanMode.FAN_OUT), leaky / FAN_OUT, true),
        new Case(new HeNormal(), 2.0 / FAN_IN, false),
        new Case(HeNormal.leakyRelu(0.2, FanMode.FAN_OUT), leaky / FAN_OUT, false),
        new Case(new HeNormal(1.0, FanMode.FAN_IN), 1.0 / FAN_IN, false));
  }

  @Test
  void meanVarianceBoundsAndShapeOfTheDistribution() {
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    int seed = 100;
    for (Case c : cases()) {
      INDArray w = c.init().init(SHAPE, FAN_IN, FAN_OUT, DataType.DOUBLE, new SplittableRandom(seed++));
      assertArrayEquals(SHAPE, w.shape());
      assertEquals(DataType.DOUBLE, w.dataType());
      double[] x = w.data().asDouble();
      int n = x.length;
      double mean = 0;
      for (double v : x) {
        mean += v;
      }
      mean /= n;
      double var = 0;
      for (double v : x) {
        var += (v - mean) * (v - mean);
      }
      var /= n - 1;
      double std = Math.sqrt(c.variance());
      String what = c.init().toString();
      assertEquals(0.0, mean, 5 * std / Math.sqrt(n), what);                // 5 standard errors
      assertEquals(c.variance(), var, 0.03 * c.variance(), what);           // within 3 %
      RealDistribution reference;
      if (c.uniform()) {
        double bound = Math.sqrt(3 * c.variance());
        double maxAbs = 0;
        for (double v : x) {
          maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs <= bound, what + ": " + maxAbs + " > " + bound);
        assertTrue(maxAbs > 0.999 * bound, what);
        reference = new UniformRealDistribution(-bound, bound);
      } else {
        long beyond3 = java.util.Arrays.stream(x).filter(v -> Math.abs(v) > 3 * std).count();
        assertTrue(beyond3 > 0.0027 * n / 2, what + ": not truncated, " + beyond3 + " beyond 3σ");
        reference = new NormalDistribution(0, std);
      }
      double p = ks.kolmogorovSmirnovTest(reference, x);
      assertTrue(p > 1e-3, what + ": Kolmogorov–Smirnov p = " + p);
    }
  }

  /** The bounds and deviations of torch.nn.init, worked out by hand. */
  @Test
  void pytorchFormulas() {
    assertEquals(Math.sqrt(6.0 / 8), new GlorotUniform().bound(3, 5), 1e-15);
    assertEquals(2 * Math.sqrt(2.0 / 8), new GlorotNormal(2).std(3, 5), 1e-15);
    assertEquals(Math.sqrt(6) / 10, new HeUniform().bound(100, 7), 1e-15);       // √3·√2/√100
    assertEquals(Math.sqrt(2) / Math.sqrt(7), new HeNormal(Gain.relu(), FanMode.FAN_OUT).std(100, 7), 1e-15);
    // nn.Linear's default, kaiming_uniform_(a=√5): bound 1/√fanIn.
    assertEquals(1 / Math.sqrt(40), HeUniform.leakyRelu(Math.sqrt(5), FanMode.FAN_IN).bound(40, 3), 1e-15);
    assertEquals(Math.sqrt(2 / 1.0001), Gain.leakyRelu(0.01), 1e-15);
    assertEquals(Math.sqrt(2), Gain.leakyRelu(0), 0);
    assertEquals(5.0 / 3, Gain.tanh(), 0);
  }

  @Test
  void sameSeedSameBitsDifferentSeedDifferentValues() {
    for (Case c : cases()) {
      for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
        INDArray a = c.init().init(new long[] {7, 5}, 7, 5, type, new SplittableRandom(9));
        INDArray b = c.init().init(new long[] {7, 5}, 7, 5, type, new SplittableRandom(9));
        INDArray d = c.init().init(new long[] {7, 5}, 7, 5, type, new SplittableRandom(10));
        assertEquals(type, a.dataType());
        assertEquals(a, b, c.init().toString());
        assertFalse(a.equals(d), c.init().toString());
      }
    }
  }

  /** float32 values are the float64 draws rounded once, so both types come from the same stream. */
  @Test
  void narrowTypesAreTheFloat64DrawsRounded() {
    for (Case c : cases()) {
      double[] d = c.init().init(new long[] {4, 6}, 4, 6, DataType.DOUBLE, new SplittableRandom(5)).data().asDouble();
      float[] f = c.init().init(new long[] {4, 6}, 4, 6, DataType.FLOAT, new SplittableRandom(5)).data().asFloat();
      for (int i = 0; i < d.length; i++) {
        assertEquals((float) d[i], f[i], 0, c.init().toString());
      }
    }
  }

  @Test
  void higherRankShapesUseTheGivenFans() {
    INDArray w = new HeNormal().init(new long[] {16, 3, 5, 5}, Fans.conv(3, 16, 5, 5), DataType.FLOAT,
        new SplittableRandom(1));
    assertArrayEquals(new long[] {16, 3, 5, 5}, w.shape());
    INDArray dense = new GlorotUniform().initDense(3, 4, DataType.DOUBLE, new SplittableRandom(1));
    assertArrayEquals(new long[] {3, 4}, dense.shape());
    assertEquals(new GlorotUniform().init(new long[] {3, 4}, 3, 4, DataType.DOUBLE, new SplittableRandom(1)), dense);
  }

  @Test
  void invalidConfigurationsAreRejectedNamingTheField() {
    List<DoubleFunction<Initializer>> makers = List.of(GlorotUniform::new, GlorotNormal::new,
        g -> new HeUniform(g, FanMode.FAN_IN), g -> new HeNormal(g, FanMode.FAN_OUT), Orthogonal::new);
    for (DoubleFunction<Initializer> make : makers) {
      for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> make.apply(bad));
        assertTrue(e.getMessage().contains("gain") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new HeUniform(1, null));
    assertThrows(IllegalArgumentException.class, () -> HeNormal.leakyRelu(Double.NaN, FanMode.FAN_IN));
  }

  @Test
  void invalidArgumentsAreRejected() {
    Initializer g = new GlorotUniform();
    SplittableRandom rng = new SplittableRandom(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.init(new long[] {3, 0}, 3, 1, DataType.DOUBLE, rng));
    assertTrue(e.getMessage().contains("[3, 0]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.init(new long[] {3, 2}, 0, 2, DataType.DOUBLE, rng));
    assertTrue(e.getMessage().contains("fanIn"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.init(new long[] {3, 2}, 3, 2, DataType.INT32, rng));
    assertTrue(e.getMessage().contains("INT"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.init(new long[] {3, 2}, 3, 2, DataType.DOUBLE, null));
    assertTrue(e.getMessage().contains("rng"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new HeNormal(1, FanMode.FAN_OUT).init(new long[] {3, 2}, 3, 0, DataType.DOUBLE, rng));
    assertTrue(e.getMessage().contains("fanOut"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Fans.dense(0, 3));
    assertThrows(IllegalArgumentException.class, () -> Fans.dense(new long[] {2, 3, 4}));
  }
}
