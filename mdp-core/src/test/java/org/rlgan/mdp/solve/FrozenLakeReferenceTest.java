package org.rlgan.mdp.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rlgan.mdp.model.FiniteMdp;

/**
 * Gymnasium 1.4's FrozenLake transition tables (src/test/resources/reference/toy-text) solved exactly: V*, Q*,
 * optimal action sets, the greedy policy's value and the uniform random policy's value, to 1e-9.
 */
class FrozenLakeReferenceTest {

  static List<String> cases() {
    return List.of("FrozenLake-v1_4x4_deterministic.json:0.9", "FrozenLake-v1_4x4_deterministic.json:0.99",
        "FrozenLake-v1_4x4_slippery.json:0.9", "FrozenLake-v1_4x4_slippery.json:0.99",
        "FrozenLake8x8-v1_slippery.json:0.9", "FrozenLake8x8-v1_slippery.json:0.99");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void exactAnswers(String spec) {
    String file = "toy-text/" + spec.split(":")[0];
    String discount = spec.split(":")[1];
    double gamma = Double.parseDouble(discount);
    FiniteMdp m = Reference.model(file);
    JsonNode ref = Reference.json(file).get("solutions").get(discount);
    double tie = Reference.json(file).get("tie_tolerance").doubleValue();
    int na = m.actions();

    for (Solution s : List.of(new PolicyIteration(PolicyIteration.Config.of(gamma)).solve(m),
        new ValueIteration(ValueIteration.Config.of(gamma).withTolerance(1e-11)).solve(m))) {
      double[] vStar = Reference.doubles(ref.get("V_star"));
      for (int i = 0; i < m.states(); i++) {
        assertEquals(vStar[i], s.value(i), 1e-9, s.solver() + " V*(" + i + ") " + spec);
        double[] q = Reference.doubles(ref.get("Q_star").get(i));
        for (int a = 0; a < na; a++) {
          assertEquals(q[a], s.q(i, a), 1e-9, s.solver() + " Q*(" + i + "," + a + ") " + spec);
        }
        assertArrayEquals(Reference.ints(ref.get("optimal_action_sets").get(i)), s.optimalActions(i, tie),
            s.solver() + " optimal actions at " + i + " " + spec);
      }
    }

    PolicyEvaluation exact = new PolicyEvaluation(PolicyEvaluation.Config.of(gamma));
    double[] greedy = exact.evaluate(m, Reference.ints(ref.get("greedy_policy"))).values();
    double[] uniform = exact.evaluate(m, StochasticPolicy.uniform(m.states(), na)).values();
    assertArrayEquals(Reference.doubles(ref.get("V_greedy_exact")), greedy, 1e-9);
    assertArrayEquals(Reference.doubles(ref.get("V_uniform_random_exact")), uniform, 1e-9);
  }
}
