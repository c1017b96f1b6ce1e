package org.rlgan.envs.classic;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.rlgan.mdp.ResetNeededException;

/** What the classic-control environments share: float32 rounding, seeding, reset options, state checks. */
final class Classic {

  private Classic() {}

  /** {@code v} rounded to float32 and widened back (NumPy's {@code astype(np.float32)}). */
  static double f32(double v) {
    return (float) v;
  }

  /** Every element rounded to float32: the observation NumPy's {@code np.array(..., dtype=np.float32)} gives. */
  static double[] f32(double... v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = (float) v[i];
    }
    return o;
  }

  /** NumPy's {@code uniform(low, high)}: {@code low + (high - low) * u}, u uniform in [0, 1). */
  static double uniform(RandomGenerator rng, double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /**
   * Gymnasium's {@code utils.maybe_parse_reset_bounds}: the reset options {@code low} and {@code high} (numbers),
   * defaulting to the environment's range; {@code low > high} is an error. Unlike Gymnasium, which ignores them,
   * unknown keys are rejected so that a misspelt bound does not pass silently.
   *
   * @return {@code {low, high}}
   */
  static double[] resetBounds(String envId, Map<String, Object> options, double defLow, double defHigh) {
    checkKeys(envId, options, Set.of("low", "high"));
    double low = number(envId, options, "low", defLow);
    double high = number(envId, options, "high", defHigh);
    if (low > high) {
      throw new IllegalArgumentException(envId + ": reset option low (" + low + ") must be at most high (" + high
          + ")");
    }
    return new double[] {low, high};
  }

  /** Gymnasium's {@code verify_number_and_cast} on one reset option. */
  static double number(String envId, Map<String, Object> options, String key, double def) {
    Object v = options == null ? null : options.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(envId + ": reset option '" + key + "' is " + v + " ("
        + v.getClass().getSimpleName() + "); it must be a number");
  }

  /** Rejects reset options other than {@code allowed}, naming them. */
  static void checkKeys(String envId, Map<String, Object> options, Set<String> allowed) {
    if (options == null) {
      return;
    }
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(envId + ": unknown reset option(s) " + unknown + "; reset accepts "
          + new TreeSet<>(allowed));
    }
  }

  /** A copy of a state given to {@code setState}, after checking its length. */
  static double[] checkState(String envId, double[] state, int n, String layout) {
    if (state == null || state.length != n) {
      throw new IllegalArgumentException(envId + ": setState needs " + n + " values " + layout + ", got "
          + (state == null ? "null" : state.length + " values"));
    }
    return state.clone();
  }

  /** The exception for a state read before the first reset. */
  static ResetNeededException noState(String envId, String what) {
    return new ResetNeededException(envId + ": " + what + " was called before reset(); call reset(seed) first");
  }
}
