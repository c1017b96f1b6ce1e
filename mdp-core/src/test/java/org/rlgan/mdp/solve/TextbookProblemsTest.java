package org.rlgan.mdp.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.Problems;

/** Golden values printed in Sutton &amp; Barto, Reinforcement Learning: An Introduction (2nd ed., 2018). */
class TextbookProblemsTest {

  /** Figure 3.5 (right): V* of the 5 × 5 grid world at γ = 0.9, printed to one decimal. */
  private static final double[] FIG_3_5_V_STAR = {
      22.0, 24.4, 22.0, 19.4, 17.5,
      19.8, 22.0, 19.8, 17.8, 16.0,
      17.8, 19.8, 17.8, 16.0, 14.4,
      16.0, 17.8, 16.0, 14.4, 13.0,
      14.4, 16.0, 14.4, 13.0, 11.7};

  /** Figure 3.2 (right): V of the equiprobable random policy on the same grid, one decimal. */
  private static final double[] FIG_3_2_V_RANDOM = {
      3.3, 8.8, 4.4, 5.3, 1.5,
      1.5, 3.0, 2.3, 1.9, 0.5,
      0.1, 0.7, 0.7, 0.4, -0.4,
      -1.0, -0.4, -0.4, -0.6, -1.2,
      -1.9, -1.3, -1.2, -1.4, -2.0};

  /** Figure 4.1 (k = ∞): V of the random policy on the 4 × 4 grid, undiscounted; exact integers. */
  private static final double[] FIG_4_1_V_RANDOM = {
      0, -14, -20, -22,
      -14, -18, -20, -20,
      -20, -20, -18, -14,
      -22, -20, -14, 0};

  @Test
  void gridWorldOptimalValues() {
    Solution s = new PolicyIteration(PolicyIteration.Config.of(0.9)).solve(Problems.gridWorld());
    for (int i = 0; i < 25; i++) {
      assertEquals(FIG_3_5_V_STAR[i], s.value(i), 0.05 + 1e-9, "V*(" + i + ")");
    }
  }

  @Test
  void gridWorldRandomPolicyValues() {
    FiniteMdp m = Problems.gridWorld();
    PolicyValues v = new PolicyEvaluation(PolicyEvaluation.Config.of(0.9)).evaluate(m, StochasticPolicy.uniform(25, 4));
    PolicyValues it = new PolicyEvaluation(PolicyEvaluation.Config.of(0.9).withMethod(PolicyEvaluation.Method.ITERATIVE))
        .evaluate(m, StochasticPolicy.uniform(25, 4));
    for (int i = 0; i < 25; i++) {
      assertEquals(FIG_3_2_V_RANDOM[i], v.value(i), 0.05 + 1e-9, "V_random(" + i + ")");
      assertEquals(v.value(i), it.value(i), 1e-9, "iterative vs direct at " + i);
    }
  }

  @Test
  void smallGridWorldRandomPolicyIsExact() {
    FiniteMdp m = Problems.gridWorld4x4();
    for (PolicyEvaluation.Method method : new PolicyEvaluation.Method[] {
        PolicyEvaluation.Method.DIRECT, PolicyEvaluation.Method.ITERATIVE}) {
      PolicyValues v = new PolicyEvaluation(PolicyEvaluation.Config.of(1.0).withMethod(method).withTolerance(1e-12))
          .evaluate(m, StochasticPolicy.uniform(16, 4));
      for (int i = 0; i < 16; i++) {
        assertEquals(FIG_4_1_V_RANDOM[i], v.value(i), 1e-8, method + " V_random(" + i + ")");
      }
    }
  }

  /** Example 4.3 with p_h = 0.4: betting everything at 50 wins with 0.4; V*(25) = 0.4², V*(75) = 0.4 + 0.6·0.4. */
  @Test
  void gamblersProblem() {
    FiniteMdp m = Problems.gambler(100, 0.4);
    Solution s = new ValueIteration(ValueIteration.Config.of(1.0).withTolerance(1e-13)).solve(m);
    assertEquals(0.4, s.value(50), 1e-10);
    assertEquals(0.16, s.value(25), 1e-10);
    assertEquals(0.64, s.value(75), 1e-10);
    assertEquals(0.0, s.value(0), 0.0);
    assertEquals(0.0, s.value(100), 0.0);
    // At 50 the unique optimal stake is everything (action 49 stakes 50).
    assertEquals(49, s.policy()[50]);
    for (int c = 1; c < 100; c++) {
      assertEquals(s.value(c), s.q(c, s.policy()[c]), 1e-12);
    }
  }
}
