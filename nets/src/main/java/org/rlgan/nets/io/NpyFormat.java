package org.rlgan.nets.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rlgan.nets.HostArrays;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code .npy} format (NumPy Enhancement Proposal 1, "A simple file format for NumPy arrays";
 * {@code numpy/lib/format.py}): the magic string {@code \x93NUMPY}, a major and a minor version byte, the
 * header length (little-endian uint16 in version 1.0, uint32 in 2.0 and 3.0), the header, then the raw
 * data. The header is a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, padded with spaces and a final
 * newline so that the data starts at a multiple of 64 bytes.
 *
 * <p>Writing emits exactly what NumPy 2.x's {@code np.save} emits for the same C-order array (version
 * 1.0, the same header text and padding, including the spare room NumPy leaves for growing the first
 * axis), so files are byte-identical. Data moves through 64 KiB buffers in bulk, never element by element
 * through ND4J.
 */
final class NpyFormat {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;
  /** NumPy pads the header so the first axis can grow to this many digits in place. */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;
  /** Well above any header NumPy writes for a supported dtype (version 1.0 caps it at 65535). */
  private static final int MAX_HEADER_LENGTH = 1 << 16;
  /** ND4J's largest rank. */
  private static final int MAX_RANK = 32;
  /** Java arrays carry the data, so an array holds at most this many elements. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
  private static final int CHUNK = 1 << 16;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  private NpyFormat() {}

  /** A parsed header. */
  record Header(NpyDtype dtype, ByteOrder order, boolean fortranOrder, long[] shape) {}

  // ---------------------------------------------------------------- writing

  /**
   * An array ready to write: its header and a C-order copy of its data in a Java array ({@code float[]}
   * for float32, {@code double[]} for float64, {@code long[]} for int64, {@code int[]} for the rest).
   */
  static final class Encoded {
    final byte[] header;
    final NpyDtype dtype;
    final Object data;
    final int length;

    private Encoded(byte[] header, NpyDtype dtype, Object data, int length) {
      this.header = header;
      this.dtype = dtype;
      this.data = data;
      this.length = length;
    }

    /** Header plus data, in bytes. */
    long size() {
      return header.length + (long) length * dtype.itemSize;
    }

    /** Writes the whole {@code .npy} image; does not close {@code out}. */
    void writeTo(OutputStream out) throws IOException {
      out.write(header);
      int itemSize = dtype.itemSize;
      int perChunk = CHUNK / itemSize;
      ByteBuffer bb = ByteBuffer.allocate(Math.min(CHUNK, Math.max(1, length * itemSize)));
      bb.order(ByteOrder.LITTLE_ENDIAN);
      byte[] bytes = bb.array();
      for (int off = 0; off < length; off += perChunk) {
        int count = Math.min(perChunk, length - off);
        // The typed views start at index 0 of bb and leave its position alone.
        switch (dtype) {
          case FLOAT32 -> bb.asFloatBuffer().put((float[]) data, off, count);
          case FLOAT64 -> bb.asDoubleBuffer().put((double[]) data, off, count);
          case INT64 -> bb.asLongBuffer().put((long[]) data, off, count);
          case INT32 -> bb.asIntBuffer().put((int[]) data, off, count);
          case INT16 -> {
            int[] v = (int[]) data;
            for (int i = 0; i < count; i++) {
              bb.putShort(2 * i, (short) v[off + i]);
            }
          }
          case INT8, UINT8 -> {
            int[] v = (int[]) data;
            for (int i = 0; i < count; i++) {
              bytes[i] = (byte) v[off + i];
            }
          }
          case BOOL -> {
            int[] v = (int[]) data;
            for (int i = 0; i < count; i++) {
              bytes[i] = (byte) (v[off + i] != 0 ? 1 : 0);
            }
          }
        }
        out.write(bytes, 0, count * itemSize);
      }
    }
  }

