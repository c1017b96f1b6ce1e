package org.rlgan.agents.run;

import java.util.List;
import java.util.Map;

/** A minimal, deterministic JSON-lines formatter for flat records (numbers as Java prints them, NaN as null). */
final class Jsonl {
  private Jsonl() {}

  static String line(Map<String, Object> record) {
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : record.entrySet()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append('"').append(e.getKey()).append("\": ");
      value(b, e.getValue());
    }
    return b.append("}\n").toString();
  }

  private static void value(StringBuilder b, Object v) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Double d) {
      b.append(Double.isFinite(d) ? d.toString() : "null");
    } else if (v instanceof Float f) {
      b.append(Float.isFinite(f) ? Double.toString(f) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof List<?> list) {
      b.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        value(b, list.get(i));
      }
      b.append(']');
    } else {
      b.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
  }
}
