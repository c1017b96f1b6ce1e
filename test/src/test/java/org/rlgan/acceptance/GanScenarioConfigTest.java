package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlgan.gan.train.GanConfig;
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
}
