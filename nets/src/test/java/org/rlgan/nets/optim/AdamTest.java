package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.optim.Fixtures.assertValues;
import static org.rlgan.nets.optim.Fixtures.param;
import static org.rlgan.nets.optim.Fixtures.stepWith;
import static org.rlgan.nets.optim.Fixtures.vec;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rlgan.nets.Tensor;

/**
 * Adam, AMSGrad and AdamW against updates worked by hand from Kingma &amp; Ba (2015) Algorithm 1, Reddi et
 * al. (2018) and Loshchilov &amp; Hutter (2019) Algorithm 2, in PyTorch's form: m ← β₁m + (1 − β₁)g,
 * v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ), θ ← θ − η·m̂/(√v̂ + ε).
 * β = (0.9, 0.999), ε = 1e-8, η = 0.1; θ₀ = (1, −2); g₁ = (0.5, −1), g₂ = (0.25, 2), g₃ = (−1, 0.5).
 */
class AdamTest {

  @Test
  void adam() {
    Adam opt = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, false).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: m = (0.05, −0.1); v = (0.00025, 0.001); m̂ = m/0.1 = (0.5, −1); v̂ = v/0.001 = (0.25, 1)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.1 * 0.5 / (0.5 + 1e-8);
    double b1 = -2.0 - 0.1 * -1.0 / (1.0 + 1e-8);
    assertValues(p, a1, b1);
    // step 2: m = 0.9·(0.05, −0.1) + 0.1·(0.25, 2) = (0.07, 0.11);
    //         v = 0.999·(0.00025, 0.001) + 0.001·(0.0625, 4) = (0.00031225, 0.004999);
    //         1 − β₁² = 0.19, 1 − β₂² = 0.001999
    stepWith(opt, p, 0.25, 2.0);
    double a2 = a1 - 0.1 * (0.07 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + 1e-8);
    double b2 = b1 - 0.1 * (0.11 / 0.19) / (Math.sqrt(0.004999 / 0.001999) + 1e-8);
    assertValues(p, a2, b2);
    // step 3: m = 0.9·(0.07, 0.11) + 0.1·(−1, 0.5) = (−0.037, 0.149);
    //         v = 0.999·(0.00031225, 0.004999) + 0.001·(1, 0.25) = (0.00131193775, 0.005244001);
    //         1 − β₁³ = 0.271, 1 − β₂³ = 0.002997001
    stepWith(opt, p, -1.0, 0.5);
    assertValues(p,
        a2 - 0.1 * (-0.037 / 0.271) / (Math.sqrt(0.00131193775 / 0.002997001) + 1e-8),
        b2 - 0.1 * (0.149 / 0.271) / (Math.sqrt(0.005244001 / 0.002997001) + 1e-8));
  }

  @Test
  void adamWithL2WeightDecay() {
    Adam opt = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.1, false).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: g = (0.5 + 0.1, −1 − 0.2) = (0.6, −1.2); m̂ = g, v̂ = g²: a normalised step of η·sign(g)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.1 * 0.6 / (0.6 + 1e-8);
    double b1 = -2.0 + 0.1 * 1.2 / (1.2 + 1e-8);
    assertValues(p, a1, b1);
    // step 2: g = (0.25 + 0.1·a1, 2 + 0.1·b1); m = 0.9·(0.06, −0.12) + 0.1g; v = 0.999·(0.00036, 0.00144) + 0.001g²
    stepWith(opt, p, 0.25, 2.0);
    double ga = 0.25 + 0.1 * a1;
    double gb = 2.0 + 0.1 * b1;
    double ma = 0.9 * 0.06 + 0.1 * ga;
    double mb = 0.9 * -0.12 + 0.1 * gb;
    double va = 0.999 * 0.00036 + 0.001 * ga * ga;
    double vb = 0.999 * 0.00144 + 0.001 * gb * gb;
    assertValues(p, a1 - 0.1 * (ma / 0.19) / (Math.sqrt(va / 0.001999) + 1e-8),
        b1 - 0.1 * (mb / 0.19) / (Math.sqrt(vb / 0.001999) + 1e-8));
  }

  @Test
  void amsgrad() {
    Adam opt = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, true).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: as Adam (v̄ = max(0, v) = v)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.1 * 0.5 / (0.5 + 1e-8);
    double b1 = -2.0 + 0.1 * 1.0 / (1.0 + 1e-8);
    assertValues(p, a1, b1);
    // step 2 with g₂ = (0.25, 0): m = (0.07, −0.09); v = (0.00031225, 0.999·0.001 = 0.000999).
    // The second v fell, so v̄ = max(0.001, 0.000999) = 0.001 is used; the first rose: v̄ = v.
    stepWith(opt, p, 0.25, 0.0);
    double a2 = a1 - 0.1 * (0.07 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + 1e-8);
    double b2 = b1 - 0.1 * (-0.09 / 0.19) / (Math.sqrt(0.001 / 0.001999) + 1e-8);
    assertValues(p, a2, b2);
    // Plain Adam would have used 0.000999 and moved the second coordinate further.
    double plainB2 = b1 - 0.1 * (-0.09 / 0.19) / (Math.sqrt(0.000999 / 0.001999) + 1e-8);
    assertTrue(Math.abs(p.value().getDouble(1) - plainB2) > 1e-6);
    Map<String, INDArray> s = opt.state(Optimizer.named(List.of(p)));
    assertEquals(0.001, s.get("w/max_exp_avg_sq").getDouble(1), 1e-18);
    assertEquals(0.000999, s.get("w/exp_avg_sq").getDouble(1), 1e-18);
  }

  @Test
  void adamW() {
    AdamW opt = new AdamW.Config(0.1, 0.9, 0.999, 1e-8, 0.1, false).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: θ ← θ(1 − 0.1·0.1) = (0.99, −1.98), then the Adam step with the raw gradient
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 0.99 - 0.1 * 0.5 / (0.5 + 1e-8);
    double b1 = -1.98 + 0.1 * 1.0 / (1.0 + 1e-8);
    assertValues(p, a1, b1);
    // step 2: θ ← 0.99θ₁, then Adam's step 2 (moments as in adam(): the decay does not enter them)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, 0.99 * a1 - 0.1 * (0.07 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + 1e-8),
        0.99 * b1 - 0.1 * (0.11 / 0.19) / (Math.sqrt(0.004999 / 0.001999) + 1e-8));
    assertEquals(2, opt.iterations());
  }

  @Test
  void adamWDefaultsArePyTorchs() {
    AdamW.Config c = AdamW.Config.of(1e-3);
    assertEquals(new AdamW.Config(1e-3, 0.9, 0.999, 1e-8, 1e-2, false), c);
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0, false), Adam.Config.of(1e-3));
  }

  @Test
  void biasCorrectionCountsEachParametersOwnUpdates() {
    Adam opt = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, false).build();
    Tensor a = param("a", 1.0);
    Tensor b = param("b", 1.0);
    List<Tensor> both = List.of(a, b);
    a.setGrad(vec(0.5));
    opt.step(both);          // b has no gradient: untouched, no state
    assertValues(b, 1.0);
    assertEquals(0, opt.state(Optimizer.named(both)).get("b/step").getLong(0));
    assertNull(opt.state(Optimizer.named(both)).get("b/exp_avg"));
    b.setGrad(vec(-2.0));
    opt.step(both);
    // b's first update is bias-corrected with k = 1: m̂ = g, v̂ = g², so it moves by η·1/(1 + 1e-8·...)
    assertValues(b, 1.0 + 0.1 * 2.0 / (2.0 + 1e-8));
    assertEquals(2, opt.state(Optimizer.named(both)).get("a/step").getLong(0));
    assertEquals(1, opt.state(Optimizer.named(both)).get("b/step").getLong(0));
  }

  @Test
  void float32StateAndUpdate() {
    Adam opt = new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0, false).build();
    Tensor p = Tensor.parameter("w", Nd4j.create(new float[] {1f, -2f}, new long[] {2}, DataType.FLOAT));
    p.setGrad(Nd4j.create(new float[] {0.5f, -1f}, new long[] {2}, DataType.FLOAT));
    opt.step(List.of(p));
    assertEquals(DataType.FLOAT, p.value().dataType());
    assertEquals(0.9, p.value().getDouble(0), 1e-6);
    assertEquals(-1.9, p.value().getDouble(1), 1e-6);
    assertEquals(DataType.FLOAT, opt.state(Optimizer.named(List.of(p))).get("w/exp_avg").dataType());
    assertEquals(DataType.FLOAT, opt.state(Optimizer.named(List.of(p))).get("w/exp_avg_sq").dataType());
  }

  /**
   * The block-wise float32 path of HostLoop (dense float arrays, 5,000 elements: three blocks, the last partial)
   * gives bit for bit the values of the general path (here taken by a parameter that is a view into a larger
   * array), over three steps with weight decay.
   */
  @Test
  void blockwiseFloat32PathMatchesTheGeneralPath() {
    int n = 5000;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    float[] init = new float[n];
    for (int i = 0; i < n; i++) {
      init[i] = (float) rng.nextGaussian();
    }
    Tensor dense = Tensor.parameter("w", Nd4j.create(init, new long[] {n}, DataType.FLOAT));
    INDArray big = Nd4j.create(DataType.FLOAT, 2, n);
    big.getRow(0).assign(Nd4j.create(init, new long[] {n}, DataType.FLOAT));
    Tensor view = Tensor.parameter("w", big.getRow(0));
    assertTrue(view.value().isView(), "the second parameter must take the general path");
    Adam a = new Adam.Config(0.01, 0.9, 0.999, 1e-8, 0.1, false).build();
    Adam b = a.copy();
    for (int step = 0; step < 3; step++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) rng.nextGaussian();
      }
      dense.setGrad(Nd4j.create(g, new long[] {n}, DataType.FLOAT));
      view.setGrad(Nd4j.create(g, new long[] {n}, DataType.FLOAT));
      a.step(List.of(dense));
      b.step(List.of(view));
    }
    assertArrayEquals(view.value().dup().toFloatVector(), dense.value().toFloatVector());
    assertArrayEquals(b.state(Optimizer.named(List.of(view))).get("w/exp_avg_sq").toFloatVector(),
        a.state(Optimizer.named(List.of(dense))).get("w/exp_avg_sq").toFloatVector());
  }

  @Test
  void float64GradientOnFloat32ParameterIsCast() {
    Adam opt = Adam.Config.of(0.1).build();
    Tensor p = Tensor.parameter("w", Nd4j.create(new float[] {1f}, new long[] {1}, DataType.FLOAT));
    p.setGrad(vec(0.5));
    opt.step(List.of(p));
    assertEquals(DataType.FLOAT, opt.state(Optimizer.named(List.of(p))).get("w/exp_avg").dataType());
    assertEquals(0.9, p.value().getDouble(0), 1e-6);
  }

  @Test
  void badParameterListsAreRejected() {
    Adam opt = Adam.Config.of(0.1).build();
    Tensor p = param("w", 1.0, 2.0);
    p.setGrad(vec(1.0, 2.0, 3.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.step(List.of(p)));
    assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]") && e.getMessage().contains("'w'"),
        e.getMessage());
    p.setGrad(vec(1.0, 2.0));
    e = assertThrows(IllegalArgumentException.class, () -> opt.step(List.of(p, p)));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
    assertValues(p, 1.0, 2.0);
  }

  @Test
  void configValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Adam.Config(1e-3, 1.0, 0.999, 1e-8, 0, false));
    assertTrue(e.getMessage().contains("Adam.Config.beta1") && e.getMessage().contains("1.0")
        && e.getMessage().contains("[0.0, 1.0)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adam.Config(1e-3, 0.9, -0.1, 1e-8, 0, false));
    assertTrue(e.getMessage().contains("Adam.Config.beta2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AdamW.Config(1e-3, 0.9, 0.999, 0, 0.01, false));
    assertTrue(e.getMessage().contains("AdamW.Config.eps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new AdamW.Config(1e-3, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY, false));
    assertTrue(e.getMessage().contains("AdamW.Config.weightDecay") && e.getMessage().contains("Infinity"),
        e.getMessage());
  }
}
