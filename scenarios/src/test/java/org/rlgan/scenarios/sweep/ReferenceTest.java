package org.rlgan.scenarios.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.scenarios.ScenarioLoader;

/**
 * A sweep file's {@code reference:} block: rows matched to configurations by value, the builtin PacGAN table
 * expanded into rows of the sweep's keys, and the round trip through the sweep folder's reference.json.
 */
class ReferenceTest {

  @TempDir
  Path dir;

  @Test
  void rowsMatchConfigurationsByValue() {
    Reference.Row row = new Reference.Row(Map.of("agent.learning_rate", "1e-4", "agent.double_q", "true"),
        Map.of("final_eval_return_mean", 500.0));
    assertTrue(row.matches(Map.of("agent.learning_rate", "0.0001", "agent.double_q", "true")));
    assertFalse(row.matches(Map.of("agent.learning_rate", "0.001", "agent.double_q", "true")));
    assertFalse(row.matches(Map.of("agent.learning_rate", "0.0001")), "a key the configuration lacks");
    assertFalse(row.matches(Map.of("agent.learning_rate", "0.0001", "agent.double_q", "false")));
  }

  @Test
  void valuesOfAConfigurationComeFromEveryRowThatMatchesIt() {
    Reference ref = new Reference("a paper", List.of(
        new Reference.Row(Map.of("gan.pack", "1"), Map.of("modes", 6.3, "modes_se", 0.5)),
        new Reference.Row(Map.of("gan.pack", "1", "data.type", "pacgan_ring"), Map.of("high_quality", 0.982))));
    assertEquals(Map.of("modes", 6.3, "modes_se", 0.5, "high_quality", 0.982),
        ref.valuesFor(Map.of("gan.pack", "1", "data.type", "pacgan_ring")));
    assertEquals(Map.of("modes", 6.3, "modes_se", 0.5), ref.valuesFor(Map.of("gan.pack", "1", "data.type", "x")));
    assertEquals(Map.of(), ref.valuesFor(Map.of("gan.pack", "2", "data.type", "pacgan_ring")));
  }

  @Test
  void builtinTableBecomesRowsOfTheSweepsKeysAndSurvivesTheSweepFolder() throws Exception {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, """
        kind: gan
        data: {type: pacgan_ring}
        networks: {type: pacgan, gen_hidden: 8, disc_hidden: 8}
        train: {steps: 10}
        sweep:
          grid:
            data.type: [pacgan_ring, pacgan_grid]
            gan.pack: [1, 4]
        reference: {builtin: pacgan_table1}
        """);
    Reference ref = ScenarioLoader.load(file, List.of()).reference();
    assertEquals("Lin et al. 2018 (PacGAN), Table 1", ref.source());
    assertEquals(4, ref.rows().size());
    // The grid's PacGAN4 configuration gets the paper's PacGAN4 grid row (issue 8: 24.8 ± 0.2 modes, 93.6 %).
    assertEquals(Map.of("modes", 24.8, "modes_se", 0.2, "high_quality", 0.936),
        ref.valuesFor(Map.of("data.type", "pacgan_grid", "gan.pack", "4")));
    ref.write(dir);
    assertEquals(ref, Reference.read(dir));
    assertEquals(null, Reference.read(dir.resolve("none")));
  }
}
