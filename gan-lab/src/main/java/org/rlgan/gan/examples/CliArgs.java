package org.rlgan.gan.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --name value} arguments of gan-lab's programs, checked against the names a program knows. Every
 * problem is a {@link UsageException} naming the argument, the value and what is allowed, which the programs print
 * without a stack trace and answer with exit code 2.
 */
final class CliArgs {
  private final String program;
  private final Map<String, String> values;

  /** A bad command line; its message says what to change. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  private CliArgs(String program, Map<String, String> values) {
    this.program = program;
    this.values = values;
  }

  /** Parses {@code --name value} pairs; an unknown name is refused with the list of known ones. */
  static CliArgs parse(String program, String[] args, Set<String> known) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new UsageException(program + ": arguments are --name value pairs; got '" + args[i] + "'"
            + (i + 1 >= args.length && args[i].startsWith("--") ? " without a value" : ""));
      }
      String name = args[i].substring(2);
      if (!known.contains(name)) {
        throw new UsageException(program + ": unknown argument --" + name + "; known: --" + String.join(", --",
            new TreeSet<>(known)));
      }
      m.put(name, args[i + 1]);
    }
    return new CliArgs(program, m);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** One of {@code choices} (the first is the default when the argument is absent). */
  String choice(String name, String... choices) {
    String v = values.getOrDefault(name, choices[0]);
    for (String c : choices) {
      if (c.equals(v)) {
        return v;
      }
    }
    throw new UsageException(program + ": --" + name + " " + v + " is not valid; use one of " + String.join(", ", choices));
  }

  long integer(String name, long fallback, long min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long x = Long.parseLong(v.replace("_", ""));
      if (x < min) {
        throw new UsageException(program + ": --" + name + " " + v + " is too small; it must be >= " + min);
      }
      return x;
    } catch (NumberFormatException e) {
      throw new UsageException(program + ": --" + name + " " + v + " is not an integer");
    }
  }

  double decimal(String name, double fallback, double min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      double x = Double.parseDouble(v);
      if (!(x >= min) || Double.isInfinite(x)) {
        throw new UsageException(program + ": --" + name + " " + v + " is out of range; it must be a finite number >= "
            + min);
      }
      return x;
    } catch (NumberFormatException e) {
      throw new UsageException(program + ": --" + name + " " + v + " is not a number");
    }
  }
}
