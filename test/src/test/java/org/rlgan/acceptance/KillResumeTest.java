package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.envs.classic.CartPole;
import org.rlgan.envs.wrappers.NormalizeObservation;
import org.rlgan.envs.wrappers.NormalizeReward;
import org.rlgan.envs.wrappers.Wrapper;
import org.rlgan.mdp.Env;
import org.rlgan.scenarios.ScenarioLoader;
import org.rlgan.scenarios.spec.RlScenario;

/**
 * A run killed with SIGKILL in a child JVM once it has written a checkpoint and then resumed with
 * {@code run --resume} ends with the same tables as a run that went straight through: DQN under normalising
 * wrappers, and a GAN.
 */
class KillResumeTest {

  private static final String SCENARIO = """
      kind: rl
      name: killed
      seed: 3
      env:
        id: CartPole-v1
        wrappers:
          - type: normalize_observation
          - type: normalize_reward
            gamma: 0.99
      agent:
        type: dqn
        network: {hidden: [32]}
        learning_starts: 200
        train_freq: 4
        gradient_steps: 1
        buffer_size: 5000
        target_update_interval: 100
        exploration_steps: 2000
        checkpoint_every: 500
      train:
        steps: 5000
        log_every: 500
      eval:
        every: 1000
        episodes: 3
      """;

  @TempDir
  Path tmp;

  @Test
  void wrappersFromTheFileWrapTheEnvironmentInOrder() throws Exception {
    Path file = tmp.resolve("killed.yaml");
    Files.writeString(file, SCENARIO);
    Env<?, ?> env = ((RlScenario) ScenarioLoader.load(file, List.of()).spec()).env().make();
    assertTrue(env instanceof NormalizeReward<?, ?>, env.toString());
    Env<?, ?> inner = ((Wrapper<?, ?, ?, ?>) env).inner();
    assertTrue(inner instanceof NormalizeObservation<?>, inner.toString());
    assertTrue(env.unwrapped() instanceof CartPole, env.unwrapped().toString());
  }

  @Test
  void sigkillThenResumeEqualsAStraightRun() throws Exception {
    Path runDir = killThenResume(SCENARIO, List.of("metrics.csv", "eval.csv", "episodes.csv"));
    List<String> episodes = Files.readAllLines(runDir.resolve("episodes.csv"));
    assertEquals("step,env,return,length,terminated", episodes.get(0));
    assertTrue(episodes.size() > 20, "one row per training episode: " + episodes.size());
  }

  /**
   * A GAN run (WGAN-GP with n_critic 2, EMA and learning-rate schedules) resumes exactly too: losses, learning rates,
   * modes and the final samples.
   */
  @Test
  void ganSigkillThenResumeEqualsAStraightRun() throws Exception {
    killThenResume("""
        kind: gan
        name: killed
        seed: 5
        data: {type: pacgan_ring}
        networks: {type: mlp, hidden: 16}
        gan: {loss: wasserstein, penalty: {type: gradient_penalty, lambda: 10}, n_critic: 2, ema_decay: 0.99,
              batch_size: 32, eval_samples: 300,
              generator_lr: {type: linear, start: 1e-4, end: 1e-5, steps: 600, begin: 600},
              discriminator_lr: {type: cosine, start: 1e-4, end: 0, steps: 3000}}
        train: {steps: 1500, log_every: 50, eval_every: 250, checkpoint_every: 100}
        """, List.of("metrics.csv", "eval.csv", "samples.csv"));
  }

  /**
   * An image GAN (a conditional DCGAN with EMA on the CI subset of MNIST) resumes exactly: losses, the image metrics,
   * the final sample grid and the interpolations.
   */
  @Test
  void imageGanSigkillThenResumeEqualsAStraightRun() throws Exception {
    Path dir = killThenResume("""
        kind: gan
        name: killed
        seed: 3
        data: {type: mnist, dir: %s, classifier_epochs: 1}
        networks: {type: dcgan, width: 4, conditional: true}
        gan: {batch_size: 16, noise_dim: 16, ema_decay: 0.9, eval_samples: 100}
        train: {steps: 400, log_every: 10, eval_every: 100, checkpoint_every: 10}
        """.formatted(ExamplesTest.TEST_MNIST), List.of("metrics.csv", "eval.csv"));
    Path straight;
    try (Stream<Path> s = Files.list(tmp.resolve("straight").resolve("killed"))) {
      straight = s.findFirst().orElseThrow();
    }
    for (String png : List.of("plots/samples.png", "plots/interpolation.png", "plots/samples-step000400.png")) {
      assertArrayEquals(Files.readAllBytes(straight.resolve(png)), Files.readAllBytes(dir.resolve(png)), png);
    }
  }

  /**
   * Runs the scenario straight through in-process; runs it again in a child JVM, SIGKILLs the child once a
   * checkpoint is in place, resumes the killed run folder in-process, and compares the given files.
   *
   * @return the resumed run folder
   */
  private Path killThenResume(String scenario, List<String> files) throws Exception {
    Path file = tmp.resolve("killed.yaml");
    Files.writeString(file, scenario);
    Cli straight = Cli.run("run", file.toString(), "--out", tmp.resolve("straight").toString());
    assertEquals(0, straight.exit(), straight.toString());
    Path straightDir = Path.of(straight.out().trim());

    Path killedRoot = tmp.resolve("killed-root");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.rlgan.scenarios.cli.Workbench", "run", file.toString(),
        "--out", killedRoot.toString()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    Path runDir = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (runDir == null && System.nanoTime() < deadline && child.isAlive()) {
      runDir = checkpointed(killedRoot);
      Thread.sleep(20);
    }
    child.destroyForcibly().waitFor(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
    assertTrue(runDir != null, "no checkpoint appeared before the child ended; its log:\n"
        + Files.readString(tmp.resolve("child.log")));
    assertFalse(Files.exists(runDir.resolve("summary.json")), "the child finished before it was killed");

    Cli resumed = Cli.run("run", file.toString(), "--resume", runDir.toString());
    assertEquals(0, resumed.exit(), resumed.toString());
    assertTrue(resumed.err().contains("resuming from"), resumed.toString());
    for (String f : files) {
      assertEquals(Files.readString(straightDir.resolve(f)), Files.readString(runDir.resolve(f)), f);
    }
    return runDir;
  }

  /** The run folder under root once its first checkpoint is in place, else null. */
  private static Path checkpointed(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> s = Files.walk(root)) {
      // checkpoints/checkpoint/ is renamed into place whole, so once it exists it is complete
      return s.filter(p -> p.getFileName().toString().equals("checkpoint") && Files.isDirectory(p)
              && p.getParent().getFileName().toString().equals("checkpoints"))
          .map(p -> p.getParent().getParent()).findFirst().orElse(null);
    }
  }
}
