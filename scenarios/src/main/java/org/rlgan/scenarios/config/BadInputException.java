package org.rlgan.scenarios.config;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: every mistake found, all at once. The command line prints them and exits with code 2. */
public final class BadInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  public BadInputException(List<ConfigError> errors) {
    super(errors.stream().map(ConfigError::format).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public BadInputException(Loc loc, String path, String message) {
    this(List.of(new ConfigError(loc, path, message)));
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
