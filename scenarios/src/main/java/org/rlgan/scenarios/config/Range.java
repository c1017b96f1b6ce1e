package org.rlgan.scenarios.config;

/**
 * A numeric interval parsed from interval notation: {@code [0, 1]}, {@code (0, 1]}, {@code [1, inf)}.
 */
public record Range(double low, boolean lowOpen, double high, boolean highOpen, String text) {

  public static Range parse(String s) {
    String t = s.trim();
    if (t.length() < 5 || "[(".indexOf(t.charAt(0)) < 0 || "])".indexOf(t.charAt(t.length() - 1)) < 0) {
      throw new IllegalArgumentException("bad range " + s);
    }
    String[] parts = t.substring(1, t.length() - 1).split(",");
    return new Range(num(parts[0]), t.charAt(0) == '(', num(parts[1]), t.charAt(t.length() - 1) == ')', t);
  }

  private static double num(String s) {
    String t = s.trim();
    return switch (t) {
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(t);
    };
  }

  public boolean contains(double x) {
    boolean lo = lowOpen ? x > low : x >= low;
    boolean hi = highOpen ? x < high : x <= high;
    return lo && hi;
  }

  @Override
  public String toString() {
    return text;
  }
}
