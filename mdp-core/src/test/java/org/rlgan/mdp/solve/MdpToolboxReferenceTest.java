package org.rlgan.mdp.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.Problems;

/**
 * Compatibility mode against pymdptoolbox itself: forest() and small() solved by pymdptoolbox (commit 7c96789,
 * NumPy 1.24), files under src/test/resources/reference/mdptoolbox. Values must agree to 12 significant digits
 * (the last bits may differ where NumPy's BLAS sums in another order); policies and iteration counts exactly.
 */
class MdpToolboxReferenceTest {

  /** Relative agreement: 12 significant digits. */
  private static final double DIGITS = 1e-12;

  record Case(String file, String discount, FiniteMdp model) {
    @Override
    public String toString() {
      return file + " γ=" + discount + " (" + (model.isDense() ? "dense" : "sparse") + ")";
    }
  }

  static List<Case> cases() {
    FiniteMdp forestDense = Reference.model("mdptoolbox/forest_default.json");
    FiniteMdp smallDense = Reference.model("mdptoolbox/small.json");
    FiniteMdp forestSparse = Problems.forest();
    return List.of(
        new Case("forest_default.json", "0.9", forestDense),
        new Case("forest_default.json", "0.96", forestDense),
        new Case("forest_default.json", "0.9", forestSparse),
        new Case("forest_default.json", "0.96", forestSparse),
        new Case("small.json", "0.9", smallDense),
        new Case("small.json", "0.96", smallDense));
  }

  private static JsonNode solutions(Case c) {
    return Reference.json("mdptoolbox/" + c.file).get("solutions").get(c.discount);
  }

  private static void assertValues(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], DIGITS * Math.max(1, Math.abs(expected[i])), what + " V[" + i + "]");
    }
  }

  private static void assertSolution(JsonNode ref, Solution s, String what) {
    assertValues(Reference.doubles(ref.get("V")), s.values(), what);
    assertArrayEquals(Reference.ints(ref.get("policy")), s.policy(), what + " policy");
    assertEquals(ref.get("iter").intValue(), s.iterations(), what + " iterations");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valueIteration(Case c) {
    JsonNode ref = solutions(c).get("ValueIteration");
    double gamma = Double.parseDouble(c.discount);
    assertEquals(ref.get("max_iter").intValue(), MdpToolbox.boundIter(c.model, gamma, 0.01, new double[c.model.states()]));
    assertSolution(ref, MdpToolbox.valueIteration(c.model, gamma), "ValueIteration " + c);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valueIterationGaussSeidel(Case c) {
    assertSolution(solutions(c).get("ValueIterationGS"),
        MdpToolbox.valueIterationGS(c.model, Double.parseDouble(c.discount)), "ValueIterationGS " + c);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void policyIterationMatrix(Case c) {
    assertSolution(solutions(c).get("PolicyIteration"),
        MdpToolbox.policyIteration(c.model, Double.parseDouble(c.discount), MdpToolbox.EvalType.MATRIX),
        "PolicyIteration " + c);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void policyIterationIterative(Case c) {
    assertSolution(solutions(c).get("PolicyIteration_iterative"),
        MdpToolbox.policyIteration(c.model, Double.parseDouble(c.discount), MdpToolbox.EvalType.ITERATIVE),
        "PolicyIteration(iterative) " + c);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void policyIterationModified(Case c) {
    assertSolution(solutions(c).get("PolicyIterationModified"),
        MdpToolbox.policyIterationModified(c.model, Double.parseDouble(c.discount)), "PolicyIterationModified " + c);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void finiteHorizon(Case c) {
    JsonNode ref = solutions(c).get("FiniteHorizon");
    int n = ref.get("N").intValue();
    FiniteHorizonSolution fh = MdpToolbox.finiteHorizon(c.model, Double.parseDouble(c.discount), n,
        new double[c.model.states()]);
    for (int s = 0; s < c.model.states(); s++) {
      double[] v = Reference.doubles(ref.get("V").get(s));
      int[] p = Reference.ints(ref.get("policy").get(s));
      for (int stage = 0; stage <= n; stage++) {
        assertEquals(v[stage], fh.value(s, stage), DIGITS * Math.max(1, Math.abs(v[stage])),
            "FiniteHorizon V[" + s + "][" + stage + "] " + c);
      }
      for (int stage = 0; stage < n; stage++) {
        assertEquals(p[stage], fh.action(s, stage), "FiniteHorizon policy[" + s + "][" + stage + "] " + c);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void relativeValueIteration(Case c) {
    JsonNode ref = Reference.json("mdptoolbox/" + c.file).get("solutions").get("RelativeValueIteration");
    AverageRewardSolution r = MdpToolbox.relativeValueIteration(c.model);
    assertValues(Reference.doubles(ref.get("V")), r.bias(), "RelativeValueIteration " + c);
    assertArrayEquals(Reference.ints(ref.get("policy")), r.policy());
    assertEquals(ref.get("iter").intValue(), r.iterations());
    assertEquals(ref.get("average_reward").doubleValue(), r.gain(), DIGITS * Math.abs(r.gain()));
  }
}
