package org.rlgan.scenarios.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every key and value was. Jackson's own trees drop locations, and
 * its record binding reports an unknown key where the enclosing mapping ends; the binder works on this tree so
 * every error names the real line.
 */
public sealed interface YNode {

  Loc loc();

  /** The user-facing kind of node, for "expected a number, got a mapping". */
  String describe();

  /**
   * A deep copy whose every location (keys and values) is {@code where} applied to the original's: the identity
   * for an independent copy, a constant to place an override's nodes at the override.
   */
  default YNode copy(java.util.function.UnaryOperator<Loc> where) {
    if (this instanceof Scalar s) {
      return new Scalar(s.text(), s.kind(), where.apply(s.loc()));
    }
    if (this instanceof ListNode l) {
      ListNode out = new ListNode(where.apply(l.loc()));
      l.items().forEach(i -> out.items().add(i.copy(where)));
      return out;
    }
    MapNode m = (MapNode) this;
    MapNode out = new MapNode(where.apply(m.loc()));
    m.entries().values().forEach(e -> out.entries().put(e.key(), new Entry(e.key(), where.apply(e.keyLoc()),
        e.value().copy(where))));
    return out;
  }

  /** A scalar: its text as written and the kind the YAML parser gave it. */
  record Scalar(String text, Kind kind, Loc loc) implements YNode {

    /** YAML's scalar kinds (after the core schema's resolution). */
    public enum Kind {
      STRING,
      INT,
      FLOAT,
      BOOL,
      NULL
    }

    @Override
    public String describe() {
      return switch (kind) {
        case NULL -> "null";
        case STRING -> "'" + text + "'";
        default -> text;
      };
    }
  }

  /** A key of a mapping: its name, where the key itself is written, and its value. */
  record Entry(String key, Loc keyLoc, YNode value) {}

  /** A mapping, in file order. */
  record MapNode(Map<String, Entry> entries, Loc loc) implements YNode {

    public MapNode(Loc loc) {
      this(new LinkedHashMap<>(), loc);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record ListNode(List<YNode> items, Loc loc) implements YNode {

    public ListNode(Loc loc) {
      this(new ArrayList<>(), loc);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }
}
