package org.rlgan.nets.optim;

/**
 * Validation for configuration records: each check names the field, the bad value and the allowed range,
 * and throws {@link IllegalArgumentException}. (Java's {@code assert} is off by default, so it is never used.)
 */
final class Check {
  private Check() {}

  /** v finite and v ≥ 0. */
  static void nonNegative(String field, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " = " + v + " is invalid: it must be finite and >= 0");
    }
  }

  /** v finite and v > 0. */
  static void positive(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " = " + v + " is invalid: it must be finite and > 0");
    }
  }

  /** lo ≤ v < hi. */
  static void inHalfOpen(String field, double v, double lo, double hi) {
    if (!(v >= lo && v < hi)) {
      throw new IllegalArgumentException(field + " = " + v + " is invalid: it must be in [" + lo + ", " + hi + ")");
    }
  }

  /** lo ≤ v ≤ hi. */
  static void inClosed(String field, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(field + " = " + v + " is invalid: it must be in [" + lo + ", " + hi + "]");
    }
  }

  /** lo < v ≤ hi. */
  static void inOpenClosed(String field, double v, double lo, double hi) {
    if (!(v > lo && v <= hi)) {
      throw new IllegalArgumentException(field + " = " + v + " is invalid: it must be in (" + lo + ", " + hi + "]");
    }
  }

  /** v ≥ min, for counts. */
  static void atLeast(String field, long v, long min) {
    if (v < min) {
      throw new IllegalArgumentException(field + " = " + v + " is invalid: it must be >= " + min);
    }
  }

  static <T> T notNull(String field, T v) {
    if (v == null) {
      throw new IllegalArgumentException(field + " is null: it must be given");
    }
    return v;
  }
}
