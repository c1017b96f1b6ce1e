package org.rlgan.scenarios.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML text into a {@link YNode} tree with the line and column of every key and value, from Jackson's
 * streaming YAML parser. Tags ({@code !!java/...}) and anchors are refused: a scenario names no classes and runs
 * no code. Duplicate keys are errors (YAML forbids them; silently taking the last hides mistakes).
 */
public final class YamlTree {

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlTree() {}

  /**
   * @param source the file name to report
   * @throws BadInputException for YAML syntax errors, tags, anchors or duplicate keys (all found before the
   *     first syntax error)
   */
  public static YNode parse(String text, String source) {
    List<ConfigError> errors = new ArrayList<>();
    try (YAMLParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new BadInputException(new Loc(source, 1, 1), "", "the file is empty; a scenario needs at least "
            + "'kind:' (see 'workbench list examples')");
      }
      YNode root = read(p, t, source, "", errors);
      if (p.nextToken() != null) {
        errors.add(new ConfigError(loc(p.currentTokenLocation(), source), "",
            "a second YAML document ('---') follows; a scenario file holds exactly one"));
      }
      if (!errors.isEmpty()) {
        throw new BadInputException(errors);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      Loc where = l == null ? Loc.of(source) : loc(l, source);
      String what = firstLine(e.getOriginalMessage());
      if (e.getCause() instanceof MarkedYAMLException m) {
        // SnakeYAML says what it was parsing, where that began, and the problem: name both lines.
        if (m.getProblemMark() != null) {
          where = new Loc(source, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
        }
        what = (m.getContext() == null ? "" : m.getContext()
            + (m.getContextMark() == null ? "" : " (from line " + (m.getContextMark().getLine() + 1) + ")") + ": ")
            + m.getProblem();
      }
      errors.add(new ConfigError(where, "", "YAML syntax error: " + what
          + " (check the indentation, the brackets, and that every 'key: value' has a space after the colon)"));
      throw new BadInputException(errors);
    } catch (IOException e) {
      throw new BadInputException(Loc.of(source), "", "cannot read: " + e.getMessage());
    }
  }

  private static YNode read(YAMLParser p, JsonToken t, String source, String path, List<ConfigError> errors)
      throws IOException {
    Loc here = loc(p.currentTokenLocation(), source);
    if (p.getTypeId() != null) {
      errors.add(new ConfigError(here, path, "YAML tag '!" + p.getTypeId() + "' is not allowed; a scenario "
          + "cannot name Java classes or types; remove the tag"));
    }
    if (p.getObjectId() != null) {
      errors.add(new ConfigError(here, path, "YAML anchor '&" + p.getObjectId() + "' is not supported; "
          + "write the values out"));
    }
    switch (t) {
      case START_OBJECT: {
        YNode.MapNode m = new YNode.MapNode(here);
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Loc keyLoc = loc(p.currentTokenLocation(), source);
          String childPath = path.isEmpty() ? key : path + "." + key;
          YNode v = read(p, p.nextToken(), source, childPath, errors);
          YNode.Entry prev = m.entries().get(key);
          if (prev != null) {
            errors.add(new ConfigError(keyLoc, childPath, "duplicate key; it is already set on line "
                + prev.keyLoc().line() + "; keep one"));
          } else {
            m.entries().put(key, new YNode.Entry(key, keyLoc, v));
          }
        }
        return m;
      }
      case START_ARRAY: {
        YNode.ListNode l = new YNode.ListNode(here);
        JsonToken k;
        int i = 0;
        while ((k = p.nextToken()) != JsonToken.END_ARRAY) {
          l.items().add(read(p, k, source, path + "[" + i++ + "]", errors));
        }
        return l;
      }
      case VALUE_STRING:
        if (p.getText().isEmpty()) {
          // 'key:' with nothing after it: an empty value, reported as such rather than as the string ''
          return new YNode.Scalar("null", YNode.Scalar.Kind.NULL, here);
        }
        if (p.getText().startsWith("*") && p.getText().length() > 1 && isAlias(p)) {
          errors.add(new ConfigError(here, path, "YAML alias '" + p.getText() + "' is not supported; "
              + "write the values out"));
        }
        return new YNode.Scalar(p.getText(), YNode.Scalar.Kind.STRING, here);
      case VALUE_NUMBER_INT:
        return new YNode.Scalar(p.getText(), YNode.Scalar.Kind.INT, here);
      case VALUE_NUMBER_FLOAT:
        return new YNode.Scalar(p.getText(), YNode.Scalar.Kind.FLOAT, here);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YNode.Scalar(p.getText(), YNode.Scalar.Kind.BOOL, here);
      case VALUE_NULL:
        return new YNode.Scalar("null", YNode.Scalar.Kind.NULL, here);
      default:
        throw new IllegalStateException("unexpected YAML token " + t + " at " + here);
    }
  }

  private static boolean isAlias(YAMLParser p) {
    return p.isCurrentAlias();
  }

  static Loc loc(JsonLocation l, String source) {
    return new Loc(source, l.getLineNr(), l.getColumnNr());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
