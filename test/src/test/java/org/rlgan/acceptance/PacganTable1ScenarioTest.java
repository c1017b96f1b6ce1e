package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.rlgan.gan.data.GaussianMixture;
import org.rlgan.gan.examples.ModeCollapseBenchmark;
import org.rlgan.gan.train.GanConfig;
import org.rlgan.gan.train.GanTrainer;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.spec.GanScenario;
import org.rlgan.scenarios.sweep.Trial;

/**
 * scenarios/examples/pacgan-table1.yaml runs the protocol of gan-lab's {@link ModeCollapseBenchmark} (PacGAN's Table
 * 1): every one of its 80 trials resolves to the program's configuration for that mixture, pack and seed with the
 * paper's budget, and one trial's trainer (networks, data, noise) produces bit for bit the program's samples.
 */
class PacganTable1ScenarioTest {

  static final Path FILE = ExamplesTest.EXAMPLES.resolve("pacgan-table1.yaml");

  @Test
  void everyTrialIsTheProgramsRun() {
    ScenarioLoader.Loaded l = ScenarioLoader.load(FILE, List.of());
    assertEquals(LongStream.range(0, 10).boxed().toList(), l.sweep().seeds(), "the paper's 10 seeds");
    assertEquals(80, l.sweep().trials().size(), "ring and grid x pack 1..4 x 10 seeds");
    for (Trial t : l.sweep().trials()) {
      GanScenario s = trial(t);
      String data = t.params().get("data.type").replace("pacgan_", "");
      int pack = Integer.parseInt(t.params().get("gan.pack"));
      assertEquals(ModeCollapseBenchmark.config(pack, t.seed(), 100, GanConfig.Update.SIMULTANEOUS), s.config(),
          t.id());
      GaussianMixture ours = (GaussianMixture) s.data().data();
      GaussianMixture theirs = ModeCollapseBenchmark.data(data);
      assertTrue(Arrays.deepEquals(theirs.means(), ours.means()) && theirs.std() == ours.std(), t.id());
      assertEquals(400_000, s.train().steps(), "400 epochs of 1,000 batches");
    }
  }

  @Test
  void aTrialsTrainerProducesTheProgramsSamples() {
    Trial t = ScenarioLoader.load(FILE, List.of()).sweep().trials().stream()
        .filter(x -> x.id().equals("c07-s3")).findFirst().orElseThrow();
    assertEquals("data.type=pacgan_grid gan.pack=4", t.label());
    GanScenario s = trial(t);
    GanTrainer ours = new GanTrainer(s.config(), s.networks().architecture(), s.data().data());
    GanTrainer theirs = new GanTrainer(ModeCollapseBenchmark.config(4, 3, 100, GanConfig.Update.SIMULTANEOUS),
        ModeCollapseBenchmark.architecture("pacgan"), ModeCollapseBenchmark.data("grid"));
    ours.train(3);
    theirs.train(3);
    double[][] a = ours.sampleFixedRows();
    double[][] b = theirs.sampleFixedRows();
    assertEquals(2500, a.length);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(b[i], a[i], 0, "sample " + i);
    }
  }

  private static GanScenario trial(Trial t) {
    return (GanScenario) ScenarioLoader.load(t.scenarioYaml(), "trial " + t.id(), FILE, List.of()).spec();
  }
}
