package org.rlgan.nets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir
  Path dir;

  private static byte[] header(int magic, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length); // big-endian, as IDX
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
      z.write(raw);
    }
    return bytes.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private IdxFormatException bad(String name, byte[] content) throws IOException {
    Path f = file(name, content);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(f));
    assertEquals(f, e.file());
    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    return e;
  }

  @Test
  void readsPlainAndGzippedAlike() throws IOException {
    byte[] data = {0, 1, 2, (byte) 200, (byte) 255, 7};
    byte[] raw = concat(header(0x0802, 2, 3), data);
    for (Path f : new Path[] {file("plain", raw), file("zipped.gz", gzip(raw)), file("zipped-no-suffix", gzip(raw))}) {
      Idx.UByteArray a = Idx.read(f);
      assertArrayEquals(new int[] {2, 3}, a.shape(), f.toString());
      assertEquals(0x0802, a.magic());
      assertArrayEquals(data, a.toByteArray());
      assertEquals(200, a.getUnsigned(3)); // unsigned, not -56
      assertArrayEquals(new float[] {200 / 255f * 2 - 1, 1f}, a.toFloats(3, 5, 2 / 255f, -1f), 1e-6f);
    }
  }

  @Test
  void writeThenReadRoundTrips() throws IOException {
    byte[] data = new byte[4 * 5 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37);
    }
    Idx.UByteArray a = new Idx.UByteArray(new int[] {4, 5, 3}, data);
    for (String name : new String[] {"a-idx3-ubyte", "a-idx3-ubyte.gz"}) {
      Path f = dir.resolve(name);
      Idx.write(f, a);
      Idx.UByteArray b = Idx.read(f);
      assertArrayEquals(a.shape(), b.shape());
      assertArrayEquals(data, b.toByteArray());
    }
    assertEquals(0x1f, Files.readAllBytes(dir.resolve("a-idx3-ubyte.gz"))[0] & 0xff, ".gz is gzipped");
    assertArrayEquals(header(0x0803, 4, 5, 3), Arrays.copyOf(Files.readAllBytes(dir.resolve("a-idx3-ubyte")), 16));
  }

  /** The first labels of MNIST as the MNIST page's files have them: train 5 0 4 1 9 ..., test 7 2 1 0 4 .... */
  @Test
  void readsTheMnistSubsetResources() throws Exception {
    Path mnist = Path.of(IdxTest.class.getResource("/mnist").toURI());
    Idx.UByteArray trainLabels = Idx.read(mnist.resolve("train-labels-idx1-ubyte.gz"));
    assertEquals(2049, trainLabels.magic());
    assertArrayEquals(new int[] {3000}, trainLabels.shape());
    int[] first = new int[10];
    for (int i = 0; i < 10; i++) {
      first[i] = trainLabels.getUnsigned(i);
    }
    assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, first);
    Idx.UByteArray testImages = Idx.read(mnist.resolve("t10k-images-idx3-ubyte.gz"));
    assertEquals(2051, testImages.magic());
    assertArrayEquals(new int[] {500, 28, 28}, testImages.shape());
  }

  @Test
  void refusesANonIdxMagicNumber() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    IdxFormatException e = bad("digit.png", png);
    assertTrue(e.problem().contains("0x89504e47") && e.problem().contains("not an IDX file"), e.problem());
  }

  @Test
  void refusesElementTypesOtherThanUnsignedByte() throws IOException {
    IdxFormatException e = bad("floats", concat(header(0x0D01, 1), new byte[4]));
    assertTrue(e.problem().contains("0x0d (float)") && e.problem().contains("only 0x08"), e.problem());
  }

  @Test
  void refusesZeroDimensions() throws IOException {
    assertTrue(bad("zero", header(0x0800)).problem().contains("zero dimensions"));
  }

  @Test
  void refusesShortHeaders() throws IOException {
    assertTrue(bad("empty", new byte[0]).problem().contains("too short"));
    assertTrue(bad("two", new byte[] {0, 0}).problem().contains("too short"));
    byte[] partial = Arrays.copyOf(header(0x0803, 10, 28, 28), 10);
    assertTrue(bad("partial", partial).problem().contains("header ends in the size of dimension 1 of 3"));
  }

  @Test
  void refusesTruncatedData() throws IOException {
    IdxFormatException e = bad("short", concat(header(0x0802, 2, 3), new byte[5]));
    assertTrue(e.problem().contains("truncated data") && e.problem().contains("needs 6 bytes")
        && e.problem().contains("has 5"), e.problem());
    IdxFormatException z = bad("short.gz", gzip(concat(header(0x0802, 2, 3), new byte[5])));
    assertTrue(z.problem().contains("truncated data"), z.problem());
  }

  @Test
  void refusesTrailingBytes() throws IOException {
    IdxFormatException e = bad("long", concat(header(0x0801, 3), new byte[5]));
    assertTrue(e.problem().contains("2 bytes after the data"), e.problem());
  }

  @Test
  void refusesSizesBeyondAJavaArray() throws IOException {
    assertTrue(bad("negative", header(0x0801, -1)).problem().contains("negative"));
    IdxFormatException e = bad("huge", header(0x0803, 100_000, 28_000, 28));
    assertTrue(e.problem().contains("more elements than a Java array"), e.problem());
  }

  @Test
  void refusesCorruptGzip() throws IOException {
    byte[] z = gzip(concat(header(0x0802, 20, 30), new byte[600]));
    IdxFormatException cut = bad("cut.gz", Arrays.copyOf(z, z.length - 12));
    assertTrue(cut.problem().contains("gzip"), cut.problem());
    byte[] flipped = z.clone();
    flipped[flipped.length - 6] ^= 0x55; // the CRC-32 trailer
    IdxFormatException crc = bad("crc.gz", flipped);
    assertTrue(crc.problem().contains("corrupt gzip"), crc.problem());
    IdxFormatException header = bad("header.gz", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
    assertTrue(header.problem().contains("gzip"), header.problem());
  }

  @Test
  void aMissingFileIsNotAFormatError() {
    assertThrows(NoSuchFileException.class, () -> Idx.read(dir.resolve("absent")));
  }

  @Test
  void arraysCheckTheirShape() {
    assertThrows(IllegalArgumentException.class, () -> new Idx.UByteArray(new int[] {2, 2}, new byte[3]));
    assertThrows(IllegalArgumentException.class, () -> new Idx.UByteArray(new int[0], new byte[0]));
    Idx.UByteArray a = new Idx.UByteArray(new int[] {2}, new byte[] {1, 2});
    a.shape()[0] = 5;
    a.toByteArray()[0] = 9;
    assertArrayEquals(new int[] {2}, a.shape(), "copies out");
    assertEquals(1, a.getUnsigned(0), "copies out");
  }
}
