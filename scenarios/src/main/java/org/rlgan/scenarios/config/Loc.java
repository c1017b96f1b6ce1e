package org.rlgan.scenarios.config;

/**
 * Where a piece of configuration came from: a file (1-based line and column) or a {@code --set} override.
 *
 * @param source the file as the user named it, or {@code --set key=value}
 * @param line 1-based line (0 when unknown)
 * @param column 1-based column (0 when unknown)
 */
public record Loc(String source, int line, int column) {

  public static Loc of(String source) {
    return new Loc(source, 0, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }
}
