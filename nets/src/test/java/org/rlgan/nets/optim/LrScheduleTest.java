package org.rlgan.nets.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Schedule values at chosen iterations, worked by hand, and rejected configurations. */
class LrScheduleTest {
  private static final double TOL = 1e-15;

  @Test
  void constant() {
    LrSchedule s = LrSchedule.constant(0.3);
    assertEquals(0.3, s.at(0));
    assertEquals(0.3, s.at(1_000_000));
  }

  @Test
  void linear() {
    LrSchedule s = new LrSchedule.Linear(1.0, 0.2, 8);
    assertEquals(1.0, s.at(0), TOL);
    assertEquals(1.0 - 0.8 * 2 / 8, s.at(2), TOL);     // 0.8
    assertEquals(0.6, s.at(4), TOL);                    // halfway
    assertEquals(0.2, s.at(8), TOL);
    assertEquals(0.2, s.at(100), TOL);                  // constant at end afterwards
    assertEquals(0.5, new LrSchedule.Linear(0.0, 1.0, 4).at(2), TOL); // warming up works too
  }

  @Test
  void stepDecay() {
    LrSchedule s = new LrSchedule.StepDecay(0.1, 0.5, 10);
    assertEquals(0.1, s.at(0), TOL);
    assertEquals(0.1, s.at(9), TOL);
    assertEquals(0.05, s.at(10), TOL);
    assertEquals(0.025, s.at(25), TOL);
    assertEquals(0.1 * Math.pow(0.5, 10), s.at(100), TOL);
  }

  @Test
  void cosine() {
    LrSchedule s = new LrSchedule.Cosine(1.0, 0.1, 100);
    assertEquals(1.0, s.at(0), TOL);
    assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, s.at(25), TOL); // 0.868198...
    assertEquals(0.55, s.at(50), TOL);                                         // midpoint: (1 + 0.1)/2
    assertEquals(0.1, s.at(100), TOL);
    assertEquals(0.1, s.at(150), TOL);                                         // no restart
  }

  @Test
  void warmup() {
    LrSchedule s = new LrSchedule.Warmup(4, 0.25, LrSchedule.constant(0.1));
    assertEquals(0.025, s.at(0), TOL);                         // 0.1·0.25
    assertEquals(0.1 * (0.25 + 0.75 * 2 / 4), s.at(2), TOL);  // 0.0625
    assertEquals(0.1, s.at(4), TOL);
    assertEquals(0.1, s.at(40), TOL);

    LrSchedule.Warmup w = new LrSchedule.Warmup(5, new LrSchedule.Cosine(1.0, 0.0, 10));
    assertEquals(0.2, w.startFactor(), 0);
    assertEquals(0.2, w.at(0), TOL);                           // after.at(0)/warmupSteps
    assertEquals(0.2 + 0.8 * 3 / 5, w.at(3), TOL);
    assertEquals(1.0, w.at(5), TOL);                           // the cosine starts from its own iteration 0
    assertEquals(0.5, w.at(10), TOL);                          // cosine.at(5)
    assertEquals(0.0, w.at(15), TOL);
  }

  @Test
  void negativeIterationIsRejected() {
    assertMessage(() -> LrSchedule.constant(0.1).at(-1), "iteration", "-1");
  }

  @Test
  void invalidConfigurationsNameTheField() {
    assertMessage(() -> new LrSchedule.Constant(-0.1), "LrSchedule.Constant.lr", "-0.1");
    assertMessage(() -> new LrSchedule.Constant(Double.NaN), "LrSchedule.Constant.lr", "NaN");
    assertMessage(() -> new LrSchedule.Linear(0.1, 0.0, 0), "LrSchedule.Linear.steps", "0");
    assertMessage(() -> new LrSchedule.Linear(0.1, -1, 5), "LrSchedule.Linear.end", "-1.0");
    assertMessage(() -> new LrSchedule.StepDecay(0.1, 0.0, 5), "LrSchedule.StepDecay.gamma", "(0.0, 1.0]");
    assertMessage(() -> new LrSchedule.StepDecay(0.1, 1.5, 5), "LrSchedule.StepDecay.gamma", "1.5");
    assertMessage(() -> new LrSchedule.StepDecay(0.1, 0.5, 0), "LrSchedule.StepDecay.everySteps", "0");
    assertMessage(() -> new LrSchedule.Cosine(0.1, 0.2, 5), "LrSchedule.Cosine.min", "0.2");
    assertMessage(() -> new LrSchedule.Cosine(0.1, 0.0, -3), "LrSchedule.Cosine.steps", "-3");
    assertMessage(() -> new LrSchedule.Warmup(0, LrSchedule.constant(0.1)), "LrSchedule.Warmup.warmupSteps", "0");
    assertMessage(() -> new LrSchedule.Warmup(3, 0.0, LrSchedule.constant(0.1)), "LrSchedule.Warmup.startFactor",
        "(0.0, 1.0]");
    assertMessage(() -> new LrSchedule.Warmup(3, null), "LrSchedule.Warmup.after", "null");
  }

  private static void assertMessage(Executable e, String... parts) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    for (String part : parts) {
      assertTrue(ex.getMessage().contains(part), "'" + ex.getMessage() + "' should mention " + part);
    }
  }
}
