package org.rlgan.mdp.solve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rlgan.mdp.model.FiniteMdp;
import org.rlgan.mdp.model.FiniteMdpJson;

/** The golden files under src/test/resources/reference (copies of ../shared/reference). */
final class Reference {

  private Reference() {}

  static JsonNode json(String name) {
    try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /reference/" + name);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model of a reference file, read through the public JSON reader from a temporary copy. */
  static FiniteMdp model(String name) {
    try {
      Path tmp = Files.createTempFile("reference", ".json");
      try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        return FiniteMdpJson.read(tmp);
      } finally {
        Files.delete(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode n) {
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = n.get(i).doubleValue();
    }
    return v;
  }

  static int[] ints(JsonNode n) {
    int[] v = new int[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = n.get(i).intValue();
    }
    return v;
  }
}
