package org.rlgan.nets.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files of unsigned bytes, the format of MNIST, Fashion-MNIST and EMNIST
 * (<a href="http://yann.lecun.com/exdb/mnist/">LeCun et al.</a>): a big-endian 32-bit magic number
 * {@code 0x0000TTDD} (two zero bytes, the element type {@code TT}, the number of dimensions {@code DD}), then
 * {@code DD} big-endian 32-bit sizes, then the elements in row-major order.
 *
 * <p>Plain and gzipped files are read alike: a file starting with the gzip signature ({@code 1f 8b}) is
 * decompressed, whatever its name. Only element type {@code 0x08} (unsigned byte) is supported; the other IDX
 * types (signed byte, short, int, float, double) are refused with an {@link IdxFormatException}, as are a file
 * whose first two bytes are not zero, dimensions that are negative or whose product does not fit a Java array,
 * and data shorter or longer than the dimensions say.
 *
 * <pre>{@code
 * Idx.UByteArray labels = Idx.read(Path.of("train-labels-idx1-ubyte"));   // shape [60000]
 * int first = labels.getUnsigned(0);                                         // 5
 * }</pre>
 */
public final class Idx {
  /** The IDX element type code of unsigned bytes. */
  public static final int UNSIGNED_BYTE = 0x08;

  private static final int BUFFER = 1 << 16;

  private Idx() {}

  /**
   * An IDX array of unsigned bytes: its shape and its elements in row-major order. Immutable from outside:
   * {@link #shape()} and {@link #toByteArray()} return copies.
   */
  public static final class UByteArray {
    private final int[] shape;
    private final byte[] data;

    /**
     * @param shape the sizes of the dimensions, at least one and at most 255, each ≥ 0
     * @param data the elements in row-major order (copied), as many as the product of the sizes
     * @throws IllegalArgumentException if the shape is empty, has more than 255 dimensions or a negative size,
     *     or does not match the data's length
     */
    public UByteArray(int[] shape, byte[] data) {
      Objects.requireNonNull(shape, "shape");
      Objects.requireNonNull(data, "data");
      if (shape.length < 1 || shape.length > 255) {
        throw new IllegalArgumentException("an IDX array has 1 to 255 dimensions, got " + shape.length);
      }
      long n = 1;
      for (int s : shape) {
        if (s < 0) {
          throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
        }
        n *= s;
      }
      if (n != data.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, data has "
            + data.length);
      }
      this.shape = shape.clone();
      this.data = data.clone();
    }

    /** Takes the arrays without copying: the reader's own, never seen by anyone else. */
    private UByteArray(int[] shape, byte[] data, boolean owned) {
      this.shape = shape;
      this.data = data;
    }

    /** The sizes of the dimensions (a copy), e.g. {@code [60000, 28, 28]}. */
    public int[] shape() {
      return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
      return shape.length;
    }

    /** The number of elements (the product of the sizes). */
    public int length() {
      return data.length;
    }

    /** The magic number a file of this array starts with: {@code 0x0800 | rank}, e.g. 2051 for rank 3. */
    public int magic() {
      return UNSIGNED_BYTE << 8 | shape.length;
    }

    /** Element {@code i} in row-major order, as a value in [0, 255]. */
    public int getUnsigned(int i) {
      return data[i] & 0xff;
    }

    /** The elements in row-major order (a copy); read each as {@code b & 0xff}. */
    public byte[] toByteArray() {
      return data.clone();
    }

    /**
     * Elements {@code [from, to)} in row-major order as floats {@code offset + scale * value}; e.g. scale 1/255
     * and offset 0 give [0, 1], scale 2/255 and offset −1 give [−1, 1].
     */
    public float[] toFloats(int from, int to, float scale, float offset) {
      Objects.checkFromToIndex(from, to, data.length);
      float[] out = new float[to - from];
      for (int i = from; i < to; i++) {
        out[i - from] = offset + scale * (data[i] & 0xff);
      }
      return out;
    }

