package org.rlgan.envs.toytext;

/** Gymnasium's {@code gymnasium.utils.colorize}: ANSI escape codes around a string. */
final class Ansi {

  private Ansi() {}

  static final int RED = 31;
  static final int GREEN = 32;
  static final int YELLOW = 33;
  static final int BLUE = 34;
  static final int MAGENTA = 35;

  /** {@code colorize(s, color, bold, highlight)}: highlight adds 10 (background), bold appends ";1". */
  static String colorize(String s, int color, boolean bold, boolean highlight) {
    String attrs = Integer.toString(highlight ? color + 10 : color) + (bold ? ";1" : "");
    return "\u001b[" + attrs + "m" + s + "\u001b[0m";
  }
}
