package org.rlgan.envs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.Env;
import org.rlgan.mdp.InvalidActionException;
import org.rlgan.mdp.ResetNeededException;
import org.rlgan.mdp.Reset;
import org.rlgan.mdp.Rngs;
import org.rlgan.mdp.Step;
import org.rlgan.mdp.spaces.Discrete;
import org.rlgan.mdp.spaces.Spaces;

/**
 * Checks that an environment keeps the API's promises, like {@code gymnasium.utils.env_checker.check_env}: the
 * test suite runs it over every registered id. It reports every problem found, not only the first.
 *
 * <ul>
 *   <li>{@code step} before {@code reset} is a {@link ResetNeededException};
 *   <li>reset and step observations belong to the observation space; rewards are finite; info maps are non-null;
 *   <li>the same seed and the same actions give the same observations, rewards and flags (seeding works);
 *   <li>returned observation arrays are not changed by later steps (no aliasing of internal buffers);
 *   <li>an action outside a discrete action space is an {@link InvalidActionException}.
 * </ul>
 */
public final class EnvChecker {

  private EnvChecker() {}

  /** The problems found in {@code steps} steps of random play from two identical seeds (empty when none). */
  public static <O, A> List<String> check(Env<O, A> env, Env<O, A> twin, int steps, long seed) {
    List<String> problems = new ArrayList<>();
    String id = env.spec().id();
    try {
      env.step(env.actionSpace().sample(Rngs.seeded(seed)));
      problems.add(id + ": step() before reset() did not throw ResetNeededException");
    } catch (ResetNeededException expected) {
      // the promise
    } catch (RuntimeException e) {
      problems.add(id + ": step() before reset() threw " + e.getClass().getSimpleName() + " instead of "
          + "ResetNeededException: " + e.getMessage());
    }
    RandomGenerator actions = Rngs.seeded(seed + 1);
    Reset<O> a = env.reset(OptionalLong.of(seed), java.util.Map.of());
    Reset<O> b = twin.reset(OptionalLong.of(seed), java.util.Map.of());
    checkObservation(env, a.observation(), "reset", problems);
    if (!deepEquals(a.observation(), b.observation())) {
      problems.add(id + ": two resets with seed " + seed + " gave different observations " + Spaces.describe(a.observation())
          + " and " + Spaces.describe(b.observation()));
    }
    if (a.info() == null) {
      problems.add(id + ": reset info is null");
    }
    O previous = a.observation();
    Object previousCopy = copy(previous);
    for (int t = 0; t < steps && problems.size() < 20; t++) {
      A act = env.actionSpace().sample(actions);
      Step<O> s = env.step(act);
      Step<O> u = twin.step(act);
      checkObservation(env, s.observation(), "step " + t, problems);
      if (!Double.isFinite(s.reward())) {
        problems.add(id + ": step " + t + " reward is " + s.reward());
      }
      if (!deepEquals(s.observation(), u.observation()) || Double.compare(s.reward(), u.reward()) != 0
          || s.terminated() != u.terminated() || s.truncated() != u.truncated()) {
        problems.add(id + ": step " + t + " differs between two instances reset with the same seed and given the same"
            + " actions");
      }
      if (!deepEquals(previous, previousCopy)) {
        problems.add(id + ": an observation returned earlier changed after a later step (an internal buffer leaks)");
      }
      previous = s.observation();
      previousCopy = copy(previous);
      if (s.done()) {
        env.reset();
        twin.reset();
      }
    }
    if (env.actionSpace() instanceof Discrete d) {
      env.reset(OptionalLong.of(seed), java.util.Map.of());
      try {
        @SuppressWarnings("unchecked")
        A bad = (A) Integer.valueOf(d.start() + d.n());
        env.step(bad);
        problems.add(id + ": action " + (d.start() + d.n()) + " outside " + d + " was accepted");
      } catch (InvalidActionException expected) {
        // the promise
      }
    }
    return problems;
  }

  private static <O> void checkObservation(Env<O, ?> env, O obs, String where, List<String> problems) {
    if (!env.observationSpace().contains(obs)) {
      problems.add(env.spec().id() + ": the " + where + " observation " + Spaces.describe(obs)
          + " is not in the observation space " + env.observationSpace());
    }
  }

  private static Object copy(Object o) {
    if (o instanceof double[] d) {
      return d.clone();
    }
    if (o instanceof int[] i) {
      return i.clone();
    }
    return o;
  }

  private static boolean deepEquals(Object a, Object b) {
    return Objects.deepEquals(a, b) || (a instanceof List<?> la && b instanceof List<?> lb
        && Arrays.deepEquals(la.toArray(), lb.toArray()));
  }
}
