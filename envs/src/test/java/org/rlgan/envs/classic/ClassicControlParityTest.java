package org.rlgan.envs.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.rlgan.envs.Registry;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.Step;

/**
 * Replays Gymnasium 1.4's recorded CartPole-v1 and MountainCar-v0 trajectories (NumPy 2.4.6; copies of
 * {@code ../shared/reference/classic-control/} in {@code src/test/resources/reference/classic-control}) through
 * {@code Registry.builtin().make(id)}, TimeLimit included: every trajectory sets its recorded initial state after a
 * reset and applies the recorded actions. Observations, rewards, terminated and truncated must match exactly;
 * internal states to 1e-12 relative (Java's sine and cosine may differ from glibc's and NumPy's in the last bit),
 * both along the chained replay and one step at a time from each recorded previous state.
 */
class ClassicControlParityTest {

  /** Relative tolerance on float64 states; the absolute floor covers values crossing zero. */
  static final double REL = 1e-12;
  static final double ABS = 1e-15;

  @Test
  void cartPoleV1MatchesGymnasium() throws IOException {
    replay("CartPole-v1");
  }

  @Test
  void mountainCarV0MatchesGymnasium() throws IOException {
    replay("MountainCar-v0");
  }

  static JsonNode load(String id) throws IOException {
    try (InputStream in = ClassicControlParityTest.class.getResourceAsStream(
        "/reference/classic-control/" + id + ".json.gz")) {
      if (in == null) {
        throw new IOException("missing test resource reference/classic-control/" + id + ".json.gz");
      }
      return new ObjectMapper().readTree(new GZIPInputStream(in));
    }
  }

  private static void replay(String id) throws IOException {
    JsonNode root = load(id);
    assertEquals(id, root.get("env_id").asText());
    assertEquals(root.get("max_episode_steps").asInt(),
        Registry.builtin().spec(id).maxEpisodeSteps().getAsInt(), "time limit");
    assertEquals(root.get("reward_threshold").asDouble(),
        Registry.builtin().spec(id).rewardThreshold().getAsDouble(), "reward threshold");
    int trajectories = 0;
    int steps = 0;
    int afterTermination = 0;
    double worstChained = 0;
    double worstOneStep = 0;
    for (JsonNode t : root.get("trajectories")) {
      String where = id + " trajectory '" + t.get("label").asText() + "' (seed " + t.get("reset_seed").asText() + ")";
      @SuppressWarnings("unchecked")
      Env<double[], Integer> env = (Env<double[], Integer>) Registry.builtin().make(id);
      env.reset(t.get("reset_seed").asLong());
      double[] initial = doubles(t.get("initial_state"));
      setState(env, initial);
      assertArrayEquals(doubles(t.get("initial_obs")), Classic.f32(initial), where + ": initial observation");

      // A second instance steps once from each recorded previous state.
      @SuppressWarnings("unchecked")
      Env<double[], Integer> oneStep = (Env<double[], Integer>) Registry.builtin().make(id);
      oneStep.reset(0);
      double[] previous = initial;
      boolean endedBefore = false;
      JsonNode actions = t.get("actions");
      for (int i = 0; i < actions.size(); i++) {
        String at = where + ", step " + (i + 1);
        int action = actions.get(i).asInt();
        double[] expectedState = doubles(t.get("states").get(i));
        Step<double[]> s = env.step(action);
        assertArrayEquals(doubles(t.get("obs").get(i)), s.observation(), at + ": observation");
        assertEquals(t.get("rewards").get(i).asDouble(), s.reward(), 0.0, at + ": reward");
        assertEquals(t.get("terminated").get(i).asBoolean(), s.terminated(), at + ": terminated");
        assertEquals(t.get("truncated").get(i).asBoolean(), s.truncated(), at + ": truncated");
        worstChained = Math.max(worstChained, assertClose(expectedState, state(env), at + ": state (chained)"));

        if (!endedBefore) { // from the recorded previous state; CartPole's post-termination reward needs history
          setState(oneStep, previous);
          Step<double[]> o = oneStep.step(action);
          worstOneStep = Math.max(worstOneStep, assertClose(expectedState, state(oneStep), at + ": state (one step)"));
          assertEquals(s.reward(), o.reward(), 0.0, at + ": reward (one step)");
        } else {
          afterTermination++;
        }
        endedBefore |= s.terminated();
        previous = expectedState;
        steps++;
      }
      trajectories++;
    }
    assertEquals(root.get("n_trajectories").asInt(), trajectories);
    System.out.printf("%s: %d trajectories, %d steps (%d after termination), worst relative state error: chained %.2e,"
        + " one step %.2e%n", id, trajectories, steps, afterTermination, worstChained, worstOneStep);
  }

  /** Asserts element-wise closeness; returns the largest relative error. */
  static double assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double worst = 0;
    for (int k = 0; k < expected.length; k++) {
      double err = Math.abs(expected[k] - actual[k]);
      double scale = Math.max(Math.abs(expected[k]), ABS / REL);
      assertTrue(err <= REL * scale, what + "[" + k + "]: expected " + expected[k] + ", got " + actual[k]);
      worst = Math.max(worst, err / Math.max(Math.abs(expected[k]), Double.MIN_NORMAL));
    }
    return worst;
  }

  static double[] state(Env<?, ?> env) {
    Object u = env.unwrapped();
    if (u instanceof CartPole c) {
      return c.state();
    }
    return ((MountainCar) u).state();
  }

  static void setState(Env<?, ?> env, double[] s) {
    Object u = env.unwrapped();
    if (u instanceof CartPole c) {
      c.setState(s);
    } else {
      ((MountainCar) u).setState(s);
    }
  }

  static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).asDouble();
    }
    return d;
  }
}
