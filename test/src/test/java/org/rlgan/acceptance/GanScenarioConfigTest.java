package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.nets.optim.Adam;
import org.rlgan.nets.optim.LrSchedule;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.spec.GanScenario;

/** The keys of a scenario file's {@code gan:} block reach gan-lab's {@link GanConfig}. */
class GanScenarioConfigTest {

  private static GanConfig config(List<String> sets) {
    return ((GanScenario) ScenarioLoader.load(ExamplesTest.EXAMPLES.resolve("mnist-dcgan.yaml"), sets).spec())
        .config();
  }

  @Test
  void reuseFakeBatchIsOffByDefaultAndSetByItsKey() {
    assertFalse(config(List.of()).reuseFakeBatch(), "Goodfellow et al.'s fresh noise by default");
    GanConfig reused = config(List.of("gan.reuse_fake_batch=true"));
    assertTrue(reused.reuseFakeBatch());
    assertEquals(config(List.of()).batchSize(), reused.batchSize(), "nothing else changes");
  }

  private static LrSchedule lr(GanConfig c, boolean generator) {
    return ((Adam.Config) (generator ? c.generatorOptimizer() : c.discriminatorOptimizer())).lr();
  }

  @Test
  void learningRatesAreANumberOrASchedulePerPlayer() {
    GanConfig plain = config(List.of());
    assertEquals(new LrSchedule.Constant(2e-4), lr(plain, true), "mnist-dcgan.yaml's generator_lr: 0.0002");
    assertEquals(new LrSchedule.Constant(2e-4), lr(plain, false));

    GanConfig late = config(List.of("gan.generator_lr={type: linear, start: 2e-4, end: 0, steps: 100, begin: 50}"));
    LrSchedule g = lr(late, true);
    assertEquals(2e-4, g.at(0));
    assertEquals(2e-4, g.at(50), "held until update 'begin'");
    assertEquals(1e-4, g.at(100), 1e-18, "halfway down the linear decay");
    assertEquals(0, g.at(150));
    assertEquals(0, g.at(10_000));
    assertEquals(new LrSchedule.Constant(2e-4), lr(late, false), "the discriminator keeps its own rate");

    LrSchedule cosine = lr(config(List.of("gan.discriminator_lr={type: cosine, start: 4e-4, end: 1e-4, steps: 10}")),
        false);
    assertEquals(4e-4, cosine.at(0));
    assertEquals(2.5e-4, cosine.at(5), 1e-18);
    assertEquals(1e-4, cosine.at(10));
    LrSchedule step = lr(config(List.of("gan.generator_lr={type: step, start: 1e-3, gamma: 0.5, every: 10}")), true);
    assertEquals(1e-3, step.at(9));
    assertEquals(5e-4, step.at(10));
  }

  @TempDir
  Path tmp;

  /** metrics.csv's lr_g and lr_d follow the schedules, and the run's resolved scenario.yaml gives the same run. */
  @Test
  void aRunLogsTheRatesInForceAndItsResolvedScenarioKeepsTheSchedule() throws IOException {
    Path file = tmp.resolve("lr.yaml");
    Files.writeString(file, """
        kind: gan
        name: lr
        data: {type: pacgan_ring}
        networks: {type: mlp, hidden: 8}
        gan: {batch_size: 16, eval_samples: 100, discriminator_lr: 0.0003,
              generator_lr: {type: linear, start: 0.0002, end: 0, steps: 100, begin: 100}}
        train: {steps: 300, log_every: 50, eval_every: 0, checkpoint_every: 0}
        """);
    Cli first = Cli.run("run", file.toString(), "--out", tmp.resolve("a").toString());
    assertEquals(0, first.exit(), first.toString());
    Path dir = Path.of(first.out().trim());
    List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
    assertEquals("step,d_loss,penalty,g_loss,d_real,d_fake,lr_g,lr_d", rows.get(0));
    double[] expected = {2e-4, 2e-4, 1e-4, 0, 0, 0};   // the rate of the update after steps 50, 100, ..., 300
    for (int i = 0; i < expected.length; i++) {
      String[] c = rows.get(i + 1).split(",");
      assertEquals(50L * (i + 1), Long.parseLong(c[0]));
      assertEquals(expected[i], Double.parseDouble(c[6]), 1e-12, rows.get(i + 1));
      assertEquals(3e-4, Double.parseDouble(c[7]), 0, rows.get(i + 1));
    }
    Cli again = Cli.run("run", dir.resolve("scenario.yaml").toString(), "--out", tmp.resolve("b").toString());
    assertEquals(0, again.exit(), again.toString());
    assertEquals(Files.readString(dir.resolve("metrics.csv")),
        Files.readString(Path.of(again.out().trim()).resolve("metrics.csv")), "the resolved scenario is the same run");
  }
}
