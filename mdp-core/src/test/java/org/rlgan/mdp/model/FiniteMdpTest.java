package org.rlgan.mdp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.mdp.Rngs;

class FiniteMdpTest {

  @Test
  void rowsThatDoNotSumToOneNameStateActionAndSum() {
    double[][][] p = {{{0.5, 0.5}, {0.8, 0.1}}, {{0, 1}, {0.1, 0.9}}};
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> FiniteMdp.fromArrays(p, new double[][] {{1, 2}, {3, 4}}, true));
    assertTrue(e.getMessage().contains("state 1, action 0"), e.getMessage());
    assertTrue(e.getMessage().contains("sum to 0.9"), e.getMessage());
  }

  @Test
  void negativeProbabilitiesAreRejected() {
    double[][][] p = {{{1.5, -0.5}, {0, 1}}};
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> FiniteMdp.fromArrays(p, new double[][] {{0}, {0}}, false));
    assertTrue(e.getMessage().contains("P(1 | state 0, action 0) = -0.5"), e.getMessage());
  }

  @Test
  void wrongShapesAreRejected() {
    double[][][] p = {{{1, 0}, {0, 1}}, {{1, 0, 0}, {0, 1}}};
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> FiniteMdp.fromArrays(p, new double[][] {{0, 0}, {0, 0}}, false));
    assertTrue(e.getMessage().contains("P[1][0] has 3 entries, expected S = 2"), e.getMessage());
    InvalidModelException r = assertThrows(InvalidModelException.class,
        () -> FiniteMdp.fromArrays(new double[][][] {{{1, 0}, {0, 1}}}, new double[][] {{0}}, false));
    assertTrue(r.getMessage().contains("R has 1 rows"), r.getMessage());
    assertThrows(InvalidModelException.class, () -> new FiniteMdpBuilder(2, 1).transition(0, 0, 2, 1, 0, false));
    InvalidModelException empty = assertThrows(InvalidModelException.class,
        () -> new FiniteMdpBuilder(2, 1).transition(0, 0, 1, 1, 0, false).build());
    assertTrue(empty.getMessage().contains("state 1, action 0 has no transitions"), empty.getMessage());
  }

  @Test
  void denseAndSparseLayoutsAgree() {
    double[][][] p = {{{0.5, 0.5}, {0.8, 0.2}}, {{0, 1}, {0.1, 0.9}}};
    double[][] r = {{5, 10}, {-1, 2}};
    FiniteMdp dense = FiniteMdp.fromArrays(p, r, true);
    FiniteMdp sparse = FiniteMdp.fromArrays(p, r, false);
    assertTrue(dense.isDense());
    assertFalse(sparse.isDense());
    assertEquals(8, dense.entryCount());
    assertEquals(7, sparse.entryCount());
    double[] v = {3, -2};
    for (int s = 0; s < 2; s++) {
      for (int a = 0; a < 2; a++) {
        assertEquals(dense.q(s, a, v, 0.9), sparse.q(s, a, v, 0.9), 0.0);
      }
    }
  }

  @Test
  void terminalTransitionsAreNotBootstrapped() {
    FiniteMdp m = new FiniteMdpBuilder(2, 1)
        .transition(0, 0, 1, 0.5, 1.0, true)
        .transition(0, 0, 0, 0.5, 0.0, false)
        .transition(1, 0, 1, 1.0, 0.0, true)
        .build();
    double[] v = {10, 100};
    // Q(0) = 0.5·1 + 0.9·(0.5·10 + 0.5·0·100)
    assertEquals(0.5 + 0.9 * 5, m.q(0, 0, v, 0.9), 1e-15);
    assertEquals(0.0, m.q(1, 0, v, 0.9), 0.0);
    assertTrue(m.hasTerminalTransitions());
    assertFalse(m.isStochastic());
  }

  @Test
  void sampleFollowsTheProbabilities() {
    FiniteMdp m = Problems.forest(3, 4, 2, 0.25);
    RandomGenerator rng = Rngs.seeded(3);
    int fire = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      fire += m.next(m.sampleEntry(1, 0, rng)) == 0 ? 1 : 0;
    }
    assertEquals(0.25, fire / (double) n, 0.005);
    RandomGenerator a = Rngs.seeded(11);
    RandomGenerator b = Rngs.seeded(11);
    for (int i = 0; i < 100; i++) {
      assertEquals(m.sampleEntry(2, 0, a), m.sampleEntry(2, 0, b));
    }
  }

  @Test
  void jsonRoundTripKeepsEveryEntry(@TempDir Path dir) throws Exception {
    FiniteMdp m = Problems.gambler(10, 0.4);
    Path f = dir.resolve("gambler.json");
    FiniteMdpJson.write(m, f);
    FiniteMdp back = FiniteMdpJson.read(f);
    assertEquals(m.states(), back.states());
    assertEquals(m.actions(), back.actions());
    assertEquals(m.entryCount(), back.entryCount());
    assertArrayEquals(m.initialDistribution(), back.initialDistribution(), 0.0);
    for (int row = 0; row < m.states() * m.actions(); row++) {
      assertEquals(m.start(row), back.start(row));
      for (int k = m.start(row); k < m.end(row); k++) {
        assertEquals(m.next(k), back.next(k));
        assertEquals(m.prob(k), back.prob(k), 0.0);
        assertEquals(m.reward(row, k), back.reward(row, k), 0.0);
        assertEquals(m.terminated(k), back.terminated(k));
      }
    }
  }

  @Test
  void jsonErrorsNameTheFileAndPath(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"P\": [[[[1.0, 0, 0.0, false]], [[0.5, 0, 0.0, false]]]]}");
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> FiniteMdpJson.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("state 0, action 1"), e.getMessage());
    Files.writeString(f, "{\"P\": [[[[1.0, \"x\", 0.0, false]]]]}");
    InvalidModelException e2 = assertThrows(InvalidModelException.class, () -> FiniteMdpJson.read(f));
    assertTrue(e2.getMessage().contains("P[0][0][0][1] must be an integer"), e2.getMessage());
    Files.writeString(f, "{\"P\": [[[");
    InvalidModelException e3 = assertThrows(InvalidModelException.class, () -> FiniteMdpJson.read(f));
    assertTrue(e3.getMessage().contains("not valid JSON at line 1"), e3.getMessage());
  }

  @Test
  void generatorsAreSeeded() {
    FiniteMdp a = Problems.randomSparse(500, 3, 4, 42);
    FiniteMdp b = Problems.randomSparse(500, 3, 4, 42);
    FiniteMdp c = Problems.randomSparse(500, 3, 4, 43);
    boolean differs = false;
    for (int k = 0; k < a.entryCount(); k++) {
      assertEquals(a.next(k), b.next(k));
      assertEquals(a.prob(k), b.prob(k), 0.0);
      differs |= a.next(k) != c.next(k);
    }
    assertTrue(differs);
    // every row has distinct successors
    for (int row = 0; row < 1500; row++) {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int k = a.start(row); k < a.end(row); k++) {
        assertTrue(seen.add(a.next(k)));
      }
    }
  }
}
