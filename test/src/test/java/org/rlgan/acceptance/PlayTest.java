package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench play} end to end: a checkpoint from a tiny DQN training run played offscreen for a fixed number of
 * frames (a private Xvfb is started where there is no display), recorded and decoded back; bad input is exit 2.
 */
class PlayTest {

  @TempDir
  Path out;

  @Test
  void playsACheckpointOfATinyTrainingRunForAFixedNumberOfFrames() throws Exception {
    Cli train = Cli.run("run", "../scenarios/examples/cartpole-dqn.yaml", "--out", out.toString(), "--set",
        "train.steps=1500", "--set", "agent.learning_starts=500", "--set", "agent.train_freq=64", "--set",
        "agent.gradient_steps=8", "--set", "eval.every=500", "--set", "eval.episodes=2", "--set",
        "agent.network.hidden=[32]");
    assertEquals(0, train.exit(), train.toString());
    Path run = Path.of(train.out().trim());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/best/online.npz")), train.toString());
    Path gif = out.resolve("play.gif");
    Cli play = Cli.run("play", run.toString(), "--checkpoint", "best", "--headless", "--frames", "40", "--record",
        gif.toString(), "--seed", "3");
    assertEquals(0, play.exit(), play.toString());
    assertTrue(play.err().contains("40 frames written"), play.toString());
    ImageReader reader = ImageIO.getImageReadersBySuffix("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      assertEquals(40, reader.getNumImages(true));
      assertEquals(600 + 250, reader.getWidth(0));
    } finally {
      reader.dispose();
    }
    Cli last = Cli.run("play", run.toString(), "--checkpoint", "last", "--headless", "--episodes", "2");
    assertEquals(0, last.exit(), last.toString());
    assertEquals(2, last.out().lines().filter(l -> l.startsWith("episode ")).count(), last.toString());
    // the same seed plays the same episodes with a greedy network
    Cli again = Cli.run("play", run.toString(), "--checkpoint", "last", "--headless", "--episodes", "2");
    assertEquals(last.out(), again.out());
  }

  @Test
  void recordingEvaluationEpisodesDuringARunLeavesItsNumbersUnchanged() throws Exception {
    String[] args = {"run", "../scenarios/examples/cartpole-dqn.yaml", "--out", out.toString(), "--set",
        "train.steps=1000", "--set", "agent.learning_starts=300", "--set", "agent.train_freq=64", "--set",
        "agent.gradient_steps=4", "--set", "eval.every=500", "--set", "eval.episodes=2", "--set",
        "agent.network.hidden=[16]"};
    Cli plain = Cli.run(args);
    assertEquals(0, plain.exit(), plain.toString());
    Path gif = out.resolve("eval.gif");
    String[] recorded = java.util.Arrays.copyOf(args, args.length + 4);
    System.arraycopy(new String[] {"--record", gif.toString(), "--frames", "60"}, 0, recorded, args.length, 4);
    Cli rec = Cli.run(recorded);
    assertEquals(0, rec.exit(), rec.toString());
    assertEquals(Files.readString(Path.of(plain.out().trim()).resolve("metrics.csv")),
        Files.readString(Path.of(rec.out().trim()).resolve("metrics.csv")), "the learner is not changed");
    ImageReader reader = ImageIO.getImageReadersBySuffix("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      int n = reader.getNumImages(true);
      assertTrue(n >= 1 && n <= 60, "frames " + n);
    } finally {
      reader.dispose();
    }
  }

  @Test
  void aTabularRunPlaysItsQTableBesideTheExactSolution() throws Exception {
    Cli train = Cli.run("run", "../scenarios/examples/taxi-qlearning.yaml", "--out", out.toString(), "--set",
        "env.id=FrozenLake-v1", "--set", "train.steps=4000", "--set", "eval.every=2000",
        "--set", "eval.episodes=3");
    assertEquals(0, train.exit(), train.toString());
    Path run = Path.of(train.out().trim());
    Cli play = Cli.run("play", run.toString(), "--headless", "--frames", "3", "--record",
        out.resolve("lake.png").toString());
    assertEquals(0, play.exit(), play.toString());
    var img = ImageIO.read(out.resolve("lake-00002.png").toFile());
    // two 4x4 panels of 80-px cells (exact V* and the learned Q table) and the 250-px overlay panel
    assertEquals(2 * 4 * 80 + 250, img.getWidth(), play.toString());
    Cli render = Cli.run("run", "../scenarios/examples/taxi-qlearning.yaml", "--out", out.toString(), "--render");
    assertEquals(2, render.exit(), render.toString());
    assertTrue(render.err().contains("for DQN runs"), render.toString());
  }

