package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example scenario runs end to end through the command line with a tiny budget, writes a complete run
 * folder, and its resolved scenario.yaml validates (a run can be re-run from its own folder).
 */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("../scenarios/examples");

  /** The CI subset of MNIST (3,000 training, 500 test digits) that nets keeps in its test resources. */
  static final String TEST_MNIST = "../nets/src/test/resources/mnist";

  /** The tiny budget of each example; an example missing here fails the test, so none is skipped silently. */
  static final Map<String, List<String>> TINY = Map.ofEntries(
      Map.entry("frozenlake-exact-vs-qlearning", List.of("--set", "train.steps=3000", "--set", "train.log_every=1000")),
      Map.entry("forest-mdp-solvers", List.of()),
      Map.entry("taxi-qlearning", List.of("--set", "train.steps=3000", "--set", "train.log_every=1000",
          "--set", "eval.every=2000", "--set", "eval.episodes=2")),
      Map.entry("cartpole-dqn", dqnTiny()),
      Map.entry("cartpole-double-dueling-per", dqnTiny()),
      Map.entry("acrobot-dqn", dqnTiny()),
      Map.entry("mountaincar-dqn", dqnTiny()),
      Map.entry("minatar-breakout-dqn", dqnTiny()),
      Map.entry("gan-ring", List.of("--set", "train.steps=300", "--set", "train.log_every=100", "--set",
          "train.eval_every=150", "--set", "train.checkpoint_every=100", "--set", "gan.batch_size=64", "--set",
          "gan.eval_samples=500")),
      Map.entry("gan-mode-collapse", List.of("--set", "train.steps=200", "--set", "train.log_every=100", "--set",
          "train.eval_every=100", "--set", "train.checkpoint_every=100", "--set", "gan.batch_size=64", "--set",
          "gan.eval_samples=500", "--set", "networks.hidden=16", "--set", "sweep.seeds=[0, 1]", "--parallel", "2")),
      Map.entry("mnist-dcgan", imageTiny("--set", "data.dir=" + TEST_MNIST, "--set", "data.classifier_epochs=1")),
      Map.entry("minatar-frames-dcgan", imageTiny("--set", "data.frames=500")),
      Map.entry("cartpole-lr-sweep", sweepTiny()),
      Map.entry("pacgan-table1", pacganTiny()));

  /**
   * PacGAN's Table 1 sweep cut to the four configurations the paper's rows name (ring and grid x pack 1 and 4), one
   * seed, 20 updates of 16-wide networks, 500 evaluation samples.
   */
  static List<String> pacganTiny() {
    return List.of("--set", "train.steps=20", "--set", "train.log_every=10", "--set", "train.eval_every=10", "--set",
        "train.checkpoint_every=10", "--set", "networks.gen_hidden=16", "--set", "networks.disc_hidden=16", "--set",
        "gan.eval_samples=500", "--set", "sweep.seeds=[0]", "--set",
        "sweep.grid={data.type: [pacgan_ring, pacgan_grid], gan.pack: [1, 4]}", "--parallel", "2");
  }

  /** 20 steps of a 4-wide DCGAN, evaluations at 10 and 20 on 100 fixed-noise samples, plus {@code more}. */
  static List<String> imageTiny(String... more) {
    List<String> a = new ArrayList<>(List.of("--set", "train.steps=20", "--set", "train.log_every=10", "--set",
        "train.eval_every=10", "--set", "train.checkpoint_every=10", "--set", "networks.width=4", "--set",
        "gan.batch_size=16", "--set", "gan.eval_samples=100"));
    a.addAll(List.of(more));
    return a;
  }

  /** The DQN tiny budget with 2 of the sweep's seeds (3 learning rates x 2 seeds = 6 trials). */
  static List<String> sweepTiny() {
    List<String> a = new ArrayList<>(dqnTiny());
    a.addAll(List.of("--set", "sweep.seeds=[0, 1]", "--parallel", "2"));
    return a;
  }

  /** 600 steps, 16-wide networks, learning from step 200, one evaluation episode. */
  static List<String> dqnTiny() {
    return List.of("--set", "train.steps=600", "--set", "train.log_every=200", "--set", "eval.every=600",
        "--set", "eval.episodes=1", "--set", "agent.network.hidden=[16]", "--set", "agent.learning_starts=200",
        "--set", "agent.train_freq=50", "--set", "agent.gradient_steps=2", "--set", "agent.batch_size=16",
        "--set", "agent.checkpoint_every=300");
  }

  @TempDir
  Path out;

  @TestFactory
  Stream<DynamicTest> everyExampleRunsEndToEnd() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 3, "examples: " + files);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runs(f)));
  }

  private void runs(Path file) throws IOException {
    String name = file.getFileName().toString().replace(".yaml", "");
    assertTrue(TINY.containsKey(name), "give " + name + " a tiny budget in ExamplesTest.TINY");
    assertTrue(Files.readAllLines(file).get(0).startsWith("# "), name + " must start with a comment line saying "
        + "what it shows");
    if (Files.readAllLines(file).contains("sweep:")) {
      sweeps(file, name);
      return;
    }
    List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
    args.addAll(TINY.get(name));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.toString());
    Path dir = Path.of(r.out().trim());
    assertTrue(dir.startsWith(out.resolve(name)), r.toString());
    assertTrue(dir.getFileName().toString().matches("\\d{8}-\\d{6}-s\\d+"), dir.toString());
    checkRunFolder(dir);
  }

  /** A sweep example: every trial finishes into a complete run folder, and the sweep reports. */
  private void sweeps(Path file, String name) throws IOException {
    List<String> args = new ArrayList<>(List.of("sweep", file.toString(), "--out", out.toString()));
    args.addAll(TINY.get(name));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.toString());
    Path dir = Path.of(r.out().trim());
    assertTrue(dir.startsWith(out.resolve(name)) && dir.getFileName().toString().matches("sweep-\\d{8}-\\d{6}"),
        dir.toString());
    JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    assertTrue(m.path("trials").size() > 1, m.toString());
    assertEquals(m.path("trials").size(), m.path("counts").path("finished").asInt(), m.toString());
    for (JsonNode t : m.path("trials")) {
      checkRunFolder(dir.resolve(t.path("dir").asText()));
    }
    if (!Files.exists(dir.resolve("reference.json"))) {
      // No --metric: the runs' kind picks it (PacGAN's mode metrics for a GAN on a mixture, one table each).
      Cli rep = Cli.run("report", dir.toString(), "--reps", "500");
      assertEquals(0, rep.exit(), rep.toString());
      List<String> metrics = name.startsWith("gan-") ? List.of("modes", "high_quality", "reverse_kl")
          : List.of("final_eval_return_mean");
      for (String metric : metrics) {
        assertTrue(rep.out().contains(metric + " (95% intervals"), metric + " table\n" + rep);
      }
      assertEquals(m.path("configs").asInt() * metrics.size() + 1,
          Files.readAllLines(dir.resolve("report/scores.csv")).size());
      // each metric's learning curve: the agents' greedy return, or the GAN's metric at each evaluation
      for (String metric : metrics) {
        Path folder = metrics.size() > 1 ? dir.resolve("report").resolve(metric) : dir.resolve("report");
        List<String> curve = Files.readAllLines(folder.resolve("curves.csv"));
        assertTrue(curve.size() > 1 && curve.get(0).equals("config,step,runs,mean,ci_low,ci_high"),
            metric + " curve " + curve);
        assertTrue(Files.size(folder.resolve("learning_curves.png")) > 0, metric);
      }
      return;
    }
    // A sweep with published figures: each metric's table has them beside ours, and reference.csv pairs them.
    Cli rep = Cli.run("report", dir.toString(), "--metric", "modes,high_quality", "--reps", "500");
    assertEquals(0, rep.exit(), rep.toString());
    assertTrue(rep.out().contains("reference (± se)") && rep.out().contains("reference: "), rep.toString());
    List<String> scores = Files.readAllLines(dir.resolve("report/scores.csv"));
    assertEquals(2 * m.path("configs").asInt() + 1, scores.size(), scores.toString());
    assertTrue(scores.get(0).startsWith("metric,config,runs,mean,std,se,"), scores.get(0));
    List<String> ref = Files.readAllLines(dir.resolve("report/reference.csv"));
    assertEquals("metric,config,runs,mean,se,reference,reference_se,source", ref.get(0));
    JsonNode table = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    int figures = 0;
    for (JsonNode row : table.path("rows")) {
      figures += (row.path("values").has("modes") ? 1 : 0) + (row.path("values").has("high_quality") ? 1 : 0);
    }
    assertTrue(figures > 0, table.toString());
    assertEquals(figures + 1, ref.size(), ref.toString());
    for (String line : ref.subList(1, ref.size())) {
      String[] c = line.split(",", -1);
      // our mean is the mean of the configuration's runs, the reference the row's figure for that metric
      double ours = 0;
      int n = 0;
      for (JsonNode t : m.path("trials")) {
        String label = "data.type=" + t.path("params").path("data.type").asText() + " gan.pack="
            + t.path("params").path("gan.pack").asText();
        if (label.equals(c[1])) {
          ours += t.path("summary").path(c[0]).asDouble();
          n++;
        }
      }
      assertTrue(n > 0, line);
      assertEquals(ours / n, Double.parseDouble(c[3]), 1e-12, line);
      boolean found = false;
      for (JsonNode row : table.path("rows")) {
        String label = "data.type=" + row.path("match").path("data.type").asText() + " gan.pack="
            + row.path("match").path("gan.pack").asText();
        if (label.equals(c[1])) {
          assertEquals(row.path("values").path(c[0]).asDouble(), Double.parseDouble(c[5]), 0, line);
          found = true;
        }
      }
      assertTrue(found, line);
    }
    // One metric: the files as before (no metric column), reference.csv beside scores.csv.
    Cli one = Cli.run("report", dir.toString(), "--metric", "modes", "--reps", "500", "--out",
        out.resolve("one").toString());
    assertEquals(0, one.exit(), one.toString());
    assertTrue(Files.readAllLines(out.resolve("one/scores.csv")).get(0).startsWith("config,runs,mean,std,se,"));
    List<String> oneRef = Files.readAllLines(out.resolve("one/reference.csv"));
    assertEquals("config,runs,mean,se,reference,reference_se,source", oneRef.get(0));
    assertEquals(ref.stream().filter(x -> x.startsWith("modes,")).map(x -> x.substring(6)).toList(),
        oneRef.subList(1, oneRef.size()));
  }

  /** A complete run folder: its files, plots, summary keys, and a resolved scenario that validates. */
  private void checkRunFolder(Path dir) throws IOException {
    for (String f : List.of("scenario.yaml", "run.json", "summary.json", "metrics.csv", "eval.csv", "log.txt")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f + " in " + dir);
    }
    assertTrue(Files.isDirectory(dir.resolve("checkpoints")));
    try (Stream<Path> plots = Files.list(dir.resolve("plots"))) {
      assertTrue(plots.anyMatch(p -> p.toString().endsWith(".png")), "no plot in " + dir);
    }
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("complete", s.path("status").asText(), s.toString());
    for (String k : List.of("scenario", "kind", "seed", "env_steps", "wall_seconds")) {
      assertTrue(s.has(k), k + " missing from " + s);
    }
    if (s.path("kind").asText().equals("rl")) {
      assertTrue(s.has("final_eval_return_mean") && s.has("best_eval_return_mean"), s.toString());
    } else if (s.path("kind").asText().equals("gan") && Files.exists(dir.resolve("plots/interpolation.png"))) {
      checkImageGan(dir, s);
    } else if (s.path("kind").asText().equals("gan")) {
      assertTrue(s.has("modes") && s.has("high_quality") && s.has("reverse_kl"), s.toString());
      assertEquals(500, Files.readAllLines(dir.resolve("samples.csv")).size() - 1);
      assertTrue(Files.exists(dir.resolve("plots/samples.png")), dir.toString());
      assertTrue(Files.exists(dir.resolve("plots/decision.png")), dir.toString());
    } else {
      for (JsonNode solver : s.path("solvers")) {
        assertTrue(solver.has("iterations") && solver.has("residual"), solver.toString());
        assertTrue(Files.exists(dir.resolve(solver.path("values_file").asText())), solver.toString());
      }
    }
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    assertTrue(meta.has("git_commit") && meta.has("workbench_version") && meta.has("jvm"), meta.toString());
    Cli again = Cli.run("validate", dir.resolve("scenario.yaml").toString());
    assertEquals(0, again.exit(), "the resolved scenario does not validate\n" + again);
  }

  /**
   * An image GAN's run folder (the tiny budget: evaluations at 10 and 20): eval.csv has the data kind's columns, all
   * finite at both steps, summary.json the last row; a sample grid per evaluation and at the end, 10 samples a row.
   */
  static void checkImageGan(Path dir, JsonNode s) throws IOException {
    List<String> eval = Files.readAllLines(dir.resolve("eval.csv"));
    List<String> cols = List.of(eval.get(0).split(","));
    List<String> want = s.has("fid") ? List.of("step", "fid", "kid", "kid_std", "score", "score_std", "precision",
        "recall") : List.of("step", "pixel_kid", "pixel_kid_std", "precision", "recall");
    assertEquals(want, cols.subList(0, want.size()), dir.toString());
    assertEquals(3, eval.size(), eval.toString());
    for (String row : eval.subList(1, 3)) {
      for (String v : row.split(",")) {
        assertTrue(Double.isFinite(Double.parseDouble(v)), row);
      }
    }
    for (String c : cols.subList(1, cols.size())) {
      assertEquals(Double.parseDouble(eval.get(2).split(",")[cols.indexOf(c)]), s.path(c).asDouble(), 0, c);
    }
    int side = s.has("fid") ? 28 * 2 : 12 * 5;   // each sample enlarged to about 56 pixels
    int b = org.rlgan.gan.pictures.ImageGrid.BORDER;
    for (String png : List.of("samples-step000010.png", "samples-step000020.png", "samples.png", "interpolation.png")) {
      java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("plots").resolve(png).toFile());
      assertEquals(10 * (side + b) + b, img.getWidth(), png);
      assertEquals(10 * (side + b) + b, img.getHeight(), png);
    }
    assertTrue(Files.notExists(dir.resolve("samples.csv")), "image runs draw their samples, no CSV");
  }
}
