package org.rlgan.scenarios.config;

/**
 * One mistake in a scenario: where it is, which key, what is wrong and how to fix it.
 *
 * @param loc file, line and column
 * @param path the dotted key path ({@code agent.exploration.epsilon}, {@code solvers[1].type}); empty for the
 *     whole file
 * @param message what was found and what was expected, with a "did you mean" where one is close
 */
public record ConfigError(Loc loc, String path, String message) {

  /** {@code file:line:column: key 'path': message}, the format compilers use, so editors can jump to it. */
  public String format() {
    return loc + ": " + (path.isEmpty() ? "" : "key '" + path + "': ") + message;
  }
}
