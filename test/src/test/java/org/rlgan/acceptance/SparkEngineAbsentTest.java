package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line without the spark module on its class path (this module does not depend on it, as a user who
 * never distributes does not): {@code --engine spark} is bad input that says how to get the engine, before anything
 * is created. The spark module's own tests cover the engine itself.
 */
class SparkEngineAbsentTest {

  @TempDir
  Path out;

  @Test
  void engineSparkWithoutTheSparkModuleIsBadInputThatNamesTheFix() {
    Cli c = Cli.run("sweep", ExamplesTest.EXAMPLES.resolve("cartpole-lr-sweep.yaml").toString(), "--engine", "spark",
        "--master", "local[2]", "--out", out.toString());
    assertEquals(2, c.exit(), c::toString);
    assertTrue(c.err().contains("error: --engine spark: the Spark engine is not on the class path"), c::toString);
    assertTrue(c.err().contains("./workbench") && c.err().contains("docs/spark.md"), c::toString);
    assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
    assertEquals(0, out.toFile().list().length, "nothing was created");
  }
}
