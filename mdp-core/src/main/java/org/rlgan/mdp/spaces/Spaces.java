package org.rlgan.mdp.spaces;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Helpers shared by the spaces: readable values and shapes in messages. */
public final class Spaces {

  private Spaces() {}

  /** A value as a message should show it: arrays by content, lists and maps element by element. */
  public static String describe(Object x) {
    if (x == null) {
      return "null";
    }
    if (x instanceof double[] d) {
      return Arrays.toString(d);
    }
    if (x instanceof float[] f) {
      return Arrays.toString(f) + " (float[])";
    }
    if (x instanceof int[] i) {
      return Arrays.toString(i);
    }
    if (x instanceof long[] l) {
      return Arrays.toString(l) + " (long[])";
    }
    if (x instanceof List<?> l) {
      return l.stream().map(Spaces::describe).toList().toString();
    }
    if (x instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(describe(v)));
      return b.append('}').toString();
    }
    if (x instanceof Integer || x instanceof String) {
      return x.toString();
    }
    return x + " (" + x.getClass().getSimpleName() + ")";
  }

  /** A shape as Python writes a tuple: {@code ()}, {@code (4,)}, {@code (10, 10, 4)}. */
  public static String shapeString(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return b.append(')').toString();
  }

  /** The number of elements of a shape, checking that every extent is positive. */
  static int size(int[] shape, String space) {
    long n = 1;
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(space + ": shape " + Arrays.toString(shape) + " has an extent " + d
            + "; every extent must be positive");
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(space + ": shape " + Arrays.toString(shape) + " has more than 2^31 elements");
      }
    }
    return (int) n;
  }
}
