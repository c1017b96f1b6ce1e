package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlgan.nets.optim.Fixtures.assertValues;
import static org.rlgan.nets.optim.Fixtures.param;
import static org.rlgan.nets.optim.Fixtures.stepWith;

import org.junit.jupiter.api.Test;
import org.rlgan.nets.Tensor;

/**
 * SGD against updates worked by hand from the equations of PyTorch's torch.optim.SGD documentation
 * (b₁ = g; b ← μb + (1 − τ)g; Nesterov d = g + μb; weight decay g ← g + λθ; θ ← θ − ηd).
 * Fixed gradients g₁ = (0.5, −1), g₂ = (0.25, 2), g₃ = (−1, 0.5) on θ₀ = (1, −2), η = 0.1.
 */
class SgdTest {

  @Test
  void plain() {
    Sgd opt = Sgd.Config.of(0.1).build();
    Tensor p = param("w", 1.0, -2.0);
    stepWith(opt, p, 0.5, -1.0);
    assertValues(p, 1.0 - 0.1 * 0.5, -2.0 - 0.1 * -1.0);       // (0.95, −1.9)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, 0.95 - 0.1 * 0.25, -1.9 - 0.1 * 2.0);      // (0.925, −2.1)
    stepWith(opt, p, -1.0, 0.5);
    assertValues(p, 0.925 - 0.1 * -1.0, -2.1 - 0.1 * 0.5);     // (1.025, −2.15)
    assertEquals(3, opt.iterations());
  }

  @Test
  void momentum() {
    Sgd opt = Sgd.Config.momentum(0.1, 0.9).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: b = g = (0.5, −1); θ = (1 − 0.05, −2 + 0.1)
    stepWith(opt, p, 0.5, -1.0);
    assertValues(p, 0.95, -1.9);
    // step 2: b = 0.9·(0.5, −1) + (0.25, 2) = (0.7, 1.1); θ = (0.95 − 0.07, −1.9 − 0.11)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, 0.88, -2.01);
    // step 3: b = 0.9·(0.7, 1.1) + (−1, 0.5) = (−0.37, 1.49); θ = (0.88 + 0.037, −2.01 − 0.149)
    stepWith(opt, p, -1.0, 0.5);
    assertValues(p, 0.917, -2.159);
  }

  @Test
  void momentumWithDampening() {
    Sgd opt = new Sgd.Config(0.1, 0.9, 0.5, false, 0).build();
    Tensor p = param("w", 1.0);
    // step 1: the buffer starts as g itself, undamped (PyTorch): b = 0.5; θ = 1 − 0.05
    stepWith(opt, p, 0.5);
    assertValues(p, 0.95);
    // step 2: b = 0.9·0.5 + (1 − 0.5)·0.25 = 0.575; θ = 0.95 − 0.0575
    stepWith(opt, p, 0.25);
    assertValues(p, 0.8925);
  }

  @Test
  void nesterov() {
    Sgd opt = new Sgd.Config(0.1, 0.9, 0, true, 0).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: b = (0.5, −1); d = g + 0.9b = (0.95, −1.9); θ = (1 − 0.095, −2 + 0.19)
    stepWith(opt, p, 0.5, -1.0);
    assertValues(p, 0.905, -1.81);
    // step 2: b = (0.7, 1.1); d = (0.25 + 0.63, 2 + 0.99) = (0.88, 2.99); θ = (0.905 − 0.088, −1.81 − 0.299)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, 0.817, -2.109);
  }

  @Test
  void weightDecay() {
    Sgd opt = new Sgd.Config(0.1, 0, 0, false, 0.1).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: d = g + 0.1θ = (0.5 + 0.1, −1 − 0.2) = (0.6, −1.2); θ = (1 − 0.06, −2 + 0.12)
    stepWith(opt, p, 0.5, -1.0);
    assertValues(p, 0.94, -1.88);
    // step 2: d = (0.25 + 0.094, 2 − 0.188) = (0.344, 1.812); θ = (0.94 − 0.0344, −1.88 − 0.1812)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, 0.9056, -2.0612);
  }

  @Test
  void weightDecayEntersTheMomentumBuffer() {
    Sgd opt = new Sgd.Config(0.1, 0.9, 0, false, 0.1).build();
    Tensor p = param("w", 1.0, -2.0);
    // step 1: d = (0.6, −1.2); b = d; θ = (0.94, −1.88)
    stepWith(opt, p, 0.5, -1.0);
    assertValues(p, 0.94, -1.88);
    // step 2: d = (0.344, 1.812); b = 0.9·(0.6, −1.2) + d = (0.884, 0.732); θ = (0.94 − 0.0884, −1.88 − 0.0732)
    stepWith(opt, p, 0.25, 2.0);
    assertValues(p, 0.8516, -1.9532);
  }

  @Test
  void scheduleSetsEachStepsLearningRate() {
    // η = 0.1 for steps 0–1, then 0.05: PyTorch's StepLR(step_size=2, gamma=0.5)
    Sgd opt = new Sgd.Config(new LrSchedule.StepDecay(0.1, 0.5, 2), 0, 0, false, 0).build();
    Tensor p = param("w", 1.0);
    assertEquals(0.1, opt.learningRate());
    stepWith(opt, p, 1.0);
    stepWith(opt, p, 1.0);
    assertEquals(0.05, opt.learningRate());
    stepWith(opt, p, 1.0);
    assertValues(p, 1.0 - 0.1 - 0.1 - 0.05);
  }

  @Test
  void gradientIsNotModified() {
    Sgd opt = new Sgd.Config(0.1, 0.9, 0, true, 0.1).build();
    Tensor p = param("w", 1.0, -2.0);
    stepWith(opt, p, 0.5, -1.0);
    stepWith(opt, p, 0.5, -1.0);
    Fixtures.assertValues(Tensor.constant(p.grad()), 0.5, -1.0);
  }

  @Test
  void configValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sgd.Config(0.1, 1.0, 0, false, 0));
    assertTrue(e.getMessage().contains("Sgd.Config.momentum") && e.getMessage().contains("1.0")
        && e.getMessage().contains("[0.0, 1.0)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0, 0, true, 0));
    assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0.9, 0.1, true, 0));
    assertTrue(e.getMessage().contains("dampening"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0, 0, false, -1e-4));
    assertTrue(e.getMessage().contains("weightDecay") && e.getMessage().contains("-1.0E-4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(-0.1));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Sgd.Config((LrSchedule) null, 0, 0, false, 0));
    assertTrue(e.getMessage().contains("Sgd.Config.lr"), e.getMessage());
  }
}
