package org.rlgan.mdp.spaces;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Named spaces (Gymnasium's {@code Dict}): members are {@code Map<String, Object>} with exactly these keys. Keys
 * are kept sorted, as Gymnasium sorts the keys of a plain dict.
 */
public record DictSpace(Map<String, Space<?>> spaces) implements Space<Map<String, Object>> {

  public DictSpace {
    if (spaces.isEmpty()) {
      throw new IllegalArgumentException("DictSpace needs at least one key");
    }
    spaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(spaces)));
  }

  @Override
  public Map<String, Object> sample(RandomGenerator rng) {
    Map<String, Object> x = new LinkedHashMap<>();
    spaces.forEach((k, s) -> x.put(k, s.sample(rng)));
    return x;
  }

  @Override
  public boolean contains(Object x) {
    if (!(x instanceof Map<?, ?> m) || m.size() != spaces.size()) {
      return false;
    }
    for (Map.Entry<String, Space<?>> e : spaces.entrySet()) {
      if (!m.containsKey(e.getKey()) || !e.getValue().contains(m.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] shape() {
    throw new UnsupportedOperationException("a DictSpace has no single shape; ask each of spaces() for its own");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Dict(");
    spaces.forEach((k, s) -> b.append(b.length() > 5 ? ", " : "").append('\'').append(k).append("': ").append(s));
    return b.append(')').toString();
  }
}
