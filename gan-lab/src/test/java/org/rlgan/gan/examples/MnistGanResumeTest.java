package org.rlgan.gan.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlgan.gan.images.TestMnist;

/** {@code MnistGan --resume}: a run continued from its checkpoint writes what an uninterrupted run writes. */
class MnistGanResumeTest {

  static String[] args(Path out, int steps, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("--model", "cgan", "--data-dir", TestMnist.directory().toString(),
        "--steps", Integer.toString(steps), "--batch", "8", "--width", "4", "--noise", "8", "--eval-every", "2",
        "--checkpoint-every", "2", "--eval-samples", "100", "--ema", "0.9", "--classifier-epochs", "1", "--out",
        out.toString()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void resumeGivesTheUninterruptedRunsFiles(@TempDir Path dir) throws Exception {
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    MnistGan.run(args(straight, 6));
    MnistGan.run(args(resumed, 3));   // stops at 3: checkpoint at 2 and at the end (3), an evaluation at 3
    MnistGan.run(args(resumed, 6, "--resume", "true"));
    assertEquals(Files.readString(straight.resolve("metrics.jsonl")), Files.readString(resumed.resolve("metrics.jsonl")));
    assertEquals(withoutTimes(straight.resolve("eval.jsonl")), withoutTimes(resumed.resolve("eval.jsonl")));
    assertEquals(4, withoutTimes(straight.resolve("eval.jsonl")).size());   // steps 0, 2, 4, 6
    for (String png : List.of("samples.png", "interpolation.png", "grid-000006.png")) {
      assertArrayEquals(Files.readAllBytes(straight.resolve(png)), Files.readAllBytes(resumed.resolve(png)), png);
    }
    assertTrue(Files.isRegularFile(resumed.resolve("checkpoint/trainer.json")));
    // Other settings than the checkpoint's are refused, naming both configurations.
    var ex = assertThrows(IllegalArgumentException.class, () -> MnistGan.run(args(resumed, 8, "--resume", "true",
        "--lr", "1e-3")));
    assertTrue(ex.getMessage().contains("another configuration"), ex.getMessage());
    var none = assertThrows(CliArgs.UsageException.class, () -> MnistGan.run(args(dir.resolve("none"), 4, "--resume",
        "true")));
    assertTrue(none.getMessage().contains("holds no checkpoint; run without --resume first"), none.getMessage());
  }

  private static List<String> withoutTimes(Path jsonl) throws Exception {
    return Files.readAllLines(jsonl).stream().map(l -> l.replaceAll(",\"train_seconds\".*", "")).toList();
  }
}
