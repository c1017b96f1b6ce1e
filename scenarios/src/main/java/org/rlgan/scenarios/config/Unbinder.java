package org.rlgan.scenarios.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bound record back to plain data in the file's shape: every key, defaults included, so the resolved scenario
 * written beside a run's results re-runs it exactly.
 */
public final class Unbinder {

  private Unbinder() {}

  public static Object plain(Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(i -> out.add(plain(i)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v.getClass().isRecord()) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        try {
          out.put(Names.snake(c.getName()), plain(c.getAccessor().invoke(v)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    throw new IllegalArgumentException("cannot write " + v.getClass());
  }
}
