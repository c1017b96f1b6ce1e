package org.rlgan.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of malformed scenarios in {@code src/test/resources/bad-scenarios/}: each must give exit 2, no stack
 * trace, nothing run, and exactly the errors its file announces, each at the announced line and key.
 *
 * <p>How a file announces its errors: a trailing comment {@code # <-- KEY | TEXT} on the line the error must name;
 * or a header line {@code # expect: LINE KEY | TEXT} (for errors at lines that cannot carry a comment) or
 * {@code # expect: --set KEY | TEXT} (for errors of an override). KEY {@code -} means the error names no key.
 * {@code # args: ...} adds command-line arguments. Add a file whenever a user mistake is found.
 */
class BadScenariosTest {

  static final Path CORPUS = Path.of("src/test/resources/bad-scenarios");

  record Expect(String line, String key, String text) {}

  @Test
  void corpusIsLargeEnough() throws IOException {
    try (Stream<Path> s = Files.list(CORPUS)) {
      assertTrue(s.count() >= 40, "the issue asks for at least 40 malformed scenarios");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyBadScenarioIsExitTwoWithTheRightLineAndKey() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(CORPUS)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> args = new ArrayList<>(List.of("validate", file.toString()));
    List<Expect> expects = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("# args:")) {
        args.addAll(Arrays.asList(l.substring(7).trim().split("\\s+")));
      } else if (l.startsWith("# expect:")) {
        String[] parts = l.substring(9).split("\\|", 2);
        String[] where = parts[0].trim().split("\\s+");
        expects.add(new Expect(where[0], where[1], parts[1].trim()));
      } else if (l.contains("# <-- ")) {
        String[] parts = l.substring(l.indexOf("# <-- ") + 6).split("\\|", 2);
        expects.add(new Expect(String.valueOf(i + 1), parts[0].trim(), parts[1].trim()));
      }
    }
    assertFalse(expects.isEmpty(), file + " announces no expected error");
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.toString());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "a stack trace leaked:\n" + r);
    List<String> errors = r.err().lines().filter(x -> x.startsWith("error: ")).toList();
    assertEquals(expects.size(), errors.size(), "expected " + expects + "\n" + r);
    List<String> left = new ArrayList<>(errors);
    for (Expect e : expects) {
      String where = e.line().equals("--set") ? "error: --set " : "error: " + file + ":" + e.line() + ":";
      String key = "key '" + e.key() + "'";
      String hit = left.stream()
          .filter(x -> x.startsWith(where) && (e.key().equals("-") ? !x.contains(": key '") : x.contains(key))
              && x.contains(e.text()))
          .findFirst().orElse(null);
      assertTrue(hit != null, "no error at " + where + " " + key + " saying '" + e.text() + "'\n" + r);
      left.remove(hit);
    }
  }
}
