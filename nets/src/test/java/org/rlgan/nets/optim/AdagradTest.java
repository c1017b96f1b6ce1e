package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.optim.Fixtures.assertValues;
import static org.rlgan.nets.optim.Fixtures.param;
import static org.rlgan.nets.optim.Fixtures.stepWith;

import org.junit.jupiter.api.Test;
import org.rlgan.nets.Tensor;

/**
 * Adagrad against updates worked by hand from the equations of PyTorch's torch.optim.Adagrad
 * documentation (Duchi et al. 2011): g ← g + λθ; η̃ = η/(1 + (k − 1)δ); s ← s + g²; θ ← θ − η̃g/(√s + ε).
 */
class AdagradTest {

  @Test
  void defaults() {
    Adagrad opt = Adagrad.Config.of(0.1).build(); // ε = 1e-10, s₀ = 0, δ = 0, λ = 0
    Tensor p = param("w", 1.0, -2.0);
    // step 1: s = (0.25, 1); θ = (1 − 0.1·0.5/(0.5 + 1e-10), −2 + 0.1·1/(1 + 1e-10)) ≈ (0.9, −1.9)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.1 * 0.5 / (0.5 + 1e-10);
    double b1 = -2.0 + 0.1 * 1.0 / (1.0 + 1e-10);
    assertValues(p, a1, b1);
    // step 2: s = (0.25 + 0.0625, 1 + 4) = (0.3125, 5)
    stepWith(opt, p, 0.25, 2.0);
    double a2 = a1 - 0.1 * 0.25 / (Math.sqrt(0.3125) + 1e-10);
    double b2 = b1 - 0.1 * 2.0 / (Math.sqrt(5.0) + 1e-10);
    assertValues(p, a2, b2);
    // step 3: s = (0.3125 + 1, 5 + 0.25) = (1.3125, 5.25)
    stepWith(opt, p, -1.0, 0.5);
    assertValues(p, a2 + 0.1 * 1.0 / (Math.sqrt(1.3125) + 1e-10), b2 - 0.1 * 0.5 / (Math.sqrt(5.25) + 1e-10));
  }

  @Test
  void lrDecayInitialAccumulatorAndWeightDecay() {
    Adagrad opt = new Adagrad.Config(0.1, 0.5, 1e-10, 0.1, 0.1).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: η̃ = 0.1/(1 + 0·0.5) = 0.1; g = (0.5 + 0.1, −1 − 0.2) = (0.6, −1.2);
    //         s = 0.1 + (0.36, 1.44) = (0.46, 1.54)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.1 * 0.6 / (Math.sqrt(0.46) + 1e-10);
    double b1 = -2.0 + 0.1 * 1.2 / (Math.sqrt(1.54) + 1e-10);
    assertValues(p, a1, b1);
    // step 2: η̃ = 0.1/(1 + 1·0.5); g = (0.25 + 0.1·a1, 2 + 0.1·b1); s = (0.46 + g₀², 1.54 + g₁²)
    stepWith(opt, p, 0.25, 2.0);
    double ga = 0.25 + 0.1 * a1;
    double gb = 2.0 + 0.1 * b1;
    double clr = 0.1 / 1.5;
    assertValues(p, a1 - clr * ga / (Math.sqrt(0.46 + ga * ga) + 1e-10),
        b1 - clr * gb / (Math.sqrt(1.54 + gb * gb) + 1e-10));
  }

  @Test
  void configValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Adagrad.Config(0.1, 0, 0, 0, 0));
    assertTrue(e.getMessage().contains("Adagrad.Config.eps") && e.getMessage().contains("0.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adagrad.Config(0.1, -1, 1e-10, 0, 0));
    assertTrue(e.getMessage().contains("lrDecay"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adagrad.Config(0.1, 0, 1e-10, Double.NaN, 0));
    assertTrue(e.getMessage().contains("initialAccumulator") && e.getMessage().contains("NaN"), e.getMessage());
  }
}
