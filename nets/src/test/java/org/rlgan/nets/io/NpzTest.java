package org.rlgan.nets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Npz}: round trips, NumPy interoperability against committed fixtures, atomic writes and the
 * corrupt-input corpus.
 *
 * <p>The fixtures beside this class were written by NumPy 2.4.6 with {@code make_fixtures.py} (same
 * folder, {@code src/test/resources/org/rlgan/nets/io/}); the expected values below are that script's.
 */
class NpzTest {
  @TempDir Path dir;

  // ------------------------------------------------------------------ helpers

  private static Path fixture(String name) {
    try {
      return Path.of(NpzTest.class.getResource(name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  /** Same dtype, shape and values, compared exactly (bit patterns for floats, so -0.0 and NaN count). */
  private static void assertSameArray(INDArray expected, INDArray actual, String key) {
    assertEquals(expected.dataType(), actual.dataType(), key + ": dtype");
    assertArrayEquals(expected.shape(), actual.shape(), key + ": shape");
    assertEquals('c', actual.ordering(), key + ": read arrays are C order");
    assertFalse(actual.isView(), key + ": read arrays own their data");
    if (expected.isEmpty()) {
      assertTrue(actual.isEmpty(), key + ": empty");
      return;
    }
    INDArray e = expected.dup('c');
    switch (expected.dataType()) {
      case FLOAT -> assertArrayEquals(e.data().asFloat(), actual.data().asFloat(), key);
      case DOUBLE -> assertArrayEquals(e.data().asDouble(), actual.data().asDouble(), key);
      default -> assertArrayEquals(e.data().asLong(), actual.data().asLong(), key);
    }
  }

  private static INDArray floats(long[] shape, float... v) {
    return Nd4j.create(v, shape, DataType.FLOAT);
  }

  /** 2 x 3 x 4 array with element [i, j, k] = 100 i + 10 j + k, as the fixtures' "fortran". */
  private static double[] cube() {
    double[] v = new double[24];
    for (int i = 0, n = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          v[n++] = 100 * i + 10 * j + k;
        }
      }
    }
    return v;
  }

  private static LinkedHashMap<String, INDArray> sampleArrays() {
    INDArray matrix = floats(new long[] {2, 3}, 1f, -2f, 3.5f, 0.1f, -0.0f, Float.NaN);
    LinkedHashMap<String, INDArray> m = new LinkedHashMap<>();
    // Keys out of alphabetical order, so preserved order is not an accident of sorting.
    m.put("w", matrix);
    m.put("b", Nd4j.create(new double[] {0.1, -1e300, Double.MIN_VALUE, Math.PI}, new long[] {4}, DataType.DOUBLE));
    m.put("step", Nd4j.scalar(DataType.INT64, 1L << 40));
    m.put("mask", Nd4j.create(new boolean[] {true, false, false, true, true, false}, new long[] {3, 2}, DataType.BOOL));
    m.put("cube", Nd4j.create(cube(), new long[] {2, 3, 4}, DataType.DOUBLE).castTo(DataType.FLOAT));
    m.put("wT", matrix.transpose()); // an 'f'-order view of w's buffer
    m.put("row", matrix.getRow(1)); // a view at an offset into w's buffer
    m.put("cols", Nd4j.create(cube(), new long[] {2, 3, 4}, DataType.DOUBLE).permute(2, 0, 1)); // strided
    m.put("i32", Nd4j.create(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, new long[] {2, 2}, DataType.INT32));
    m.put("i16", Nd4j.create(new short[] {Short.MIN_VALUE, 5, Short.MAX_VALUE}, new long[] {3}, DataType.INT16));
    m.put("i8", Nd4j.create(new byte[] {Byte.MIN_VALUE, 0, Byte.MAX_VALUE}, new long[] {3}, DataType.INT8));
    m.put("u8", Nd4j.create(new byte[] {0, (byte) 128, (byte) 255}, new long[] {3}, DataType.UINT8));
    m.put("scalar_f", Nd4j.scalar(DataType.FLOAT, 2.5f));
    m.put("empty", Nd4j.create(DataType.FLOAT, 0, 3));
    m.put("optimizer/m.0.weight", Nd4j.create(new double[] {-1, 1}, new long[] {2}, DataType.DOUBLE)); // '/' in a key
    // Larger than one 64 KiB I/O chunk, with a non-multiple remainder.
    float[] big = new float[70_001];
    for (int i = 0; i < big.length; i++) {
      big[i] = (float) Math.sin(i) * i;
    }
    m.put("big", floats(new long[] {70_001}, big));
    return m;
  }

  private static byte[] npy(String dict, byte[] data, int major) {
    byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    int lengthBytes = major == 1 ? 2 : 4;
    ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(NpyFormat.MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) text.length);
    } else {
      b.putInt(text.length);
    }
    return b.put(text).put(data).array();
  }

