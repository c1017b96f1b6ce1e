package org.rlgan.mdp.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finite models as JSON.
 *
 * <p>{@link #write} writes the Gymnasium toy-text layout, which {@link #read} reads back exactly:
 * <pre>{@code
 * {"format": "rlgan.finite-mdp", "version": 1, "n_states": S, "n_actions": A,
 *  "isd": [...S initial probabilities...],
 *  "P": [ per state [ per action [ [prob, next_state, reward, terminated], ... ] ] ]}
 * }</pre>
 *
 * <p>{@link #read} also takes the two layouts users already have: Gymnasium's {@code P[s][a]} lists as above
 * without the header (e.g. the files under {@code ../shared/reference/toy-text/}), and pymdptoolbox's arrays
 * {@code {"P": [a][s][s'], "R": [s][a] | [a][s][s'] | [s]}}. Errors name the file and the JSON path
 * ({@code P[3][1][0]}) of the offending value.
 */
public final class FiniteMdpJson {

  public static final String FORMAT = "rlgan.finite-mdp";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FiniteMdpJson() {}

  /** Reads a model from a file in any of the three layouts. */
  public static FiniteMdp read(Path file) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new InvalidModelException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    try {
      return fromTree(root);
    } catch (InvalidModelException e) {
      throw new InvalidModelException(file + ": " + e.getMessage());
    }
  }

  /** Reads a model from a JSON tree in any of the three layouts. */
  public static FiniteMdp fromTree(JsonNode root) {
    if (root == null || !root.isObject() || !root.has("P")) {
      throw new InvalidModelException("expected a JSON object with a \"P\" key (and \"R\" for pymdptoolbox arrays)");
    }
    JsonNode p = root.get("P");
    JsonNode probe = p;
    int depth = 0;
    while (probe.isArray() && probe.size() > 0) {
      probe = probe.get(0);
      depth++;
    }
    if (depth == 4) {
      return gymnasium(root, p);
    }
    if (depth == 3) {
      return pymdptoolbox(root, p);
    }
    throw new InvalidModelException("\"P\" must be Gymnasium's P[s][a] = [[prob, next_state, reward, terminated], "
        + "...] or pymdptoolbox's P[a][s][s'] array; found nesting depth " + depth);
  }

  private static FiniteMdp gymnasium(JsonNode root, JsonNode p) {
    int s = p.size();
    int a = array(p.get(0), "P[0]").size();
    if (root.has("n_states") && root.get("n_states").asInt() != s) {
      throw new InvalidModelException("n_states is " + root.get("n_states") + " but P lists " + s + " states");
    }
    FiniteMdpBuilder b = new FiniteMdpBuilder(s, a);
    for (int i = 0; i < s; i++) {
      JsonNode ps = array(p.get(i), "P[" + i + "]");
      if (ps.size() != a) {
        throw new InvalidModelException("P[" + i + "] lists " + ps.size() + " actions, P[0] lists " + a);
      }
      for (int j = 0; j < a; j++) {
        String at = "P[" + i + "][" + j + "]";
        JsonNode entries = array(ps.get(j), at);
        for (int k = 0; k < entries.size(); k++) {
          String et = at + "[" + k + "]";
          JsonNode e = array(entries.get(k), et);
          if (e.size() != 4) {
            throw new InvalidModelException(et + " has " + e.size()
                + " items; each entry is [prob, next_state, reward, terminated]");
          }
          b.transition(i, j, integer(e.get(1), et + "[1]"), number(e.get(0), et + "[0]"), number(e.get(2), et + "[2]"),
              bool(e.get(3), et + "[3]"));
        }
      }
    }
    if (root.has("isd")) {
      b.initialDistribution(vector(root.get("isd"), "isd", s));
    }
    return b.build();
  }

  private static FiniteMdp pymdptoolbox(JsonNode root, JsonNode p) {
    int a = p.size();
    int s = array(p.get(0), "P[0]").size();
    double[][][] pa = new double[a][][];
    for (int j = 0; j < a; j++) {
      pa[j] = matrix(p.get(j), "P[" + j + "]", s, s);
    }
    JsonNode r = root.get("R");
    if (r == null) {
      throw new InvalidModelException("pymdptoolbox arrays need \"R\": R[s][a], R[a][s][s'] or R[s]");
    }
    JsonNode probe = array(r, "R").size() > 0 ? r.get(0) : null;
    if (probe != null && probe.isArray() && probe.size() > 0 && probe.get(0).isArray()) {
      if (r.size() != a) {
        throw new InvalidModelException("R[a][s][s'] lists " + r.size() + " actions, P lists " + a);
      }
      double[][][] ra = new double[a][][];
      for (int j = 0; j < a; j++) {
        ra[j] = matrix(r.get(j), "R[" + j + "]", s, s);
      }
      return FiniteMdp.fromArrays(pa, ra, s * s * a <= 1 << 20);
    }
    double[][] rsa;
    if (probe != null && probe.isArray()) {
      rsa = matrix(r, "R", s, a);
    } else {
      double[] rs = vector(r, "R", s);
      rsa = new double[s][a];
      for (int i = 0; i < s; i++) {
        java.util.Arrays.fill(rsa[i], rs[i]);
      }
    }
    return FiniteMdp.fromArrays(pa, rsa, s * s * a <= 1 << 20);
  }

  /** Writes {@code m} in this library's layout (Gymnasium's P[s][a] lists with a header), atomically. */
  public static void write(FiniteMdp m, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp);
          JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
        write(m, g);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void write(FiniteMdp m, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("format", FORMAT);
    g.writeNumberField("version", 1);
    g.writeNumberField("n_states", m.states());
    g.writeNumberField("n_actions", m.actions());
    g.writeStringField("P_format", "P[state][action] = list of [prob, next_state, reward, terminated]");
    g.writeArrayFieldStart("isd");
    for (double v : m.initialDistribution()) {
      g.writeNumber(v);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("P");
    for (int s = 0; s < m.states(); s++) {
      g.writeStartArray();
      for (int a = 0; a < m.actions(); a++) {
        g.writeStartArray();
        int row = m.row(s, a);
        for (int k = m.start(row); k < m.end(row); k++) {
          if (m.isDense() && m.prob(k) == 0.0) {
            continue;
          }
          g.writeStartArray();
          g.writeNumber(m.prob(k));
          g.writeNumber(m.next(k));
          g.writeNumber(m.reward(row, k));
          g.writeBoolean(m.terminated(k));
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static JsonNode array(JsonNode n, String at) {
    if (n == null || !n.isArray()) {
      throw new InvalidModelException(at + " must be a JSON array");
    }
    return n;
  }

  private static double number(JsonNode n, String at) {
    if (n == null || !n.isNumber()) {
      throw new InvalidModelException(at + " must be a number, found " + n);
    }
    return n.doubleValue();
  }

  private static int integer(JsonNode n, String at) {
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new InvalidModelException(at + " must be an integer state index, found " + n);
    }
    return n.intValue();
  }

  private static boolean bool(JsonNode n, String at) {
    if (n != null && n.isBoolean()) {
      return n.booleanValue();
    }
    if (n != null && n.isIntegralNumber() && (n.intValue() == 0 || n.intValue() == 1)) {
      return n.intValue() == 1;
    }
    throw new InvalidModelException(at + " must be true or false, found " + n);
  }

  private static double[] vector(JsonNode n, String at, int len) {
    array(n, at);
    if (n.size() != len) {
      throw new InvalidModelException(at + " has " + n.size() + " entries, expected " + len);
    }
    double[] v = new double[len];
    for (int i = 0; i < len; i++) {
      v[i] = number(n.get(i), at + "[" + i + "]");
    }
    return v;
  }

  private static double[][] matrix(JsonNode n, String at, int rows, int cols) {
    array(n, at);
    if (n.size() != rows) {
      throw new InvalidModelException(at + " has " + n.size() + " rows, expected " + rows);
    }
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(n.get(i), at + "[" + i + "]", cols);
    }
    return m;
  }
}
