package org.rlgan.nets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mnist} on the subset in {@code src/test/resources/mnist} and on deliberately wrong files. */
class MnistDataTest {
  @TempDir
  Path dir;

  static Path subset() throws Exception {
    return Path.of(MnistDataTest.class.getResource("/mnist").toURI());
  }

  @Test
  void loadsTheSubsetAsFloatsInTheUnitInterval() throws Exception {
    Mnist.Split train = Mnist.load(subset(), Mnist.Part.TRAIN);
    Mnist.Split test = Mnist.load(subset(), Mnist.Part.TEST);
    assertEquals(3000, train.size());
    assertEquals(500, test.size());
    assertArrayEquals(new long[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, train.labels(0, 10));
    assertArrayEquals(new long[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, test.labels(0, 10));

    Idx.UByteArray raw = Idx.read(subset().resolve("train-images-idx3-ubyte.gz"));
    float[] first = train.images(0, 1);
    assertEquals(Mnist.PIXELS, first.length);
    float min = 1;
    float max = 0;
    for (int p = 0; p < Mnist.PIXELS; p++) {
      assertEquals(raw.getUnsigned(p) / 255f, first[p]);
      min = Math.min(min, first[p]);
      max = Math.max(max, first[p]);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    // Row-major [n, 1, 28, 28]: pixel (5, 21) of the first digit (a 5) is its one pixel of grey level 255.
    assertEquals(1f, train.pixel(0, 5, 21));
    assertEquals(first[5 * 28 + 21], train.pixel(0, 5, 21));
    // A minibatch by indices is the same digits in the order asked.
    float[] batch = train.images(new int[] {2, 0});
    assertArrayEquals(train.images(2, 3), java.util.Arrays.copyOfRange(batch, 0, Mnist.PIXELS));
    assertArrayEquals(first, java.util.Arrays.copyOfRange(batch, Mnist.PIXELS, 2 * Mnist.PIXELS));
    assertArrayEquals(new long[] {4, 5}, train.labels(new int[] {2, 0}));
  }

  @Test
  void findsTheDataUnderRlganDataOrTheCache() {
    assertEquals(Path.of("/data/mnist"), Mnist.directory(Map.of("RLGAN_DATA", "/data"), "/home/u"));
    assertEquals(Path.of("/home/u/.cache/rlgan/mnist"), Mnist.directory(Map.of(), "/home/u"));
    assertEquals(Path.of("/home/u/.cache/rlgan/mnist"), Mnist.directory(Map.of("RLGAN_DATA", " "), "/home/u"));
  }

  @Test
  void aMissingDataSetSaysToRunTheFetchScript() {
    DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
        () -> Mnist.load(dir.resolve("nowhere"), Mnist.Part.TRAIN));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("scripts/fetch-mnist.sh")
        && e.getMessage().contains("RLGAN_DATA") && e.getMessage().contains(dir.resolve("nowhere").toString()),
        e.getMessage());
    assertTrue(e instanceof NoSuchFileException);
  }

  private void write(String name, int[] shape, byte[] data) throws IOException {
    Idx.write(dir.resolve(name), new Idx.UByteArray(shape, data));
  }

  private IdxFormatException badTestPart() {
    return assertThrows(IdxFormatException.class, () -> Mnist.load(dir, Mnist.Part.TEST));
  }

  @Test
  void refusesLabelsInPlaceOfImages() throws IOException {
    write("t10k-images-idx3-ubyte", new int[] {2}, new byte[] {1, 2});
    write("t10k-labels-idx1-ubyte", new int[] {2}, new byte[] {1, 2});
    IdxFormatException e = badTestPart();
    assertEquals(dir.resolve("t10k-images-idx3-ubyte"), e.file());
    assertTrue(e.problem().contains("magic number 0x00000801 (2049), expected 0x00000803 (2051)"), e.problem());
  }

  @Test
  void refusesImagesInPlaceOfLabels() throws IOException {
    write("t10k-images-idx3-ubyte.gz", new int[] {1, 28, 28}, new byte[784]);
    write("t10k-labels-idx1-ubyte.gz", new int[] {1, 28, 28}, new byte[784]);
    IdxFormatException e = badTestPart();
    assertEquals(dir.resolve("t10k-labels-idx1-ubyte.gz"), e.file());
    assertTrue(e.problem().contains("expected 0x00000801 (2049)"), e.problem());
  }

  @Test
  void refusesImagesThatAreNot28By28() throws IOException {
    write("t10k-images-idx3-ubyte", new int[] {1, 27, 27}, new byte[27 * 27]);
    write("t10k-labels-idx1-ubyte", new int[] {1}, new byte[1]);
    assertTrue(badTestPart().problem().contains("27 x 27"));
  }

  @Test
  void refusesCountsThatDisagree() throws IOException {
    write("t10k-images-idx3-ubyte", new int[] {2, 28, 28}, new byte[2 * 784]);
    write("t10k-labels-idx1-ubyte", new int[] {3}, new byte[3]);
    assertTrue(badTestPart().problem().contains("3 labels for the 2 images"));
  }

  @Test
  void refusesLabelsThatAreNotDigits() throws IOException {
    write("t10k-images-idx3-ubyte", new int[] {2, 28, 28}, new byte[2 * 784]);
    write("t10k-labels-idx1-ubyte", new int[] {2}, new byte[] {3, 10});
    assertTrue(badTestPart().problem().contains("label 1 is 10"));
  }

  /**
   * The README's claim: the subset's records are the first records of the originals. Runs only where the full
   * files are in the data cache (after scripts/fetch-mnist.sh); CI has no download.
   */
  @Test
  void subsetIsTheFirstRecordsOfTheOriginals() throws Exception {
    Path full = Mnist.defaultDirectory();
    assumeTrue(Files.isRegularFile(full.resolve("t10k-labels-idx1-ubyte"))
        || Files.isRegularFile(full.resolve("t10k-labels-idx1-ubyte.gz")), "full MNIST not in " + full);
    for (Mnist.Part part : Mnist.Part.values()) {
      Mnist.Split original = Mnist.load(full, part);
      Mnist.Split mine = Mnist.load(subset(), part);
      assertEquals(part.fullSize(), original.size());
      assertArrayEquals(original.labels(0, mine.size()), mine.labels(0, mine.size()), part.toString());
      assertArrayEquals(original.images(0, mine.size()), mine.images(0, mine.size()), part.toString());
    }
  }
}