  @Test
  void aDqnOnOneHotGridStatesShowsItsLearnedValuesBesideTheExactOnes() throws Exception {
    Path yaml = out.resolve("lake-dqn.yaml");
    Files.writeString(yaml, String.join("\n", "kind: rl", "seed: 0", "env:", "  id: FrozenLake-v1",
        "  wrappers: [{type: one_hot_observation}]", "agent:", "  type: dqn", "  network: {hidden: [16]}",
        "  learning_starts: 100", "  train_freq: 16", "  gradient_steps: 4", "train:", "  steps: 600",
        "  log_every: 200", "eval:", "  every: 300", "  episodes: 2", ""));
    Cli train = Cli.run("run", yaml.toString(), "--out", out.toString());
    assertEquals(0, train.exit(), train.toString());
    Cli play = Cli.run("play", train.out().trim(), "--headless", "--frames", "2", "--record",
        out.resolve("lake.png").toString());
    assertEquals(0, play.exit(), play.toString());
    var img = ImageIO.read(out.resolve("lake-00001.png").toFile());
    // the exact V* panel and the network's learned-Q panel, 4x4 cells of 80 px each, and the overlay panel
    assertEquals(2 * 4 * 80 + 250, img.getWidth(), play.toString());
  }

  @Test
  void aGanRunRecordsItsSnapshotsAndKeepsItsNumbers() throws Exception {
    String[] args = {"run", "../scenarios/examples/gan-ring.yaml", "--out", out.toString(), "--set",
        "train.steps=300", "--set", "train.log_every=100", "--set", "train.eval_every=300", "--set",
        "train.checkpoint_every=0", "--set", "networks.hidden=32"};
    Cli plain = Cli.run(args);
    assertEquals(0, plain.exit(), plain.toString());
    Path gif = out.resolve("gan.gif");
    String[] recorded = java.util.Arrays.copyOf(args, args.length + 2);
    recorded[args.length] = "--record";
    recorded[args.length + 1] = gif.toString();
    Cli rec = Cli.run(recorded);
    assertEquals(0, rec.exit(), rec.toString());
    assertEquals(Files.readString(Path.of(plain.out().trim()).resolve("metrics.csv")),
        Files.readString(Path.of(rec.out().trim()).resolve("metrics.csv")), "training is not changed");
    ImageReader reader = ImageIO.getImageReadersBySuffix("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      reader.setInput(in);
      int n = reader.getNumImages(true);
      // one frame per snapshot at steps 100, 200, 300 (the view records the latest it has seen, so a snapshot
      // published while it encodes the previous one can be skipped)
      assertTrue(n >= 2 && n <= 3, "frames " + n);
      assertEquals(640, reader.getWidth(0));
    } finally {
      reader.dispose();
    }
  }

  @Test
  void badPlayInputIsExitTwoWithTheReason() {
    Cli none = Cli.run("play");
    assertEquals(2, none.exit(), none.toString());
    assertTrue(none.err().contains("name a run folder"), none.toString());
    Cli noRun = Cli.run("play", out.toString());
    assertEquals(2, noRun.exit(), noRun.toString());
    assertTrue(noRun.err().contains("not a run folder"), noRun.toString());
    Cli typo = Cli.run("play", "--env", "CartPol-v1", "--headless", "--frames", "1");
    assertEquals(2, typo.exit(), typo.toString());
    assertTrue(typo.err().contains("did you mean 'CartPole-v1'"), typo.toString());
    Cli badCheckpoint = Cli.run("play", out.toString(), "--checkpoint", "newest");
    assertEquals(2, badCheckpoint.exit(), badCheckpoint.toString());
  }
}
