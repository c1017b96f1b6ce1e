package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.optim.Fixtures.assertValues;
import static org.rlgan.nets.optim.Fixtures.param;
import static org.rlgan.nets.optim.Fixtures.stepWith;

import org.junit.jupiter.api.Test;
import org.rlgan.nets.Tensor;

/**
 * RMSProp against updates worked by hand from the equations of PyTorch's torch.optim.RMSprop documentation:
 * v ← αv + (1 − α)g²; centred a ← αa + (1 − α)g and D = √(v − a²) + ε, else D = √v + ε (ε outside the root);
 * with momentum b ← μb + g/D, θ ← θ − ηb; else θ ← θ − ηg/D. α = 0.99, ε = 1e-8, η = 0.01.
 */
class RmsPropTest {

  @Test
  void plain() {
    RmsProp opt = RmsProp.Config.of(0.01).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: v = 0.01·(0.25, 1) = (0.0025, 0.01); √v = (0.05, 0.1)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.01 * 0.5 / (0.05 + 1e-8);   // ≈ 0.9
    double b1 = -2.0 + 0.01 * 1.0 / (0.1 + 1e-8);   // ≈ −1.9
    assertValues(p, a1, b1);
    // step 2: v = 0.99·(0.0025, 0.01) + 0.01·(0.0625, 4) = (0.0031, 0.0499)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, a1 - 0.01 * 0.25 / (Math.sqrt(0.0031) + 1e-8), b1 - 0.01 * 2.0 / (Math.sqrt(0.0499) + 1e-8));
  }

  @Test
  void epsilonIsOutsideTheSquareRoot() {
    // With a large ε the two conventions differ visibly: g = 0.5, v = 0.0025, ε = 0.01.
    RmsProp opt = new RmsProp.Config(0.01, 0.99, 0.01, 0, false, 0).build();
    Tensor p = param("w", 1.0);
    stepWith(opt, p, 0.5);
    assertValues(p, 1.0 - 0.01 * 0.5 / (0.05 + 0.01));                        // PyTorch: √v + ε
    assertTrue(Math.abs(p.value().getDouble(0) - (1.0 - 0.01 * 0.5 / Math.sqrt(0.0025 + 0.01))) > 1e-3,
        "TensorFlow's √(v + ε) would give a different value");
  }

  @Test
  void centred() {
    RmsProp opt = new RmsProp.Config(0.01, 0.99, 1e-8, 0, true, 0).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: v = (0.0025, 0.01); a = 0.01·g = (0.005, −0.01); v − a² = (0.0025 − 0.000025, 0.01 − 0.0001)
    stepWith(opt, p, 0.5, -1.0);
    double a1 = 1.0 - 0.01 * 0.5 / (Math.sqrt(0.002475) + 1e-8);
    double b1 = -2.0 + 0.01 * 1.0 / (Math.sqrt(0.0099) + 1e-8);
    assertValues(p, a1, b1);
    // step 2: v = (0.0031, 0.0499); a = 0.99·(0.005, −0.01) + 0.01·(0.25, 2) = (0.00745, 0.0101);
    //         v − a² = (0.0031 − 0.0000555025, 0.0499 − 0.00010201) = (0.0030444975, 0.04979799)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, a1 - 0.01 * 0.25 / (Math.sqrt(0.0030444975) + 1e-8),
        b1 - 0.01 * 2.0 / (Math.sqrt(0.04979799) + 1e-8));
  }

  @Test
  void momentum() {
    RmsProp opt = new RmsProp.Config(0.01, 0.99, 1e-8, 0.9, false, 0).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: b = g/(√v + ε) = (0.5/(0.05 + 1e-8), −1/(0.1 + 1e-8)) ≈ (10, −10); θ −= 0.01b
    stepWith(opt, p, 0.5, -1.0);
    double ba1 = 0.5 / (0.05 + 1e-8);
    double bb1 = -1.0 / (0.1 + 1e-8);
    double a1 = 1.0 - 0.01 * ba1;
    double b1 = -2.0 - 0.01 * bb1;
    assertValues(p, a1, b1);
    // step 2: v = (0.0031, 0.0499); b = 0.9·b₁ + g/(√v + ε)
    stepWith(opt, p, 0.25, 2.0);
    double ba2 = 0.9 * ba1 + 0.25 / (Math.sqrt(0.0031) + 1e-8);
    double bb2 = 0.9 * bb1 + 2.0 / (Math.sqrt(0.0499) + 1e-8);
    assertValues(p, a1 - 0.01 * ba2, b1 - 0.01 * bb2);
  }

  @Test
  void centredWithMomentumAndWeightDecay() {
    RmsProp opt = new RmsProp.Config(0.01, 0.9, 1e-8, 0.5, true, 0.1).build();
    Tensor p = param("w", 2.0);
    // step 1: g = 1 + 0.1·2 = 1.2; v = 0.1·1.44 = 0.144; a = 0.12; D = √(0.144 − 0.0144) + ε;
    //         b = 1.2/D; θ = 2 − 0.01b
    stepWith(opt, p, 1.0);
    double b1 = 1.2 / (Math.sqrt(0.1296) + 1e-8);
    double t1 = 2.0 - 0.01 * b1;
    assertValues(p, t1);
    // step 2: g = −1 + 0.1·θ₁; v = 0.9·0.144 + 0.1g²; a = 0.9·0.12 + 0.1g; b = 0.5b₁ + g/(√(v − a²) + ε)
    stepWith(opt, p, -1.0);
    double g = -1.0 + 0.1 * t1;
    double v = 0.9 * 0.144 + 0.1 * g * g;
    double a = 0.9 * 0.12 + 0.1 * g;
    double b2 = 0.5 * b1 + g / (Math.sqrt(v - a * a) + 1e-8);
    assertValues(p, t1 - 0.01 * b2);
  }

  @Test
  void configValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RmsProp.Config(0.01, 1.0, 1e-8, 0, false, 0));
    assertTrue(e.getMessage().contains("RmsProp.Config.alpha") && e.getMessage().contains("[0.0, 1.0)"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RmsProp.Config(0.01, 0.99, 1e-8, -0.5, false, 0));
    assertTrue(e.getMessage().contains("momentum") && e.getMessage().contains("-0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RmsProp.Config(0.01, 0.99, -1, 0, false, 0));
    assertTrue(e.getMessage().contains("eps"), e.getMessage());
  }
}