  private static byte[] npy(String dict, byte[] data) {
    return npy(dict, data, 1);
  }

  private static byte[] le(int itemSize, long... values) {
    ByteBuffer b = ByteBuffer.allocate(itemSize * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      switch (itemSize) {
        case 4 -> b.putInt((int) v);
        case 8 -> b.putLong(v);
        default -> throw new IllegalArgumentException();
      }
    }
    return b.array();
  }

  private Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path file = dir.resolve(name);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return file;
  }

  private NpzFormatException readFails(Path file) {
    return assertThrows(NpzFormatException.class, () -> Npz.read(file));
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  // ------------------------------------------------------------------ round trips

  @ParameterizedTest(name = "compressed={0}")
  @ValueSource(booleans = {false, true})
  void roundTripKeepsShapesTypesValuesAndOrder(boolean compressed) throws IOException {
    LinkedHashMap<String, INDArray> arrays = sampleArrays();
    Path file = dir.resolve("params.npz");
    if (compressed) {
      Npz.writeCompressed(file, arrays);
    } else {
      Npz.write(file, arrays);
    }
    LinkedHashMap<String, INDArray> back = Npz.read(file);

    assertEquals(new ArrayList<>(arrays.keySet()), new ArrayList<>(back.keySet()));
    for (String key : arrays.keySet()) {
      assertSameArray(arrays.get(key), back.get(key), key);
    }
    // Spot checks that do not go through dup('c'): the views were written as what they show.
    assertEquals(0.1f, back.get("wT").getFloat(0, 1));
    assertEquals(3.5f, back.get("wT").getFloat(2, 0));
    assertArrayEquals(new float[] {0.1f, -0.0f, Float.NaN}, back.get("row").data().asFloat());
    assertArrayEquals(new long[] {4, 2, 3}, back.get("cols").shape());
    assertEquals(123.0, back.get("cols").getDouble(3, 1, 2)); // cols[k, i, j] = cube[i, j, k]
    assertEquals(0, back.get("step").rank());
    assertEquals(1L << 40, back.get("step").getLong(0));
    assertEquals(255, back.get("u8").getInt(2));
    // The inputs are untouched.
    assertEquals('f', arrays.get("wT").ordering());
    assertEquals(3.5f, arrays.get("w").getFloat(0, 2));
  }

  @Test
  void sameArraysGiveTheSameBytes() throws IOException {
    Path a = dir.resolve("a.npz");
    Path b = dir.resolve("b.npz");
    Npz.write(a, sampleArrays());
    Npz.write(b, sampleArrays());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void writeReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("params.npz");
    Npz.write(file, Map.of("old", Nd4j.scalar(DataType.INT32, 1)));
    Npz.write(file, Map.of("new", Nd4j.scalar(DataType.INT32, 2)));
    LinkedHashMap<String, INDArray> back = Npz.read(file);
    assertEquals(List.of("new"), new ArrayList<>(back.keySet()));
    assertEquals(2, back.get("new").getInt(0));
    assertEquals(List.of(file), listDir());
  }

  @Test
  void npyStreamsHoldSeveralArraysBackToBack() throws IOException {
    INDArray a = floats(new long[] {2, 2}, 1, 2, 3, 4);
    INDArray b = Nd4j.create(new long[] {7, -8}, new long[] {2}, DataType.INT64);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npz.writeNpy(out, a);
    Npz.writeNpy(out, b);
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    assertSameArray(a, Npz.readNpy(in), "a");
    assertSameArray(b, Npz.readNpy(in), "b");
    assertEquals(-1, in.read());
  }

  @Test
  void headerMatchesNumPyLayout() {
    byte[] h = NpyFormat.header(NpyDtype.FLOAT32, new long[] {2, 3});
    assertEquals(0, h.length % 64, "data starts on a 64-byte boundary");
    assertEquals('\n', h[h.length - 1]);
    String text = new String(h, 10, h.length - 10, StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), text);
    String vec = new String(NpyFormat.header(NpyDtype.BOOL, new long[] {5}), StandardCharsets.ISO_8859_1);
    assertTrue(vec.contains("'descr': '|b1'") && vec.contains("'shape': (5,), }"), vec);
    String scalar = new String(NpyFormat.header(NpyDtype.INT64, new long[0]), StandardCharsets.ISO_8859_1);
    assertTrue(scalar.contains("'shape': (), }"), scalar);
  }

  // ------------------------------------------------------------------ NumPy interoperability

  private static final List<String> FIXTURE_KEYS =
      List.of("f32", "f32_nan", "f64_be", "i64", "i64_be", "fortran", "fortran_i32_be", "scalar_f32",
          "scalar_i64", "vec_i32", "flags", "i8", "u8", "i16", "empty", "deep");

  @ParameterizedTest
  @ValueSource(strings = {"savez.npz", "savez_compressed.npz", "savez_streamed.npz"})
  void readsNumPyFixtures(String name) throws IOException {
    LinkedHashMap<String, INDArray> z = Npz.read(fixture(name));
    assertEquals(FIXTURE_KEYS, new ArrayList<>(z.keySet()));

    assertSameArray(
        floats(new long[] {2, 3}, 1.5f, -2.25f, 0.1f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY),
        z.get("f32"), "f32");
    assertSameArray(floats(new long[] {2}, Float.NaN, 1f), z.get("f32_nan"), "f32_nan");
    assertSameArray(
        Nd4j.create(new double[] {0.1, -1e300, 2.5, Math.PI}, new long[] {4}, DataType.DOUBLE),
        z.get("f64_be"), "f64_be");
    assertSameArray(
        Nd4j.create(new long[] {-(1L << 62), 1, (1L << 40) + 3, -7}, new long[] {2, 2}, DataType.INT64),
        z.get("i64"), "i64");
    assertSameArray(
        Nd4j.create(new long[] {(1L << 33) + 5, -2}, new long[] {2}, DataType.INT64), z.get("i64_be"), "i64_be");
    INDArray fortran = z.get("fortran");
    assertSameArray(Nd4j.create(cube(), new long[] {2, 3, 4}, DataType.DOUBLE), fortran, "fortran");
    assertEquals(123.0, fortran.getDouble(1, 2, 3));
    assertEquals(20.0, fortran.getDouble(0, 2, 0));
    assertSameArray(
        Nd4j.create(new int[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.INT32),
        z.get("fortran_i32_be"), "fortran_i32_be");
    assertSameArray(Nd4j.scalar(DataType.FLOAT, 3.25f), z.get("scalar_f32"), "scalar_f32");
    assertEquals(0, z.get("scalar_f32").rank());
    assertSameArray(Nd4j.scalar(DataType.INT64, -42L), z.get("scalar_i64"), "scalar_i64");
    assertSameArray(
        Nd4j.create(new int[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE}, new long[] {5}, DataType.INT32),
        z.get("vec_i32"), "vec_i32");
    assertSameArray(
        Nd4j.create(new boolean[] {true, false, true, false, false, true}, new long[] {2, 3}, DataType.BOOL),
        z.get("flags"), "flags");
    assertSameArray(Nd4j.create(new byte[] {-128, 0, 127}, new long[] {3}, DataType.INT8), z.get("i8"), "i8");
    assertArrayEquals(new int[] {0, 128, 255}, z.get("u8").data().asInt());
    assertEquals(DataType.UINT8, z.get("u8").dataType());
    assertSameArray(
        Nd4j.create(new short[] {-32768, 7, 32767}, new long[] {3}, DataType.INT16), z.get("i16"), "i16");
    assertSameArray(Nd4j.create(DataType.FLOAT, 0, 3), z.get("empty"), "empty");
    long[] deep = new long[14];
    Arrays.fill(deep, 1);
    deep[0] = 2;
    deep[13] = 123;
    float[] arange = new float[246];
    for (int i = 0; i < arange.length; i++) {
      arange[i] = i;
    }
    assertSameArray(floats(deep, arange), z.get("deep"), "deep");
  }

  /** What NumPy wrote for a C-order little-endian array, our writer writes byte for byte. */
  @Test
  void writerOutputIsByteIdenticalToNumPys() throws IOException {
    LinkedHashMap<String, INDArray> arrays = Npz.read(fixture("savez.npz"));
    List<String> checked = new ArrayList<>();
    try (ZipFile zip = new ZipFile(fixture("savez.npz").toFile())) {
      for (String key : List.of("f32", "f32_nan", "i64", "scalar_f32", "scalar_i64", "vec_i32", "flags", "i8",
          "u8", "i16", "empty", "deep")) {
        byte[] numpy;
        try (InputStream in = zip.getInputStream(zip.getEntry(key + ".npy"))) {
          numpy = in.readAllBytes();
        }
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Npz.writeNpy(ours, arrays.get(key));
        assertArrayEquals(numpy, ours.toByteArray(), key);
        checked.add(key);
      }
    }
    assertEquals(12, checked.size());
  }

  @Test
  void readsNpyVersions2And3() throws IOException {
    String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
    for (int major : new int[] {2, 3}) {
      INDArray a = Npz.readNpy(new ByteArrayInputStream(npy(dict, le(4, 5, -6), major)));
      assertSameArray(Nd4j.create(new int[] {5, -6}, new long[] {2}, DataType.INT32), a, "v" + major);
    }
  }

  @Test
  void readsPython2Headers() throws IOException {
    // NumPy under Python 2 wrote long suffixes and no growth padding.
    String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (1L, 2L), }";
    INDArray a = Npz.readNpy(new ByteArrayInputStream(npy(dict, le(8, 3, 4))));
    assertArrayEquals(new long[] {1, 2}, a.shape());
    assertArrayEquals(new long[] {3, 4}, a.data().asLong());
  }

  // ------------------------------------------------------------------ atomic writes

  @Test
  void writingIntoAMissingDirectoryFailsClearly() {
    Path missing = dir.resolve("no-such-dir");
    Path file = missing.resolve("params.npz");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> Npz.write(file, Map.of("a", Nd4j.scalar(1f))));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
        e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void unsupportedDtypeLeavesTheExistingFileIntact() throws IOException {
    Path file = dir.resolve("params.npz");
    Npz.write(file, sampleArrays());
    byte[] before = Files.readAllBytes(file);

    LinkedHashMap<String, INDArray> bad = new LinkedHashMap<>(sampleArrays());
    bad.put("half", Nd4j.create(DataType.FLOAT16, 2, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.write(file, bad));
    assertTrue(e.getMessage().contains("'half'") && e.getMessage().contains("HALF"), e.getMessage());

    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), listDir(), "no temporary file left behind");
  }

  @Test
  void failureHalfwayThroughLeavesTheExistingFileIntact() throws IOException {
    Path file = dir.resolve("params.npz");
    Npz.write(file, sampleArrays());
    byte[] before = Files.readAllBytes(file);

    // A released array passes the up-front checks (its dtype is fine) and fails when its data is read,
    // after earlier entries are already in the temporary file.
    INDArray released = floats(new long[] {2}, 1f, 2f);
    released.close();
    LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>(sampleArrays());
    arrays.put("released", released);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Npz.write(file, arrays));
    assertTrue(e.getMessage().contains("released"), e.getMessage());

    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), listDir(), "no temporary file left behind");
  }

  @Test
  void badKeysAreRejectedBeforeWriting() {
    Path file = dir.resolve("params.npz");
    Map<String, INDArray> blank = Map.of("", Nd4j.scalar(1f));
    assertThrows(IllegalArgumentException.class, () -> Npz.write(file, blank));
    assertFalse(Files.exists(file));
  }

  // ------------------------------------------------------------------ corrupt inputs

  @ParameterizedTest
  @ValueSource(strings = {"savez.npz", "savez_compressed.npz"})
  void truncatedNumPyFileNamesTheBrokenEntry(String name) throws IOException {
    byte[] whole = Files.readAllBytes(fixture(name));
    // Cut inside the entry of the "fortran" array (192 data bytes), whichever its offset.
    long cut;
    try (ZipFile zip = new ZipFile(fixture(name).toFile())) {
      cut = offsetOfEntryData(whole, zip, "fortran.npy") + 40;
    }
    Path file = dir.resolve("cut-" + name);
    Files.write(file, Arrays.copyOf(whole, (int) cut));
    NpzFormatException e = readFails(file);
    assertEquals("fortran.npy", e.entry(), e.getMessage());
    assertTrue(e.getMessage().contains("'fortran.npy'") && e.getMessage().contains(file.toString()), e.getMessage());
  }

  /** The offset just past the local header of {@code entry}: the start of its (possibly compressed) data. */
  private static long offsetOfEntryData(byte[] file, ZipFile zip, String entry) {
    byte[] nameBytes = entry.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 30 < file.length; i++) {
      ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
      if (b.getInt(i) == 0x04034b50 && (b.getShort(i + 26) & 0xFFFF) == nameBytes.length
          && Arrays.equals(file, i + 30, i + 30 + nameBytes.length, nameBytes, 0, nameBytes.length)) {
        return i + 30 + nameBytes.length + (b.getShort(i + 28) & 0xFFFF);
      }
    }
    throw new IllegalStateException(entry + " not found in " + zip.getName());
  }

  @Test
  void truncatedDataInOurOwnArchiveSaysHowMuchIsMissing() throws IOException {
    Path file = dir.resolve("params.npz");
    Npz.writeCompressed(file, Map.of("w", Nd4j.create(DataType.DOUBLE, 100, 100).addi(0.5)));
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    NpzFormatException e = readFails(file);
    assertEquals("w.npy", e.entry());
    assertTrue(e.getMessage().contains("truncated data: expected 80000 bytes, got "), e.getMessage());
  }

  @Test
  void truncatedCentralDirectorySaysTheEntriesAreIntact() throws IOException {
    Path file = dir.resolve("params.npz");
    Npz.write(file, Map.of("a", Nd4j.scalar(1f)));
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 10));
    NpzFormatException e = readFails(file);
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'a.npy'"), e.getMessage());
  }

  @Test
  void dataShorterThanItsShapeIsReported() throws IOException {
    byte[] shortData = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", new byte[12]);
    NpzFormatException e = readFails(zip("short.npz", Map.of("x.npy", shortData)));
    assertEquals("x.npy", e.entry());
    assertEquals("truncated data: expected 40 bytes, got 12", e.problem());
    assertTrue(e.getMessage().startsWith(dir.resolve("short.npz") + ": entry 'x.npy': "), e.getMessage());
  }

  @Test
  void badMagicIsReported() throws IOException {
    byte[] notNpy = "PK\u0003\u0004 not an array at all".getBytes(StandardCharsets.ISO_8859_1);
    NpzFormatException e = readFails(zip("magic.npz", Map.of("x.npy", notNpy)));
    assertEquals("x.npy", e.entry());
    assertTrue(e.problem().startsWith("bad magic: expected \\x93NUMPY"), e.problem());
    assertTrue(e.problem().endsWith("found PK\\x03\\x04 n"), e.problem());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<c16", "<f2", ">U5", "|O", "|f4"})
  void unsupportedDtypeIsReported(String descr) throws IOException {
    byte[] data = npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", new byte[16]);
    NpzFormatException e = readFails(zip("dtype.npz", Map.of("arr_0.npy", data)));
    assertEquals("arr_0.npy", e.entry());
    assertTrue(e.problem().startsWith("unsupported dtype descr '" + descr + "'"), e.problem());
  }

  @Test
  void structuredDtypeIsReported() throws IOException {
    byte[] data = npy("{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[8]);
    NpzFormatException e = readFails(zip("structured.npz", Map.of("rec.npy", data)));
    assertEquals("rec.npy", e.entry());
    assertTrue(e.problem().startsWith("unsupported dtype descr of a structured dtype"), e.problem());
  }

  @Test
  void malformedHeadersAreReported() throws IOException {
    NpzFormatException missing = readFails(zip("keys.npz",
        Map.of("k.npy", npy("{'descr': '<f4', 'fortran_order': False, }", new byte[4]))));
    assertTrue(missing.problem().startsWith("header keys are [descr, fortran_order], expected"), missing.problem());

    NpzFormatException syntax = readFails(zip("syntax.npz",
        Map.of("s.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, }", new byte[12]))));
    assertTrue(syntax.problem().startsWith("malformed header"), syntax.problem());

    NpzFormatException shape = readFails(zip("shape.npz",
        Map.of("n.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", new byte[4]))));
    assertTrue(shape.problem().contains("expected a non-negative int"), shape.problem());

    NpzFormatException version = readFails(zip("version.npz",
        Map.of("v.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", new byte[4], 9))));
    assertTrue(version.problem().startsWith("unsupported .npy format version 9.0"), version.problem());
  }

  @Test
  void corruptStoredDataFailsTheCrcCheck() throws IOException {
    Path file = dir.resolve("params.npz");
    Npz.write(file, Map.of("ids", Nd4j.create(new int[] {0x5A5A5A5A, 0x5A5A5A5A}, new long[] {2}, DataType.INT32)));
    byte[] bytes = Files.readAllBytes(file);
    byte[] pattern = le(4, 0x5A5A5A5A, 0x5A5A5A5A);
    int at = -1;
    for (int i = 0; i + pattern.length <= bytes.length && at < 0; i++) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        at = i;
      }
    }
    assertTrue(at > 0);
    bytes[at + 5] ^= 0x01;
    Files.write(file, bytes);
    NpzFormatException e = readFails(file);
    assertEquals("ids.npy", e.entry());
    assertTrue(e.problem().startsWith("CRC-32 mismatch"), e.problem());
  }

  @Test
  void nonArrayEntriesAndNonZipFilesAreReported() throws IOException {
    NpzFormatException entry = readFails(zip("extra.npz", Map.of("README.txt", new byte[] {'h', 'i'})));
    assertEquals("README.txt", entry.entry());

    Path text = dir.resolve("text.npz");
    Files.writeString(text, "just some text, long enough to be looked at by the ZIP reader");
    NpzFormatException notZip = readFails(text);
    assertTrue(notZip.problem().startsWith("not a ZIP (.npz) archive"), notZip.problem());

    Path empty = dir.resolve("empty.npz");
    Files.write(empty, new byte[0]);
    assertTrue(readFails(empty).problem().startsWith("not a ZIP (.npz) archive"));

    Path single = dir.resolve("single.npy");
    try (var out = Files.newOutputStream(single)) {
      Npz.writeNpy(out, Nd4j.scalar(1f));
    }
    assertTrue(readFails(single).problem().contains("read it with Npz.readNpy"));
  }

  @Test
  void npyStreamErrorsHaveNoFileOrEntry() {
    byte[] cut = Arrays.copyOf(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new byte[32]), 70);
    NpzFormatException e =
        assertThrows(NpzFormatException.class, () -> Npz.readNpy(new ByteArrayInputStream(cut)));
    assertEquals(null, e.file());
    assertEquals(null, e.entry());
    assertTrue(e.getMessage().startsWith("truncated data: expected 32 bytes, got "), e.getMessage());
  }

  @Test
  void missingFileIsAPlainIoException() {
    IOException e = assertThrows(IOException.class, () -> Npz.read(dir.resolve("absent.npz")));
    assertFalse(e instanceof NpzFormatException, e.toString());
  }

}
