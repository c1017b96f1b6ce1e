package org.rlgan.mdp.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.Problems;

/** The default solvers return V* itself, within their stated bound, and agree with each other. */
class DefaultSolversTest {

  /** V* of forest() and small() from pymdptoolbox's matrix policy iteration (an exact linear solve). */
  @ParameterizedTest
  @ValueSource(strings = {"forest_default.json:0.9", "forest_default.json:0.96", "small.json:0.9", "small.json:0.96"})
  void everySolverReturnsVStarTo1e9(String spec) {
    String file = spec.split(":")[0];
    String discount = spec.split(":")[1];
    double gamma = Double.parseDouble(discount);
    FiniteMdp m = Reference.model("mdptoolbox/" + file);
    double[] vStar = Reference.doubles(
        Reference.json("mdptoolbox/" + file).get("solutions").get(discount).get("PolicyIteration").get("V"));
    List<Solution> all = List.of(
        new ValueIteration(ValueIteration.Config.of(gamma).withTolerance(1e-10)).solve(m),
        new ValueIteration(ValueIteration.Config.of(gamma).withTolerance(1e-10).withGaussSeidel(true)).solve(m),
        new PolicyIteration(PolicyIteration.Config.of(gamma)).solve(m),
        new PolicyIteration(PolicyIteration.Config.of(gamma).withEvaluation(PolicyEvaluation.Method.ITERATIVE)).solve(m),
        new ModifiedPolicyIteration(new ModifiedPolicyIteration.Config(gamma, 1e-10, 5, 100_000, false)).solve(m),
        new LinearProgramming(LinearProgramming.Config.of(gamma)).solve(m));
    for (Solution s : all) {
      for (int i = 0; i < vStar.length; i++) {
        assertEquals(vStar[i], s.values()[i], 1e-9, s.solver() + " V*[" + i + "] on " + spec);
        assertTrue(Math.abs(vStar[i] - s.values()[i]) <= s.bound() + 1e-12,
            s.solver() + " must be within its stated bound " + s.bound());
      }
      assertTrue(s.residual() < 1e-8, s.solver() + " residual " + s.residual());
    }
  }

  @Test
  void valueIterationStopsOnTheValueNotThePolicy() {
    // pymdptoolbox's VI stops at V = (5.93, 9.39, 13.39) on forest at γ = 0.96; V* = (74.65, 78.11, 82.11).
    Solution s = new ValueIteration(ValueIteration.Config.of(0.96)).solve(Problems.forest());
    assertEquals(74.6495, s.value(0), 1e-4);
    assertTrue(s.bound() <= 1e-8, "bound " + s.bound());
  }

  static List<FiniteMdp> randomModels() {
    List<FiniteMdp> out = new ArrayList<>();
    out.add(Problems.randomDense(10, 3, 1));
    out.add(Problems.randomDense(40, 4, 2));
    out.add(Problems.randomSparse(200, 5, 3, 3));
    out.add(Problems.randomSparse(2000, 4, 5, 4));
    return out;
  }

  @ParameterizedTest
  @MethodSource("randomModels")
  void solversAgreeOnRandomModels(FiniteMdp m) {
    double gamma = 0.95;
    Solution pi = new PolicyIteration(PolicyIteration.Config.of(gamma)).solve(m);
    Solution vi = new ValueIteration(ValueIteration.Config.of(gamma).withTolerance(1e-9)).solve(m);
    Solution gs = new ValueIteration(ValueIteration.Config.of(gamma).withTolerance(1e-9).withGaussSeidel(true)).solve(m);
    Solution mpi = new ModifiedPolicyIteration(ModifiedPolicyIteration.Config.of(gamma)).solve(m);
    for (Solution s : List.of(vi, gs, mpi)) {
      for (int i = 0; i < m.states(); i++) {
        assertEquals(pi.value(i), s.value(i), 2e-8, s.solver() + " vs PolicyIteration at state " + i + " of " + m);
      }
      assertArrayEquals(pi.policy(), s.policy(), s.solver() + " policy on " + m);
    }
    if (m.states() <= 200) {
      Solution lp = new LinearProgramming(LinearProgramming.Config.of(gamma)).solve(m);
      for (int i = 0; i < m.states(); i++) {
        assertEquals(pi.value(i), lp.value(i), 1e-8, "LP vs PolicyIteration at state " + i);
      }
    }
  }

  @Test
  void parallelSweepsGiveIdenticalValues() {
    FiniteMdp m = Problems.randomSparse(60_000, 4, 5, 9);
    ValueIteration.Config c = ValueIteration.Config.of(0.9).withTolerance(1e-6);
    Solution par = new ValueIteration(c.withParallel(true)).solve(m);
    Solution seq = new ValueIteration(c.withParallel(false)).solve(m);
    assertArrayEquals(seq.values(), par.values());
    assertArrayEquals(seq.policy(), par.policy());
    assertEquals(seq.iterations(), par.iterations());
  }

  @Test
  void notConvergingIsATypedExceptionWithTheResidual() {
    ValueIteration vi = new ValueIteration(ValueIteration.Config.of(0.99).withMaxIterations(3));
    NotConvergedException e = assertThrows(NotConvergedException.class, () -> vi.solve(Problems.forest()));
    assertEquals(3, e.iterations());
    assertTrue(e.lastResidual() > 0 && e.lastBound() > 1e-8, e.getMessage());
    assertTrue(e.getMessage().contains("raise maxIterations"), e.getMessage());
  }

  @Test
  void finiteHorizonMatchesRepeatedBackups() {
    FiniteMdp m = Problems.randomDense(7, 3, 5);
    FiniteHorizonSolution fh = FiniteHorizon.solve(m, 0.9, 4);
    double[] v = new double[7];
    for (int k = 0; k < 4; k++) {
      double[] w = new double[7];
      m.backup(v, 0.9, 0, 7, w, null, null);
      v = w;
    }
    assertArrayEquals(v, fh.values()[0], 0.0);
    assertEquals(4, fh.horizon());
  }

  @Test
  void relativeValueIterationBracketsTheGain() {
    // small(): pymdptoolbox reports average_reward 3.8852 from a loose ε = 0.01; the gain itself is between the
    // bounds, which the default rule closes to 1e-10.
    FiniteMdp m = Reference.model("mdptoolbox/small.json");
    AverageRewardSolution r = new RelativeValueIteration(RelativeValueIteration.Config.defaults()).solve(m);
    assertTrue(r.gainUpper() - r.gainLower() < 1e-10);
    // The gain of the optimal policy (1, 0) from its stationary distribution: chain P = [[0, 1], [0.8, 0.2]]
    // (action 1 in state 0, action 0 in state 1), π = (0.8/1.8, 1/1.8), g = π·(10, -1)... computed exactly:
    double pi0 = 0.8 / 1.8;
    double g = pi0 * 10 + (1 - pi0) * -1;
    assertEquals(g, r.gain(), 1e-9);
    assertArrayEquals(new int[] {1, 0}, r.policy());
  }
}
