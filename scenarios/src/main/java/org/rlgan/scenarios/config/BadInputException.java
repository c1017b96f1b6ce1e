package org.rlgan.scenarios.config;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: every mistake found, all at once. The command line prints them and exits with code 2. */
public final class BadInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  public BadInputException(List<ConfigError> errors) {
    this(sorted(errors), true);
  }

  private BadInputException(List<ConfigError> errors, boolean unused) {
    super(errors.stream().map(ConfigError::format).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public BadInputException(Loc loc, String path, String message) {
    this(List.of(new ConfigError(loc, path, message)));
  }

  /** File errors by line and column (overrides, which have no line, last), each mistake once. */
  private static List<ConfigError> sorted(List<ConfigError> errors) {
    return errors.stream().distinct().sorted(java.util.Comparator
        .comparing((ConfigError e) -> e.loc().line() == 0)
        .thenComparingInt(e -> e.loc().line())
        .thenComparingInt(e -> e.loc().column())).toList();
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
