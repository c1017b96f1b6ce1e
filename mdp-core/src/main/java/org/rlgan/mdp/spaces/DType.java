package org.rlgan.mdp.spaces;

/** The element type of a {@link Box}: members are {@code double[]} whose values are representable in it. */
public enum DType {
  FLOAT32("float32"),
  FLOAT64("float64");

  private final String numpyName;

  DType(String numpyName) {
    this.numpyName = numpyName;
  }

  /** NumPy's name, as Gymnasium prints it. */
  public String numpyName() {
    return numpyName;
  }

  /** {@code v} rounded to this type. */
  public double round(double v) {
    return this == FLOAT32 ? (double) (float) v : v;
  }

  /** True when {@code v} is exactly representable in this type. */
  public boolean represents(double v) {
    return this == FLOAT64 || Double.isNaN(v) || (double) (float) v == v;
  }
}
