package org.rlgan.envs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keyword options of one {@link Registry#make} call (Gymnasium's {@code **kwargs}), read by the environment's
 * factory with typed getters. After reading, the factory calls {@link #checkAllUsed()}: an option nobody read is
 * an {@link InvalidOptionException} with a "did you mean", never silently ignored.
 */
public final class Options {

  private final String envId;
  private final Map<String, Object> raw;
  private final Set<String> known = new HashSet<>();

  public Options(String envId, Map<String, Object> raw) {
    this.envId = envId;
    this.raw = raw == null ? Map.of() : new TreeMap<>(raw);
  }

  /** The options as given. */
  public Map<String, Object> asMap() {
    return raw;
  }

  public double getDouble(String key, double def) {
    Object v = take(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(key, v, "a number");
  }

  public int getInt(String key, int def) {
    Object v = take(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      long l = ((Number) v).longValue();
      if (l == (int) l) {
        return (int) l;
      }
    }
    throw wrongType(key, v, "an integer");
  }

  public boolean getBoolean(String key, boolean def) {
    Object v = take(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(key, v, "true or false");
  }

  /** A string option; {@code def} may be null. */
  public String getString(String key, String def) {
    Object v = take(key);
    if (v == null) {
      return def;
    }
    if (v instanceof String s) {
      return s;
    }
    throw wrongType(key, v, "a string");
  }

  /** A list of strings (e.g. a FrozenLake map), or null when absent. */
  public List<String> getStringList(String key) {
    Object v = take(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Collection<?> c && c.stream().allMatch(e -> e instanceof String)) {
      return c.stream().map(String.class::cast).toList();
    }
    if (v instanceof String[] a) {
      return List.of(a);
    }
    throw wrongType(key, v, "a list of strings");
  }

  /** True when the option was given. */
  public boolean has(String key) {
    known.add(key);
    return raw.containsKey(key);
  }

  /** Throws for every option no getter asked for, naming the closest known option. */
  public void checkAllUsed() {
    List<String> problems = new ArrayList<>();
    for (String k : raw.keySet()) {
      if (!known.contains(k)) {
        String hint = known.stream().min(Comparator.comparingInt(c -> distance(c, k)))
            .filter(c -> distance(c, k) <= Math.max(2, k.length() / 3)).map(c -> " (did you mean '" + c + "'?)")
            .orElse("");
        problems.add("'" + k + "'" + hint);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidOptionException(envId + " has no option " + String.join(", ", problems) + "; its options are "
          + new TreeMap<>(known.stream().collect(java.util.stream.Collectors.toMap(x -> x, x -> ""))).keySet());
    }
  }

  private Object take(String key) {
    known.add(key);
    return raw.get(key);
  }

  private InvalidOptionException wrongType(String key, Object v, String expected) {
    return new InvalidOptionException(envId + ": option '" + key + "' is " + v + " ("
        + v.getClass().getSimpleName() + "); it must be " + expected);
  }

  /** Levenshtein distance, for "did you mean". */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
