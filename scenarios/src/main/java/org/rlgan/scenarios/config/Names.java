package org.rlgan.scenarios.config;

import java.util.Collection;
import java.util.Locale;

/** Key spelling (record components are camelCase, YAML keys snake_case) and "did you mean". */
public final class Names {

  private Names() {}

  /** {@code learningRate} → {@code learning_rate}, {@code initialQ} → {@code initial_q}. */
  public static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The closest candidate to {@code word} when it is close enough to be a likely misspelling, else null. */
  public static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best == null) {
      return null;
    }
    int limit = Math.max(2, Math.min(w.length(), best.length()) / 3);
    if (bestD <= limit) {
      return best;
    }
    // An abbreviation ("value_iter"): the shortest candidate it begins.
    String prefixed = null;
    for (String c : candidates) {
      if (w.length() >= 3 && c.toLowerCase(Locale.ROOT).startsWith(w)
          && (prefixed == null || c.length() < prefixed.length())) {
        prefixed = c;
      }
    }
    return prefixed;
  }

  /** " (did you mean 'x'?)" or "" when nothing is close. */
  public static String didYouMean(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? "" : " (did you mean '" + c + "'?)";
  }

  /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
