package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image GANs in {@code kind: gan}: a conditional DCGAN on MNIST, and frames played by a trained agent. */
class GanImagesTest {

  @TempDir
  Path out;

  @Test
  void aConditionalDcganReportsTheRequestedClassAccuracy() throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "../scenarios/examples/mnist-dcgan.yaml", "--out",
        out.toString(), "--set", "networks.conditional=true", "--set", "data.dir=" + ExamplesTest.TEST_MNIST,
        "--set", "data.classifier_epochs=1"));
    args.addAll(ExamplesTest.imageTiny());
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.toString());
    Path dir = Path.of(r.out().trim());
    List<String> eval = Files.readAllLines(dir.resolve("eval.csv"));
    assertTrue(eval.get(0).endsWith(",recall,class_accuracy"), eval.get(0));
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    double acc = s.path("class_accuracy").asDouble(Double.NaN);
    assertTrue(acc >= 0 && acc <= 1, s.toString());
    ExamplesTest.checkImageGan(dir, s);
    assertTrue(Files.exists(dir.resolve("plots/class_accuracy.png")) && Files.exists(dir.resolve("plots/fid.png")));
  }

  @Test
  void framesCanBePlayedByATrainedAgentsRunFolder() throws Exception {
    List<String> dqn = new ArrayList<>(List.of("run", "../scenarios/examples/minatar-breakout-dqn.yaml", "--out",
        out.toString()));
    dqn.addAll(ExamplesTest.dqnTiny());
    Cli trained = Cli.run(dqn.toArray(String[]::new));
    assertEquals(0, trained.exit(), trained.toString());
    String runDir = trained.out().trim();
    List<String> args = new ArrayList<>(List.of("run", "../scenarios/examples/minatar-frames-dcgan.yaml", "--out",
        out.toString(), "--set", "data.frames=300", "--set", "data.policy=" + runDir));
    args.addAll(ExamplesTest.imageTiny());
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.toString());
    Path dir = Path.of(r.out().trim());
    ExamplesTest.checkImageGan(dir, new ObjectMapper().readTree(dir.resolve("summary.json").toFile()));
    // A run on another environment is refused at the policy key.
    Cli bad = Cli.run("validate", "../scenarios/examples/minatar-frames-dcgan.yaml", "--set",
        "data.env=MinAtar/Freeway-v1", "--set", "data.policy=" + runDir);
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("key 'data.policy': the run in " + runDir + " trained on MinAtar/Breakout-v1, not "
        + "MinAtar/Freeway-v1"), bad.toString());
  }
}