    @Override
    public String toString() {
      return "Idx.UByteArray" + Arrays.toString(shape);
    }
  }

  /**
   * Reads an IDX file of unsigned bytes, gzipped or plain.
   *
   * @throws IdxFormatException if the file is not such an IDX file (see the class comment), naming the file
   * @throws IOException if the file cannot be read at all (e.g. {@link java.nio.file.NoSuchFileException})
   */
  public static UByteArray read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file);
    }
  }

  /**
   * Reads one IDX array of unsigned bytes from a stream, gzipped or plain, up to the end of the stream (which
   * must follow the data). The stream is not closed.
   *
   * @param source the file the stream comes from, for messages, or null
   * @throws IdxFormatException if the bytes are not such an IDX array (see the class comment)
   */
  public static UByteArray read(InputStream in, Path source) throws IOException {
    Objects.requireNonNull(in, "in");
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    try {
      InputStream raw = gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
      return readIdx(raw, source);
    } catch (ZipException e) { // corrupt deflate data, CRC mismatch
      throw new IdxFormatException(source, "corrupt gzip data: " + e.getMessage(), e);
    } catch (EOFException e) { // only GZIPInputStream throws it: readIdx uses readNBytes
      throw new IdxFormatException(source, "gzip stream ends early (truncated file)", e);
    }
  }

  private static UByteArray readIdx(InputStream in, Path source) throws IOException {
    byte[] head = new byte[4];
    int got = in.readNBytes(head, 0, 4);
    if (got < 4) {
      throw new IdxFormatException(source, "too short for an IDX header: " + got + " bytes, need at least 4");
    }
    int magic = (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | (head[3] & 0xff);
    if (head[0] != 0 || head[1] != 0) {
      throw new IdxFormatException(source, String.format(
          "not an IDX file: magic number 0x%08x does not start with two zero bytes", magic));
    }
    int type = head[2] & 0xff;
    int rank = head[3] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(source, String.format(
          "magic number 0x%08x: element type 0x%02x (%s) is not supported, only 0x08 (unsigned byte)",
          magic, type, typeName(type)));
    }
    if (rank == 0) {
      throw new IdxFormatException(source, String.format("magic number 0x%08x: zero dimensions", magic));
    }
    int[] shape = new int[rank];
    long n = 1;
    for (int d = 0; d < rank; d++) {
      byte[] size = new byte[4];
      if (in.readNBytes(size, 0, 4) < 4) {
        throw new IdxFormatException(source, "header ends in the size of dimension " + d + " of " + rank);
      }
      long s = (size[0] & 0xffL) << 24 | (size[1] & 0xff) << 16 | (size[2] & 0xff) << 8 | (size[3] & 0xff);
      if (s > Integer.MAX_VALUE) {
        throw new IdxFormatException(source, "dimension " + d + " has size " + s + " (negative as a signed int)");
      }
      shape[d] = (int) s;
      n *= s;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(source, "shape " + Arrays.toString(Arrays.copyOf(shape, d + 1))
            + (d + 1 < rank ? "..." : "") + " has more elements than a Java array can hold");
      }
    }
    byte[] data = new byte[(int) n];
    int read = in.readNBytes(data, 0, data.length);
    if (read < data.length) {
      throw new IdxFormatException(source, "truncated data: shape " + Arrays.toString(shape) + " needs " + n
          + " bytes after the header, the file has " + read);
    }
    long extra = 0;
    byte[] sink = new byte[BUFFER];
    for (int k; (k = in.read(sink)) != -1; ) {
      extra += k;
    }
    if (extra > 0) {
      throw new IdxFormatException(source, extra + " bytes after the data of shape " + Arrays.toString(shape)
          + " (the header promises " + n + " bytes)");
    }
    return new UByteArray(shape, data, true);
  }

  private static String typeName(int type) {
    return switch (type) {
      case 0x09 -> "signed byte";
      case 0x0B -> "short";
      case 0x0C -> "int";
      case 0x0D -> "float";
      case 0x0E -> "double";
      default -> "not an IDX type";
    };
  }

  /**
   * Writes an array as an IDX file, gzipped when the file name ends in {@code .gz}. The bytes go to a hidden
   * temporary sibling that is then renamed over the target, so readers never see a half-written file.
   */
  public static void write(Path file, UByteArray array) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(array, "array");
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    boolean gzip = target.getFileName().toString().endsWith(".gz");
    try {
      try (OutputStream file0 = Files.newOutputStream(tmp);
          OutputStream sink = gzip ? new GZIPOutputStream(file0, BUFFER) : new BufferedOutputStream(file0, BUFFER);
          DataOutputStream out = new DataOutputStream(sink)) {
        out.writeInt(array.magic());
        for (int s : array.shape) {
          out.writeInt(s);
        }
        out.write(array.data);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
