package org.rlgan.gan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CliArgsTest {
  static final Set<String> KNOWN = Set.of("steps", "model", "lr");

  @Test
  void valuesAndDefaults() {
    CliArgs a = CliArgs.parse("P", new String[] {"--steps", "1_000", "--model", "cgan"}, KNOWN);
    assertEquals(1000, a.integer("steps", 5, 0));
    assertEquals("cgan", a.choice("model", "dcgan", "cgan"));
    assertEquals(2e-4, a.decimal("lr", 2e-4, 0));
    assertEquals("dcgan", CliArgs.parse("P", new String[0], KNOWN).choice("model", "dcgan", "cgan"));
  }

  @Test
  void mistakesAreNamedWithTheFix() {
    assertEquals("P: unknown argument --stpes; known: --lr, --model, --steps", message("--stpes", "3"));
    assertEquals("P: arguments are --name value pairs; got '--steps' without a value", message("--steps"));
    assertEquals("P: arguments are --name value pairs; got 'steps'", message("steps", "3"));
    var ex = assertThrows(CliArgs.UsageException.class,
        () -> CliArgs.parse("P", new String[] {"--steps", "-3"}, KNOWN).integer("steps", 1, 0));
    assertEquals("P: --steps -3 is too small; it must be >= 0", ex.getMessage());
    ex = assertThrows(CliArgs.UsageException.class,
        () -> CliArgs.parse("P", new String[] {"--lr", "fast"}, KNOWN).decimal("lr", 1, 0));
    assertEquals("P: --lr fast is not a number", ex.getMessage());
    ex = assertThrows(CliArgs.UsageException.class,
        () -> CliArgs.parse("P", new String[] {"--model", "vae"}, KNOWN).choice("model", "dcgan", "cgan"));
    assertEquals("P: --model vae is not valid; use one of dcgan, cgan", ex.getMessage());
  }

  private static String message(String... args) {
    return assertThrows(CliArgs.UsageException.class, () -> CliArgs.parse("P", args, KNOWN)).getMessage();
  }
}