  /** The data type of {@code array} if writable, else an {@link IllegalArgumentException} naming it. */
  static NpyDtype writableDtype(INDArray array, String name) {
    NpyDtype dtype = NpyDtype.of(array.dataType());
    if (dtype == null) {
      throw new IllegalArgumentException(
          "array '" + name + "' has data type " + array.dataType() + ", which .npy writing does not"
              + " support (supported: FLOAT, DOUBLE, BYTE, UBYTE, SHORT, INT, LONG, BOOL); convert it"
              + " first, e.g. array.castTo(DataType.FLOAT)");
    }
    if (array.length() > MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "array '" + name + "' has " + array.length() + " elements; at most " + MAX_ELEMENTS
              + " fit in one .npy entry here");
    }
    return dtype;
  }

  /**
   * Copies {@code array}'s data out in C order. A view, a non-C-order array or one that shares a larger
   * buffer is first {@code dup('c')}ed, because its buffer does not hold exactly its elements in order.
   */
  static Encoded encode(INDArray array, String name) {
    NpyDtype dtype = writableDtype(array, name);
    long[] shape = array.shape();
    int length = (int) array.length();
    byte[] header = header(dtype, shape);
    if (length == 0) {
      return new Encoded(header, dtype, null, 0);
    }
    INDArray c = HostArrays.isRowMajorDense(array) ? array : array.dup('c');
    Object data =
        switch (dtype) {
          case FLOAT32 -> c.data().asFloat();
          case FLOAT64 -> c.data().asDouble();
          case INT64 -> c.data().asLong();
          default -> c.data().asInt();
        };
    if (Array.getLength(data) != length) {
      throw new IllegalStateException(
          "array '" + name + "': ND4J buffer holds " + Array.getLength(data) + " elements, expected "
              + length);
    }
    return new Encoded(header, dtype, data, length);
  }


  /** The version 1.0 preamble NumPy writes for a C-order array: magic, version, length, header. */
  static byte[] header(NpyDtype dtype, long[] shape) {
    StringBuilder d = new StringBuilder("{'descr': '");
    d.append(dtype.descr()).append("', 'fortran_order': False, 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      d.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    d.append(shape.length == 1 ? ",), }" : "), }");
    if (shape.length > 0) {
      d.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
    }
    // numpy/lib/format.py _wrap_header: pad so that magic + version + length + header + '\n' is a
    // multiple of ALIGN (a full ALIGN of spaces when it already is one).
    int preamble = MAGIC.length + 2 + 2;
    int pad = ALIGN - ((preamble + d.length() + 1) % ALIGN);
    d.append(" ".repeat(pad)).append('\n');
    byte[] text = d.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (text.length > 0xFFFF) {
      throw new IllegalArgumentException("a .npy 1.0 header of " + text.length + " bytes is too long");
    }
    ByteBuffer b = ByteBuffer.allocate(preamble + text.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return b.array();
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads one array, leaving {@code in} just after its data. The result is a fresh C-order array
   * allocated outside any ND4J workspace.
   *
   * @param file for error messages; may be null
   * @param entry for error messages; may be null
   */
  static INDArray read(InputStream in, Path file, String entry) throws IOException {
    byte[] pre = new byte[MAGIC.length + 2];
    int got = readUpTo(in, pre, pre.length);
    int magicGot = Math.min(got, MAGIC.length);
    if (!Arrays.equals(pre, 0, magicGot, MAGIC, 0, magicGot)) {
      throw new NpzFormatException(
          file, entry,
          "bad magic: expected \\x93NUMPY (a .npy array), found " + escape(pre, magicGot));
    }
    if (got < pre.length) {
      throw new NpzFormatException(
          file, entry, "truncated header: expected at least " + (pre.length + 2) + " bytes, got " + got);
    }
    int major = pre[6] & 0xFF;
    int minor = pre[7] & 0xFF;
    int lengthBytes =
        switch (major) {
          case 1 -> 2;
          case 2, 3 -> 4;
          default -> throw new NpzFormatException(
              file, entry,
              "unsupported .npy format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        };
    byte[] lenBytes = new byte[lengthBytes];
    if (readUpTo(in, lenBytes, lengthBytes) < lengthBytes) {
      throw new NpzFormatException(file, entry, "truncated header: the header length is cut off");
    }
    long headerLength = lengthBytes == 2
        ? ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFFL
        : ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    if (headerLength > MAX_HEADER_LENGTH) {
      throw new NpzFormatException(
          file, entry,
          "header length " + headerLength + " is implausible (at most " + MAX_HEADER_LENGTH + ")");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    int headerGot = readUpTo(in, headerBytes, headerBytes.length);
    if (headerGot < headerBytes.length) {
      throw new NpzFormatException(
          file, entry,
          "truncated header: expected " + headerLength + " bytes, got " + headerGot);
    }
    // Versions 1.0 and 2.0 use latin-1 headers; 3.0 allows UTF-8 (for unicode field names).
    String text =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Header header = parseHeader(text, file, entry);
    return readData(in, header, file, entry);
  }

  static Header parseHeader(String text, Path file, String entry) throws NpzFormatException {
    Object literal;
    try {
      literal = PyLiteral.parse(text);
    } catch (PyLiteral.SyntaxException e) {
      throw new NpzFormatException(
          file, entry, "malformed header " + quote(text) + ": " + e.getMessage());
    }
    if (!(literal instanceof Map<?, ?> dict)) {
      throw new NpzFormatException(file, entry, "header is not a dict: " + quote(text));
    }
    if (!dict.keySet().equals(KEYS)) {
      throw new NpzFormatException(
          file, entry,
          "header keys are " + dict.keySet() + ", expected exactly [descr, fortran_order, shape]");
    }
    Object descr = dict.get("descr");
    NpyDtype.Parsed dtype = descr instanceof String s ? NpyDtype.parse(s) : null;
    if (dtype == null) {
      String shown = descr instanceof String s ? "'" + s + "'" : "of a structured dtype " + quote(text);
      throw new NpzFormatException(
          file, entry, "unsupported dtype descr " + shown + "; supported: " + NpyDtype.SUPPORTED);
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new NpzFormatException(
          file, entry, "fortran_order is " + dict.get("fortran_order") + ", expected True or False");
    }
    long[] shape = shape(dict.get("shape"), file, entry);
    return new Header(dtype.dtype(), dtype.order(), fortran, shape);
  }

  private static long[] shape(Object value, Path file, String entry) throws NpzFormatException {
    if (!(value instanceof PyLiteral.Tuple tuple)) {
      throw new NpzFormatException(file, entry, "shape is " + value + ", expected a tuple of ints");
    }
    List<Object> items = tuple.items();
    if (items.size() > MAX_RANK) {
      throw new NpzFormatException(
          file, entry, "shape has rank " + items.size() + "; ND4J supports at most " + MAX_RANK);
    }
    long[] shape = new long[items.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(items.get(i) instanceof BigInteger dim)
          || dim.signum() < 0
          || dim.bitLength() > 62) {
        throw new NpzFormatException(
            file, entry,
            "shape " + items + " is invalid: dimension " + i + " is " + items.get(i)
                + ", expected a non-negative int");
      }
      shape[i] = dim.longValue();
    }
    return shape;
  }

  private static INDArray readData(InputStream in, Header h, Path file, String entry)
      throws IOException {
    long[] shape = h.shape();
    long n = 1;
    for (long dim : shape) {
      n = dim == 0 || n == 0 ? 0 : (n > MAX_ELEMENTS / dim ? Long.MAX_VALUE : n * dim);
    }
    if (n > MAX_ELEMENTS) {
      throw new NpzFormatException(
          file, entry,
          "shape " + Arrays.toString(shape) + " has more than " + MAX_ELEMENTS + " elements");
    }
    NpyDtype dtype = h.dtype();
    if (n == 0) {
      return create(dtype, null, shape, h.fortranOrder());
    }
    int length = (int) n;
    int itemSize = dtype.itemSize;
    long byteCount = n * itemSize;
    Object data =
        switch (dtype) {
          case FLOAT32 -> new float[length];
          case FLOAT64 -> new double[length];
          case INT8, UINT8 -> new byte[length];
          case INT16 -> new short[length];
          case INT32 -> new int[length];
          case INT64 -> new long[length];
          case BOOL -> new boolean[length];
        };
    int perChunk = CHUNK / itemSize;
    byte[] chunk = new byte[(int) Math.min(CHUNK, byteCount)];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(h.order());
    long done = 0;
    for (int off = 0; off < length; off += perChunk) {
      int count = Math.min(perChunk, length - off);
      int len = count * itemSize;
      int got;
      try {
        got = readUpTo(in, chunk, len);
      } catch (ZipException e) {
        throw new NpzFormatException(
            file, entry,
            "unreadable data after " + done + " of " + byteCount + " bytes: " + e.getMessage(), e);
      }
      if (got < len) {
        throw new NpzFormatException(
            file, entry, "truncated data: expected " + byteCount + " bytes, got " + (done + got));
      }
      switch (dtype) {
        case FLOAT32 -> bb.asFloatBuffer().get((float[]) data, off, count);
        case FLOAT64 -> bb.asDoubleBuffer().get((double[]) data, off, count);
        case INT16 -> bb.asShortBuffer().get((short[]) data, off, count);
        case INT32 -> bb.asIntBuffer().get((int[]) data, off, count);
        case INT64 -> bb.asLongBuffer().get((long[]) data, off, count);
        case INT8, UINT8 -> System.arraycopy(chunk, 0, data, off, count);
        case BOOL -> {
          boolean[] b = (boolean[]) data;
          for (int i = 0; i < count; i++) {
            b[off + i] = chunk[i] != 0;
          }
        }
      }
      done += len;
    }
    return create(dtype, data, shape, h.fortranOrder());
  }

  /**
   * Wraps the data in a new array outside any workspace, so that it outlives the caller's workspace
   * scope. Fortran-order data of shape (d0, ..., dk) is C-order data of shape (dk, ..., d0); reversing
   * the axes and {@code dup('c')} gives the C-order array.
   */
  private static INDArray create(NpyDtype dtype, Object data, long[] shape, boolean fortranOrder) {
    MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    try (detached) {
      if (data == null) {
        return Nd4j.create(dtype.dataType, shape);
      }
      boolean permute = fortranOrder && shape.length > 1;
      long[] s = permute ? reversed(shape) : shape;
      DataType t = dtype.dataType;
      INDArray a =
          switch (dtype) {
            case FLOAT32 -> Nd4j.create((float[]) data, s, t);
            case FLOAT64 -> Nd4j.create((double[]) data, s, t);
            case INT8, UINT8 -> Nd4j.create((byte[]) data, s, t);
            case INT16 -> Nd4j.create((short[]) data, s, t);
            case INT32 -> Nd4j.create((int[]) data, s, t);
            case INT64 -> Nd4j.create((long[]) data, s, t);
            case BOOL -> Nd4j.create((boolean[]) data, s, t);
          };
      if (permute) {
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
          axes[i] = axes.length - 1 - i;
        }
        a = a.permute(axes).dup('c');
      }
      return a;
    }
  }

  private static long[] reversed(long[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[a.length - 1 - i];
    }
    return r;
  }

  /** Reads until {@code len} bytes or the end; an {@link EOFException} (inflater) also ends it. */
  private static int readUpTo(InputStream in, byte[] b, int len) throws IOException {
    int got = 0;
    try {
      while (got < len) {
        int r = in.read(b, got, len - got);
        if (r < 0) {
          break;
        }
        got += r;
      }
    } catch (EOFException e) {
      // "Unexpected end of ZLIB input stream": a truncated DEFLATE entry; report it as short data.
    }
    return got;
  }

  /** Bytes as Python would show them: printable ASCII as is, the rest as \xNN. */
  static String escape(byte[] b, int len) {
    if (len == 0) {
      return "nothing (empty input)";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }

  private static String quote(String headerText) {
    String t = headerText.strip();
    return "\"" + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + "\"";
  }
}
