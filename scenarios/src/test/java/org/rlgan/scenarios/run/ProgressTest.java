package org.rlgan.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The progress line's rate counts the steps this process did, also after a resume. */
class ProgressTest {

  private static final Pattern RATE = Pattern.compile("  ([-0-9,]+) steps/s  ");

  private static String rate(ByteArrayOutputStream bytes) {
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    Matcher m = RATE.matcher(lines[lines.length - 1]);
    assertTrue(m.find(), lines[lines.length - 1]);
    return m.group(1);
  }

  @Test
  void aResumedRunsRateCountsOnlyTheStepsSinceItResumed() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, false);
    p.resumedAt(40_000);
    p.step("run", 40_000, 70_000, "", "", true);
    assertTrue(rate(bytes).equals("-"), "no step since the resume yet: no rate");
    Thread.sleep(200);
    p.step("run", 40_010, 70_000, "", "", true);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double shown = Double.parseDouble(rate(bytes).replace(",", ""));
    // 10 steps in at least 0.2 s: at most 50 steps/s; counting from step 0 it would be at least 40,010 / elapsed.
    assertTrue(shown <= 50, "rate " + shown);
    assertTrue(shown < 40_010 / elapsed, "rate " + shown);
  }

  @Test
  void aFreshRunsRateCountsFromStepZero() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, false);
    p.step("run", 0, 100, "", "", true);
    assertTrue(rate(bytes).equals("-"), "step 0: no rate");
    Thread.sleep(100);
    p.step("run", 1_000, 100_000, "", "", true);
    double shown = Double.parseDouble(rate(bytes).replace(",", ""));
    assertTrue(shown > 0 && shown <= 1_000 / 0.1, "rate " + shown);
  }
}
