package org.rlgan.scenarios.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set key.path=value} (and sweep keys): the same dotted paths as error messages
 * ({@code agent.exploration.epsilon}, {@code solvers[1].discount}). The value is YAML ({@code 0.1},
 * {@code [a, b]}, {@code {type: constant, value: 0.1}}); it replaces the tree node before binding, so it is
 * validated exactly as if it were in the file, and its errors name the override.
 */
public final class Overrides {

  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");

  private Overrides() {}

  /** Applies {@code key=value} to {@code root} in place; returns the errors (a bad path, a bad value). */
  public static List<ConfigError> apply(YNode root, String assignment) {
    String source = "--set " + assignment;
    List<ConfigError> errors = new ArrayList<>();
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      errors.add(new ConfigError(Loc.of(source), "", "expected key.path=value, e.g. --set agent.discount=0.95"));
      return errors;
    }
    String path = assignment.substring(0, eq).trim();
    String text = assignment.substring(eq + 1);
    YNode value;
    try {
      value = text.isBlank() ? new YNode.Scalar("null", YNode.Scalar.Kind.NULL, Loc.of(source))
          : relocate(YamlTree.parse(text, source), source);
    } catch (BadInputException e) {
      errors.addAll(e.errors());
      return errors;
    }
    set(root, path, value, source, errors);
    return errors;
  }

  /** Sets {@code path} to {@code value} in {@code root}, creating missing mappings on the way. */
  public static void set(YNode root, String path, YNode value, String source, List<ConfigError> errors) {
    set(root, path, value, Loc.of(source), errors);
  }

  /**
   * Sets {@code path} to {@code value}; keys it creates and its errors are placed at {@code where} (a sweep key's
   * line in the file, or the override).
   */
  public static void set(YNode root, String path, YNode value, Loc where, List<ConfigError> errors) {
    String[] parts = path.split("\\.");
    YNode cur = root;
    String done = "";
    for (int i = 0; i < parts.length; i++) {
      Matcher m = SEGMENT.matcher(parts[i]);
      if (!m.matches()) {
        errors.add(new ConfigError(where, path, "'" + parts[i] + "' is not a key; paths look like "
            + "agent.exploration.epsilon or solvers[0].discount"));
        return;
      }
      String key = m.group(1);
      List<Integer> idx = new ArrayList<>();
      Matcher im = Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
      while (im.find()) {
        idx.add(Integer.parseInt(im.group(1)));
      }
      if (!(cur instanceof YNode.MapNode map)) {
        errors.add(new ConfigError(where, path, "'" + done + "' is " + cur.describe()
            + ", not a mapping with a key '" + key + "'"));
        return;
      }
      done = done.isEmpty() ? key : done + "." + key;
      boolean last = i == parts.length - 1;
      YNode.Entry e = map.entries().get(key);
      if (idx.isEmpty() && last) {
        map.entries().put(key, new YNode.Entry(key, where, value));
        return;
      }
      if (e == null) {
        if (!idx.isEmpty()) {
          errors.add(new ConfigError(where, path, "'" + done + "' is not set, so it has no items to index"));
          return;
        }
        e = new YNode.Entry(key, where, new YNode.MapNode(where));
        map.entries().put(key, e);
      }
      YNode next = e.value();
      for (int k = 0; k < idx.size(); k++) {
        int j = idx.get(k);
        if (!(next instanceof YNode.ListNode l) || j >= l.items().size()) {
          errors.add(new ConfigError(where, path, "'" + done + "' has no item [" + j + "]"
              + (next instanceof YNode.ListNode l2 ? " (it has " + l2.items().size() + ")" : "")));
          return;
        }
        done += "[" + j + "]";
        if (last && k == idx.size() - 1) {
          l.items().set(j, value);
          return;
        }
        next = l.items().get(j);
      }
      cur = next;
    }
  }

  private static YNode relocate(YNode n, String source) {
    // Every node of an override reports the override, not a line inside the one-line value.
    return n.copy(l -> Loc.of(source));
  }
}
