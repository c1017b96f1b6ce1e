package org.rlgan.agents;

/** Validation helpers for configuration records: every message names the field, the value and the allowed range. */
public final class Checks {
  private Checks() {}

  /** {@code lo ≤ v ≤ hi}, finite. */
  public static void inClosed(String field, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(field + " is " + v + "; it must be in [" + lo + ", " + hi + "]");
    }
  }

  /** {@code lo < v ≤ hi}. */
  public static void inHalfOpen(String field, double v, double lo, double hi) {
    if (!(v > lo && v <= hi)) {
      throw new IllegalArgumentException(field + " is " + v + "; it must be in (" + lo + ", " + hi + "]");
    }
  }

  /** {@code v > 0} and finite. */
  public static void positive(String field, double v) {
    if (!(v > 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(field + " is " + v + "; it must be a finite number > 0");
    }
  }

  /** {@code v ≥ min}. */
  public static void atLeast(String field, long v, long min) {
    if (v < min) {
      throw new IllegalArgumentException(field + " is " + v + "; it must be at least " + min);
    }
  }
}
