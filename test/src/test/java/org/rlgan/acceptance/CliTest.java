package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help everywhere, exit codes 0/1/2, lists, describe, completion, determinism. */
class CliTest {

  @TempDir
  Path out;

  @Test
  void helpOnEveryCommand() {
    for (String c : List.of("run", "validate", "list", "describe", "sweep", "report", "generate-completion")) {
      Cli r = Cli.run(c, "--help");
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Usage: workbench " + c), r.toString());
    }
    Cli root = Cli.run("--help");
    assertEquals(0, root.exit());
    assertTrue(root.out().contains("2   bad input"), root.toString());
  }

  @Test
  void usageMistakesAreExitTwo() {
    assertEquals(2, Cli.run("runn").exit());
    assertEquals(2, Cli.run("run").exit());
    assertEquals(2, Cli.run("list", "agnets").exit());
    Cli missing = Cli.run("run", "no/such/file.yaml");
    assertEquals(2, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("no/such/file.yaml: no such file"), missing.toString());
    Cli seed = Cli.run("run", "../scenarios/examples/taxi-qlearning.yaml", "--seed", "-3");
    assertEquals(2, seed.exit(), seed.toString());
  }

  @Test
  void listsAndDescribe() {
    assertTrue(Cli.run("list", "envs").out().contains("FrozenLake-v1"));
    assertTrue(Cli.run("list", "agents").out().contains("double_q"));
    assertTrue(Cli.run("list", "solvers").out().contains("mdptoolbox"));
    Cli d = Cli.run("describe", "q_learning");
    assertEquals(0, d.exit());
    assertTrue(d.out().contains("discount: a number in [0, 1], default 0.99"), d.toString());
    Cli bad = Cli.run("describe", "q_lerning");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("did you mean 'q_learning'"), bad.toString());
  }

  @Test
  void completionScript() {
    Cli r = Cli.run("generate-completion");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("complete") && r.out().contains("workbench"), r.out());
  }

  @Test
  void sameSeedSameNumbers() throws IOException {
    String[] args = {"run", "../scenarios/examples/taxi-qlearning.yaml", "--out", out.toString(), "--set",
        "train.steps=4000", "--set", "train.log_every=1000", "--set", "eval.every=2000", "--set", "eval.episodes=3"};
    Path a = Path.of(Cli.run(args).out().trim());
    Path b = Path.of(Cli.run(args).out().trim());
    assertTrue(!a.equals(b));
    for (String f : List.of("metrics.csv", "eval.csv", "checkpoints/q_table.csv")) {
      assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
    }
    Cli other = Cli.run(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], "--seed", "1");
    assertTrue(!Files.readString(a.resolve("metrics.csv")).equals(
        Files.readString(Path.of(other.out().trim()).resolve("metrics.csv"))), "another seed gave the same run");
  }

  @Test
  void resumeOfACompleteRunChangesNothing() throws IOException {
    String file = "../scenarios/examples/forest-mdp-solvers.yaml";
    Path dir = Path.of(Cli.run("run", file, "--out", out.toString()).out().trim());
    String before = Files.readString(dir.resolve("summary.json"));
    Cli r = Cli.run("run", file, "--resume", dir.toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("already complete"), r.toString());
    assertEquals(before, Files.readString(dir.resolve("summary.json")));
  }
}
