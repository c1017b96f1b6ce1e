package org.rlgan.scenarios.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A closed set of polymorphic block types: the name a file writes ({@code type: q_learning}) → the record that
 * block binds to. The set is fixed in code; a file can only choose among its names, never name a class.
 *
 * <p>Every registered record has a component named {@link #key()} ({@code type} or {@code kind}); the binder
 * fills it with the chosen name, so one record may serve several names (the four tabular learners) and the
 * resolved scenario writes it back unchanged.
 *
 * @param <T> the interface the records implement
 */
public final class TypeRegistry<T> {

  /** One choice: its name, the record it binds to and a one-line description. */
  public record Entry<T>(String name, Class<? extends T> type, String doc) {}

  private final String what;
  private final String key;
  private final Class<T> base;
  private final Map<String, Entry<T>> entries;
  private final String shorthand;

  private TypeRegistry(String what, String key, Class<T> base, Map<String, Entry<T>> entries, String shorthand) {
    this.shorthand = shorthand;
    this.what = what;
    this.key = key;
    this.base = base;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public static <T> Builder<T> builder(String what, String key, Class<T> base) {
    return new Builder<>(what, key, base);
  }

  /** What the blocks are, for messages: "agent", "solver". */
  public String what() {
    return what;
  }

  /** The discriminating key: {@code type} or {@code kind}. */
  public String key() {
    return key;
  }

  public Class<T> base() {
    return base;
  }

  public Entry<T> get(String name) {
    return entries.get(name);
  }

  /**
   * The type a bare number stands for ({@code epsilon: 0.1} means {@code {type: constant, value: 0.1}}), or null.
   * That record's other component must be named {@code value}.
   */
  public String shorthand() {
    return shorthand;
  }

  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  public List<Entry<T>> entries() {
    return List.copyOf(entries.values());
  }

  /** Collects the entries; {@link #build()} freezes them. */
  public static final class Builder<T> {
    private final String what;
    private final String key;
    private final Class<T> base;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
    private String shorthand;

    private Builder(String what, String key, Class<T> base) {
      this.what = what;
      this.key = key;
      this.base = base;
    }

    public Builder<T> add(String name, Class<? extends T> type, String doc) {
      if (!type.isRecord()) {
        throw new IllegalArgumentException(type + " is not a record");
      }
      boolean hasKey = false;
      for (var c : type.getRecordComponents()) {
        hasKey |= c.getName().equals(key) && c.getType() == String.class;
      }
      if (!hasKey) {
        throw new IllegalArgumentException(type.getSimpleName() + " needs a String component '" + key + "'");
      }
      if (entries.putIfAbsent(name, new Entry<>(name, type, doc)) != null) {
        throw new IllegalArgumentException("duplicate " + what + " type " + name);
      }
      return this;
    }

    /** Lets a bare number stand for a block of type {@code name} with {@code value:} that number. */
    public Builder<T> numberMeans(String name) {
      this.shorthand = name;
      return this;
    }

    public TypeRegistry<T> build() {
      return new TypeRegistry<>(what, key, base, entries, shorthand);
    }
  }
}
