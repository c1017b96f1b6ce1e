package org.rlgan.envs.wrappers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlgan.mdp.Env;

/**
 * A wrapper whose behaviour depends on more than the current episode (running statistics, a discounted return
 * carried across episodes). Everything else about an environment is fixed by its reset seed and the actions since,
 * which is how a run loop rebuilds it after a resume; the state of these wrappers has to be saved beside that.
 *
 * <p>The static methods act on a whole wrapper chain, outermost first, so a caller need not know which wrappers
 * it holds.
 */
public interface StatefulWrapper {

  /** The state as named arrays (copies), enough for {@link #loadState} to continue exactly. */
  Map<String, double[]> saveState();

  /**
   * Replaces the state with one from {@link #saveState()} of a wrapper of the same kind and size.
   *
   * @throws IllegalArgumentException naming the missing or mis-sized entry
   */
  void loadState(Map<String, double[]> state);

  /** Whether the state keeps updating (true by default; false to evaluate with frozen statistics). */
  void setUpdating(boolean updating);

  /** The stateful wrappers of a chain, outermost first (empty for a plain environment). */
  static List<StatefulWrapper> chain(Env<?, ?> env) {
    List<StatefulWrapper> out = new ArrayList<>();
    for (Env<?, ?> e = env; e instanceof Wrapper<?, ?, ?, ?> w; e = w.inner()) {
      if (w instanceof StatefulWrapper s) {
        out.add(s);
      }
    }
    return out;
  }

  /** {@link #saveState()} of each stateful wrapper in the chain, outermost first. */
  static List<Map<String, double[]>> saveChain(Env<?, ?> env) {
    List<Map<String, double[]>> out = new ArrayList<>();
    for (StatefulWrapper s : chain(env)) {
      out.add(s.saveState());
    }
    return out;
  }

  /**
   * Loads states saved by {@link #saveChain} from a chain of the same wrappers.
   *
   * @throws IllegalArgumentException when the number of stateful wrappers differs
   */
  static void loadChain(Env<?, ?> env, List<Map<String, double[]>> states) {
    List<StatefulWrapper> chain = chain(env);
    if (chain.size() != states.size()) {
      throw new IllegalArgumentException("the saved state is for " + states.size() + " stateful wrapper(s); "
          + env + " has " + chain.size());
    }
    for (int i = 0; i < chain.size(); i++) {
      chain.get(i).loadState(states.get(i));
    }
  }

  /** {@link #setUpdating} on every stateful wrapper of the chain. */
  static void setUpdatingChain(Env<?, ?> env, boolean updating) {
    for (StatefulWrapper s : chain(env)) {
      s.setUpdating(updating);
    }
  }

  /** Reads a named entry of a saved state, checking its length. */
  static double[] entry(Map<String, double[]> state, String key, int length, String owner) {
    double[] v = state.get(key);
    if (v == null || v.length != length) {
      throw new IllegalArgumentException(owner + ": saved state entry '" + key + "' "
          + (v == null ? "is missing" : "has " + v.length + " values, expected " + length));
    }
    return v.clone();
  }
}
