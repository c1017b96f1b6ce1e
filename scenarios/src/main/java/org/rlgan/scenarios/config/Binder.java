package org.rlgan.scenarios.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Binds a located YAML tree onto validating records, collecting every mistake instead of stopping at the first.
 *
 * <p>Rules: YAML keys are the record components in snake_case; unknown keys are errors with a "did you mean";
 * a key without a default ({@link Opt#def()}) is required; numbers are checked against {@link Opt#range()};
 * strings against {@link Opt#choices()}; enums by their lower-case names; interfaces with a {@link TypeRegistry}
 * are polymorphic blocks chosen by their {@code type}/{@code kind} key. After its keys bind, a record's
 * compact constructor runs; its {@link IllegalArgumentException} becomes an error at the block's line. Nothing
 * here can name or load a class: only the records reachable from the root type can be built.
 */
public final class Binder {

  /**
   * What the binder may build: the registries of polymorphic blocks (by interface) and named closed sets of
   * strings (env ids, ...).
   */
  public record Schema(Map<Class<?>, TypeRegistry<?>> registries, Map<String, Supplier<Collection<String>>> choices) {

    public TypeRegistry<?> registry(Class<?> base) {
      return registries.get(base);
    }
  }

  private final Schema schema;
  private final List<ConfigError> errors = new ArrayList<>();
  private final Map<Object, YNode.MapNode> blocks = new IdentityHashMap<>();
  private final Map<Object, String> paths = new IdentityHashMap<>();

  public Binder(Schema schema) {
    this.schema = schema;
  }

  public List<ConfigError> errors() {
    return errors;
  }

  /** Binds {@code node} as a {@code type}; returns null when anything was wrong (see {@link #errors()}). */
  public <T> T bind(YNode node, Class<T> type) {
    return bind(node, type, "");
  }

  /** Binds a block found at {@code path} (used to check one block when the rest of the file has errors). */
  public <T> T bind(YNode node, Class<T> type, String path) {
    return type.cast(value(node, type, path, null, null));
  }

  /** Reports an error at a key of a bound block (for checks that span blocks), or at the block itself. */
  public void error(Object block, String key, String message) {
    YNode.MapNode m = blocks.get(block);
    String base = paths.getOrDefault(block, "");
    String path = key == null ? base : base.isEmpty() ? key : base + "." + key;
    Loc loc = m == null ? Loc.of("?") : m.loc();
    if (m != null && key != null && m.entries().containsKey(key)) {
      loc = m.entries().get(key).keyLoc();
    }
    errors.add(new ConfigError(loc, path, message));
  }

  /** The located node of a key of a bound block (for option maps checked after binding), or null. */
  public YNode.Entry entry(Object block, String key) {
    YNode.MapNode m = blocks.get(block);
    return m == null ? null : m.entries().get(key);
  }

  public String path(Object block) {
    return paths.getOrDefault(block, "");
  }

  private Object value(YNode node, Type type, String path, Opt opt, String typeName) {
    Class<?> raw = rawClass(type);
    if (node instanceof YNode.Scalar s && s.kind() == YNode.Scalar.Kind.NULL) {
      if (opt != null && "null".equals(opt.def())) {
        return null;
      }
      return fail(node, path, "expected " + expected(type) + ", got an empty value; give a value"
          + (opt != null && !Opt.REQUIRED.equals(opt.def()) ? " or remove the key for the default " + opt.def()
              : ""));
    }
    if (raw == Object.class) {
      // Any YAML value, kept as plain data (a sweep's choice values: their type is checked where they are used).
      return plain(node);
    }
    if (raw == double.class || raw == Double.class) {
      Double d = number(node);
      if (d == null) {
        return fail(node, path, "expected a number, got " + node.describe());
      }
      return ranged(node, path, opt, d) ? d : null;
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      Double d = number(node);
      boolean isInt = raw == int.class || raw == Integer.class;
      if (d == null || d != Math.rint(d) || Math.abs(d) > (isInt ? Integer.MAX_VALUE : 9.007199254740992E15)) {
        return fail(node, path, "expected a whole number" + (isInt ? "" : "") + ", got " + node.describe());
      }
      if (!ranged(node, path, opt, d)) {
        return null;
      }
      String t = ((YNode.Scalar) node).text().replace("_", "");
      long v = t.matches("[-+]?\\d+") ? Long.parseLong(t) : (long) (double) d;
      return isInt ? (Object) (int) v : (Object) v;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (node instanceof YNode.Scalar s && (s.text().equalsIgnoreCase("true") || s.text().equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
      }
      return fail(node, path, "expected true or false, got " + node.describe());
    }
    if (raw == String.class) {
      if (!(node instanceof YNode.Scalar s)) {
        return fail(node, path, "expected a string, got " + node.describe());
      }
      if (opt != null && !opt.choices().isEmpty()) {
        Collection<String> allowed = schema.choices().get(opt.choices()).get();
        if (!allowed.contains(s.text())) {
          return fail(node, path, "unknown " + opt.choices() + " '" + s.text() + "'"
              + Names.didYouMean(s.text(), allowed) + "; see 'workbench list " + opt.choices() + "s'");
        }
      }
      return s.text();
    }
    if (raw.isEnum()) {
      if (!(node instanceof YNode.Scalar s)) {
        return fail(node, path, "expected one of " + enumNames(raw) + ", got " + node.describe());
      }
      for (Object c : raw.getEnumConstants()) {
        if (((Enum<?>) c).name().toLowerCase(Locale.ROOT).equals(s.text())) {
          return c;
        }
      }
      return fail(node, path, "'" + s.text() + "' is not one of " + enumNames(raw)
          + Names.didYouMean(s.text(), enumNames(raw)));
    }
    if (raw == List.class) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      if (!(node instanceof YNode.ListNode l)) {
        return fail(node, path, "expected a list of " + expected(item) + ", got " + node.describe()
            + " (write '- item' lines or [a, b])");
      }
      List<Object> out = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < l.items().size(); i++) {
        Object v = value(l.items().get(i), item, path + "[" + i + "]", null, null);
        ok &= v != null;
        out.add(v);
      }
      return ok ? List.copyOf(out) : null;
    }
    if (raw == Map.class) {
      if (!(node instanceof YNode.MapNode m)) {
        return fail(node, path, "expected a mapping of options, got " + node.describe());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (YNode.Entry e : m.entries().values()) {
        out.put(e.key(), plain(e.value()));
      }
      blocks.put(out, m);
      paths.put(out, path);
      return out;
    }
    if (raw.isRecord()) {
      return record(raw, node, path, typeName);
    }
    TypeRegistry<?> reg = schema.registry(raw);
    if (reg != null) {
      return polymorphic(reg, node, path);
    }
    throw new IllegalStateException("no binding for " + type + " at " + path);
  }

  private Object polymorphic(TypeRegistry<?> reg, YNode node, String path) {
    if (reg.shorthand() != null && number(node) != null) {
      YNode.MapNode m = new YNode.MapNode(node.loc());
      m.entries().put(reg.key(), new YNode.Entry(reg.key(), node.loc(),
          new YNode.Scalar(reg.shorthand(), YNode.Scalar.Kind.STRING, node.loc())));
      m.entries().put("value", new YNode.Entry("value", node.loc(), node));
      node = m;
    }
    if (!(node instanceof YNode.MapNode m)) {
      return fail(node, path, "expected a " + reg.what() + " block (a mapping with '" + reg.key() + ": ...', one of "
          + reg.names() + "), got " + node.describe());
    }
    YNode.Entry t = m.entries().get(reg.key());
    String keyPath = path.isEmpty() ? reg.key() : path + "." + reg.key();
    if (t == null) {
      errors.add(new ConfigError(m.loc(), keyPath, "missing '" + reg.key() + ":'; the " + reg.what()
          + " must say which it is, one of " + reg.names()));
      return null;
    }
    if (!(t.value() instanceof YNode.Scalar s) || s.kind() != YNode.Scalar.Kind.STRING) {
      return fail(t.value(), keyPath, "expected a " + reg.what() + " name, one of " + reg.names() + ", got "
          + t.value().describe());
    }
    TypeRegistry.Entry<?> e = reg.get(s.text());
    if (e == null) {
      return fail(s, keyPath, "unknown " + reg.what() + " " + reg.key() + " '" + s.text() + "'"
          + Names.didYouMean(s.text(), reg.names()) + "; one of " + reg.names());
    }
    return record(e.type(), m, path, s.text());
  }

  private Object record(Class<?> rc, YNode node, String path, String typeName) {
    RecordComponent[] comps = rc.getRecordComponents();
    List<String> keys = new ArrayList<>();
    for (RecordComponent c : comps) {
      keys.add(Names.snake(c.getName()));
    }
    if (!(node instanceof YNode.MapNode m)) {
      return fail(node, path, "expected a mapping with keys " + keys + ", got " + node.describe());
    }
    int before = errors.size();
    for (YNode.Entry e : m.entries().values()) {
      if (!keys.contains(e.key())) {
        String p = path.isEmpty() ? e.key() : path + "." + e.key();
        List<String> settable = keys.stream().filter(k -> typeName == null || !k.equals(keyOf(rc))).toList();
        errors.add(new ConfigError(e.keyLoc(), p, "unknown key" + Names.didYouMean(e.key(), settable)
            + "; " + (path.isEmpty() ? "the top level" : "'" + path + "'") + " takes " + settable));
      }
    }
    Object[] args = new Object[comps.length];
    for (int i = 0; i < comps.length; i++) {
      RecordComponent c = comps[i];
      String key = keys.get(i);
      String p = path.isEmpty() ? key : path + "." + key;
      if (typeName != null && key.equals(keyOf(rc))) {
        args[i] = typeName;
        continue;
      }
      Opt opt = c.getAnnotation(Opt.class);
      YNode.Entry e = m.entries().get(key);
      YNode v;
      if (e != null) {
        v = e.value();
      } else if (opt == null || Opt.REQUIRED.equals(opt.def())) {
        errors.add(new ConfigError(m.loc(), p, "missing required key '" + key + "'"
            + (opt == null ? "" : " (" + opt.doc() + ")") + (path.isEmpty() ? "" : " in '" + path + "'")));
        continue;
      } else {
        v = YamlTree.parse(opt.def(), "default of " + p);
      }
      args[i] = value(v, c.getGenericType(), p, opt, null);
    }
    if (errors.size() > before) {
      return null;
    }
    try {
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        types[i] = comps[i].getType();
      }
      Constructor<?> ctor = rc.getDeclaredConstructor(types);
      Object r = ctor.newInstance(args);
      blocks.put(r, m);
      paths.put(r, path);
      return r;
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof IllegalArgumentException) {
        errors.add(new ConfigError(m.loc(), path, cause.getMessage()));
        return null;
      }
      throw new IllegalStateException("building " + rc.getSimpleName() + " at " + path, cause);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("cannot build " + rc.getSimpleName(), ex);
    }
  }

  private String keyOf(Class<?> rc) {
    for (TypeRegistry<?> r : schema.registries().values()) {
      if (r.base().isAssignableFrom(rc)) {
        return r.key();
      }
    }
    return null;
  }

  private boolean ranged(YNode node, String path, Opt opt, double d) {
    if (opt == null || opt.range().isEmpty()) {
      return true;
    }
    Range r = Range.parse(opt.range());
    if (!r.contains(d)) {
      fail(node, path, ((YNode.Scalar) node).text() + " is out of range; it must be in " + r);
      return false;
    }
    return true;
  }

  private Object fail(YNode node, String path, String message) {
    errors.add(new ConfigError(node.loc(), path, message));
    return null;
  }

  /** A scalar's numeric value (YAML 1.1 reads {@code 1e-3} as a string, so strings that are numbers count). */
  static Double number(YNode node) {
    if (!(node instanceof YNode.Scalar s) || s.kind() == YNode.Scalar.Kind.BOOL) {
      return null;
    }
    String t = s.text().replace("_", "").trim();
    switch (t.toLowerCase(Locale.ROOT)) {
      case ".inf", "+.inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-.inf", "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> { }
    }
    if (!t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return null;
    }
    return Double.parseDouble(t);
  }

  /** A free-form option value as plain Java data: Integer/Long, Double, Boolean, String, List, Map, null. */
  public static Object plain(YNode n) {
    if (n instanceof YNode.Scalar s) {
      return switch (s.kind()) {
        case NULL -> null;
        case BOOL -> Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        case INT -> {
          long v = Long.parseLong(s.text().replace("_", ""));
          yield v == (int) v ? (Object) (int) v : (Object) v;
        }
        case FLOAT -> Double.parseDouble(s.text());
        case STRING -> {
          Double d = number(s);
          yield d != null && s.text().matches(".*[eE].*") ? (Object) d : s.text();
        }
      };
    }
    if (n instanceof YNode.ListNode l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(plain(i)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((YNode.MapNode) n).entries().values().forEach(e -> out.put(e.key(), plain(e.value())));
    return out;
  }

  static List<String> enumNames(Class<?> e) {
    List<String> out = new ArrayList<>();
    for (Object c : e.getEnumConstants()) {
      out.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** How {@code describe} and messages name a type. */
  public String expected(Type type) {
    Class<?> raw = rawClass(type);
    if (raw == double.class || raw == Double.class) {
      return "a number";
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "a whole number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "true or false";
    }
    if (raw == String.class) {
      return "a string";
    }
    if (raw.isEnum()) {
      return "one of " + enumNames(raw);
    }
    if (raw == Object.class) {
      return "any value";
    }
    if (raw == List.class) {
      return "a list";
    }
    if (raw == Map.class) {
      return "a mapping of options";
    }
    TypeRegistry<?> reg = schema.registry(raw);
    if (reg != null) {
      return ("aeiou".indexOf(reg.what().charAt(0)) >= 0 ? "an " : "a ") + reg.what() + " block";
    }
    return "a mapping";
  }

  static Class<?> rawClass(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }
}
