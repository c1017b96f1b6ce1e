package org.rlgan.nets.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python literal syntax that {@code .npy} headers use, parsed the way
 * {@code ast.literal_eval} would: dicts, tuples, lists, strings, integers (with Python 2's {@code L}
 * suffix), {@code True}, {@code False} and {@code None}. Nothing is evaluated.
 *
 * <p>Values come back as {@link Map} (insertion order), {@link Tuple}, {@link List}, {@link String},
 * {@link BigInteger}, {@link Boolean} and {@link #NONE}.
 */
final class PyLiteral {
  /** A Python tuple, kept apart from a list because the header's shape must be a tuple. */
  record Tuple(List<Object> items) {}

  /** Python's None. */
  static final Object NONE =
      new Object() {
        @Override
        public String toString() {
          return "None";
        }
      };

  /** Thrown with a message that says what was expected where. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private final String s;
  private int pos;

  private PyLiteral(String s) {
    this.s = s;
  }

  /** Parses one literal; only whitespace may follow it. */
  static Object parse(String text) throws SyntaxException {
    PyLiteral p = new PyLiteral(text);
    Object value = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("end of the literal");
    }
    return value;
  }

  private Object value() throws SyntaxException {
    skipSpace();
    if (pos >= s.length()) {
      throw error("a value");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> dict();
      case '(' -> new Tuple(sequence(')', true));
      case '[' -> sequence(']', false);
      case '\'', '"' -> string(c);
      default -> {
        if (c == '-' || c == '+' || Character.isDigit(c)) {
          yield integer();
        }
        yield word();
      }
    };
  }

  private Map<Object, Object> dict() throws SyntaxException {
    pos++; // '{'
    Map<Object, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek('}')) {
        pos++;
        return map;
      }
      Object key = value();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (!peek('}')) {
        throw error("',' or '}'");
      }
    }
  }

  /** Items up to {@code close}; a one-item tuple needs its trailing comma, as in Python. */
  private List<Object> sequence(char close, boolean tuple) throws SyntaxException {
    pos++; // '(' or '['
    List<Object> items = new ArrayList<>();
    boolean trailingComma = false;
    while (true) {
      skipSpace();
      if (peek(close)) {
        pos++;
        break;
      }
      items.add(value());
      trailingComma = false;
      skipSpace();
      if (peek(',')) {
        pos++;
        trailingComma = true;
      } else if (!peek(close)) {
        throw error("',' or '" + close + "'");
      }
    }
    if (tuple && items.size() == 1 && !trailingComma) {
      // "(5)" is the integer 5 in Python, not a tuple.
      throw error("a trailing comma in a one-element tuple");
    }
    return items;
  }

  private String string(char quote) throws SyntaxException {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\' && pos < s.length()) {
        c = s.charAt(pos++); // headers hold no escapes worth decoding; keep the character
      }
      sb.append(c);
    }
    pos = start;
    throw error("a closing " + quote);
  }

  private BigInteger integer() throws SyntaxException {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    int digits = pos;
    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
      pos++;
    }
    if (pos == digits) {
      pos = start;
      throw error("an integer");
    }
    BigInteger value = new BigInteger(s.substring(start, pos));
    if (peek('L') || peek('l')) {
      pos++; // Python 2 long suffix, found in old .npy files
    }
    return value;
  }

  private Object word() throws SyntaxException {
    int start = pos;
    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
      pos++;
    }
    String w = s.substring(start, pos);
    switch (w) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return NONE;
      default:
        pos = start;
        throw error("a value");
    }
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) throws SyntaxException {
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private SyntaxException error(String expected) {
    String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "the end";
    return new SyntaxException("expected " + expected + " at character " + pos + ", found " + found);
  }
}
