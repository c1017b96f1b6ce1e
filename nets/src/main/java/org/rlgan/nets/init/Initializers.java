package org.rlgan.nets.init;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Initialisers by name, for configuration files: a closed registry of the default configurations (gain 1
 * for Glorot and orthogonal, ReLU gain √2 and fan in for He).
 */
public final class Initializers {
  private static final Map<String, Supplier<Initializer>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("glorot_uniform", GlorotUniform::new);
    BY_NAME.put("glorot_normal", GlorotNormal::new);
    BY_NAME.put("xavier_uniform", GlorotUniform::new);
    BY_NAME.put("xavier_normal", GlorotNormal::new);
    BY_NAME.put("he_uniform", HeUniform::new);
    BY_NAME.put("he_normal", HeNormal::new);
    BY_NAME.put("kaiming_uniform", HeUniform::new);
    BY_NAME.put("kaiming_normal", HeNormal::new);
    BY_NAME.put("orthogonal", Orthogonal::new);
    BY_NAME.put("zeros", Constant::zeros);
    BY_NAME.put("ones", Constant::ones);
  }

  private Initializers() {}

  /** The valid names, in a fixed order. */
  public static java.util.List<String> names() {
    return java.util.List.copyOf(BY_NAME.keySet());
  }

  /**
   * The initialiser registered under {@code name} (exact, lower case).
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones and the closest
   */
  public static Initializer byName(String name) {
    Supplier<Initializer> s = name == null ? null : BY_NAME.get(name);
    if (s == null) {
      String hint = closest(name);
      throw new IllegalArgumentException("unknown initializer '" + name + "'"
          + (hint != null ? " (did you mean '" + hint + "'?)" : "") + "; valid names: " + names());
    }
    return s.get();
  }

  /** The registered name within edit distance 3 of the given one (case-insensitive), if any. */
  private static String closest(String name) {
    if (name == null) {
      return null;
    }
    String best = null;
    int bestDistance = 4;
    for (String candidate : BY_NAME.keySet()) {
      int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
