package org.rlgan.nets.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy {@code .npz} archives and {@code .npy} arrays: parameter files that {@code np.load} reads and
 * that this class reads back from {@code np.savez} and {@code np.savez_compressed}.
 *
 * <p><b>Format.</b> An {@code .npz} is a ZIP archive holding one entry {@code <key>.npy} per array. Each
 * entry is a {@code .npy} image (NEP 1): the magic {@code \x93NUMPY}, version bytes, a little-endian
 * header length, a header dict such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}
 * padded with spaces and a newline so the data starts at a multiple of 64 bytes, then the raw elements.
 * Rank-0 arrays have shape {@code ()}, rank-1 arrays {@code (n,)}.
 *
 * <p><b>Data types.</b> float32 {@code <f4}, float64 {@code <f8}, int8 {@code |i1}, uint8 {@code |u1},
 * int16 {@code <i2}, int32 {@code <i4}, int64 {@code <i8} and bool {@code |b1}, which are ND4J's FLOAT,
 * DOUBLE, BYTE, UBYTE, SHORT, INT, LONG and BOOL. Reading accepts either byte order ({@code <},
 * {@code >}, {@code |} for one-byte types) and {@code fortran_order} True or False, and {@code .npy}
 * versions 1.0, 2.0 and 3.0. Writing emits little-endian C-order version 1.0 entries byte-identical to
 * NumPy 2.x's for the same array. Other dtypes (float16, complex, strings, structured, object) are
 * rejected with the offending {@code descr} named.
 *
 * <p><b>Copy semantics.</b> Writing copies the arrays' logical contents out (a view or an 'f'-order array
 * is written as its C-order elements, exactly as {@code arr.dup('c')} would hold them); the arrays are
 * not modified or retained. Reading returns new, C-order, dense arrays that own their memory, allocated
 * outside any ND4J workspace so they survive the caller's workspace scope; nothing refers back to the
 * file.
 *
 * <p><b>Errors.</b> A malformed or unsupported input is an {@link NpzFormatException} naming the file,
 * the entry and the problem; other I/O failures are plain {@link IOException}s; bad arguments to the
 * writers are {@link IllegalArgumentException}s.
 *
 * <p>Arrays are limited to 2<sup>31</sup> - 9 elements each, because the data passes through Java
 * arrays ({@code float[]} etc.) on its way in and out of ND4J. Files must be on the default file system.
 */
public final class Npz {
  /** The DOS epoch: fixed entry times make the same arrays produce the same bytes on every run. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private static final int BUFFER = 1 << 16;

  private Npz() {}

  /**
   * Writes an uncompressed archive (ZIP STORED entries, like {@code np.savez}), atomically.
   *
   * <p>Entries appear in {@code arrays}' iteration order, which {@link #read} preserves: pass a
   * {@link LinkedHashMap} (or another ordered map) for a stable layout. Each key {@code k} becomes the
   * entry {@code k.npy}, which {@code np.load(file)[k]} returns.
   *
   * <p>The archive is written to a temporary file beside {@code file}, flushed to the disk, then moved
   * over {@code file} in one atomic rename (falling back to a replacing move where the file system has no
   * atomic one). A crash or an exception leaves either the old file or the complete new one, never a
   * partial file, and removes the temporary file. The replacement is a new file: it gets default
   * permissions, not those of the file it replaces, and a symbolic link at {@code file} is replaced, not
   * followed.
   *
   * @param file the {@code .npz} to create or replace; its directory must exist
   * @param arrays key to array, in the order to write; keys non-empty, arrays of a supported data type
   * @throws IllegalArgumentException if a key is empty or an array's data type is unsupported (checked
   *     before anything is written)
   * @throws NoSuchFileException if {@code file}'s directory does not exist
   * @throws IOException if writing or moving fails; {@code file} is then as it was
   */
  public static void write(Path file, Map<String, ? extends INDArray> arrays) throws IOException {
    write(file, arrays, false);
  }

  /**
   * As {@link #write}, with DEFLATE-compressed entries, like {@code np.savez_compressed}. Smaller for
   * sparse or low-entropy data, slower to write and read; float parameters rarely shrink much.
   */
  public static void writeCompressed(Path file, Map<String, ? extends INDArray> arrays)
      throws IOException {
    write(file, arrays, true);
  }

  private static void write(Path file, Map<String, ? extends INDArray> arrays, boolean compress)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(arrays, "arrays");
    // Validate everything up front: a caller's mistake must not even create the temporary file.
    for (Map.Entry<String, ? extends INDArray> e : arrays.entrySet()) {
      String key = e.getKey();
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("an .npz key must be a non-empty string, got " + quoteKey(key));
      }
      if (key.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an .npz key must not contain NUL: " + quoteKey(key));
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("array '" + key + "' is null");
      }
      NpyFormat.writableDtype(e.getValue(), key);
    }

    AtomicFile.write(file, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, ? extends INDArray> e : arrays.entrySet()) {
        writeEntry(zip, e.getKey(), e.getValue(), compress);
      }
      zip.finish(); // not close(): AtomicFile owns the stream
    });
  }

  private static void writeEntry(ZipOutputStream zip, String key, INDArray array, boolean compress)
      throws IOException {
    NpyFormat.Encoded npy = NpyFormat.encode(array, key);
    ZipEntry entry = new ZipEntry(key + ".npy");
    entry.setTimeLocal(ENTRY_TIME);
    if (compress) {
      entry.setMethod(ZipEntry.DEFLATED);
    } else {
      // STORED entries need their size and CRC in the local header: one pass over the data to get them.
      CRC32 crc = new CRC32();
      npy.writeTo(new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(npy.size());
      entry.setCompressedSize(npy.size());
      entry.setCrc(crc.getValue());
    }
    zip.putNextEntry(entry);
    npy.writeTo(zip);
    zip.closeEntry();
  }

  /**
   * Reads every array of an {@code .npz} archive, as written by {@link #write}, {@code np.savez} or
   * {@code np.savez_compressed} (STORED or DEFLATED entries, ZIP64 or not).
   *
   * <p>Keys are the entry names without {@code .npy}, in the archive's order. Each entry's CRC-32 is
   * checked. Fortran-order data is converted to C order; big-endian data to ND4J's order.
   *
   * @return key to a new C-order array that owns its memory, in entry order
   * @throws NpzFormatException if the file is not a readable ZIP archive (e.g. truncated: the entry that
   *     breaks is named where one can be found), an entry is not a {@code .npy}, its magic, version or
   *     header is bad, its dtype unsupported, its data shorter than its shape needs, or its CRC wrong
   * @throws IOException if the file cannot be read at all (e.g. it does not exist)
   */
  public static LinkedHashMap<String, INDArray> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw diagnose(file, e);
    }
    try (zip) {
      LinkedHashMap<String, INDArray> arrays = new LinkedHashMap<>();
      Enumeration<? extends ZipEntry> entries = zip.entries(); // central directory order
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".npy") || entry.isDirectory()) {
          throw new NpzFormatException(
              file, name, "not a .npy array entry (an .npz holds only <key>.npy entries)");
        }
        String key = name.substring(0, name.length() - ".npy".length());
        if (arrays.containsKey(key)) {
          throw new NpzFormatException(file, name, "duplicate entry");
        }
        arrays.put(key, readEntry(zip, entry, file));
      }
      return arrays;
    }
  }

  private static INDArray readEntry(ZipFile zip, ZipEntry entry, Path file) throws IOException {
    String name = entry.getName();
    CRC32 crc = new CRC32();
    try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
      INDArray array = NpyFormat.read(in, file, name);
      in.transferTo(OutputStream.nullOutputStream()); // np.load ignores trailing bytes; the CRC does not
      if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
        throw new NpzFormatException(
            file, name,
            String.format(
                "CRC-32 mismatch, the data is corrupt: the archive says %08x, the data gives %08x",
                entry.getCrc(), crc.getValue()));
      }
      return array;
    } catch (ZipException e) {
      throw new NpzFormatException(file, name, "corrupt ZIP data: " + e.getMessage(), e);
    }
  }

  /**
   * The central directory at the end of the archive is unreadable, most often because the file was cut
   * short. Walks the entries from the front to name the first one that breaks.
   */
  private static NpzFormatException diagnose(Path file, ZipException cause) {
    String last = null; // the last entry begun
    boolean inEntry = false; // whether `last` is still being read
    int complete = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      raw.mark(NpyFormat.MAGIC.length);
      byte[] start = raw.readNBytes(NpyFormat.MAGIC.length);
      raw.reset();
      if (Arrays.equals(start, NpyFormat.MAGIC)) {
        return new NpzFormatException(
            file, null, "this is a single .npy array, not an .npz archive; read it with Npz.readNpy",
            cause);
      }
      ZipInputStream zin = new ZipInputStream(raw);
      ZipEntry entry;
      while ((entry = zin.getNextEntry()) != null) {
        last = entry.getName();
        inEntry = true;
        NpyFormat.read(zin, file, last);
        inEntry = false;
        complete++;
      }
    } catch (NpzFormatException e) {
      e.addSuppressed(cause);
      return e;
    } catch (IOException e) {
      if (inEntry) {
        return new NpzFormatException(
            file, last,
            "truncated or corrupt ZIP data: " + why(e) + " (" + cause.getMessage() + ")", cause);
      }
      String after = last == null ? "" : " after entry '" + last + "'";
      return new NpzFormatException(
          file, null,
          "corrupt ZIP archive, probably truncated (" + cause.getMessage() + "); reading its entries"
              + " from the front fails" + after + " too: " + why(e),
          cause);
    }
    String problem =
        complete == 0
            ? "not a ZIP (.npz) archive: " + cause.getMessage()
            : "corrupt ZIP archive, probably truncated: the first " + complete + " entries (up to '" + last
                + "') read fine, then the archive ends (" + cause.getMessage() + ")";
    return new NpzFormatException(file, null, problem, cause);
  }

  /**
   * Writes one array as a {@code .npy} image (the format of {@code np.save}): little-endian, C order,
   * version 1.0. The array's contents are copied out; {@code out} is neither flushed nor closed.
   *
   * @throws IllegalArgumentException if the array's data type is unsupported
   */
  public static void writeNpy(OutputStream out, INDArray array) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(array, "array");
    NpyFormat.encode(array, "array").writeTo(out);
  }

  /**
   * Reads one {@code .npy} image (as {@code np.save} writes) and leaves {@code in} just after its data,
   * so several can be read from one stream. Accepts what {@link #read} accepts per entry.
   *
   * @return a new C-order array that owns its memory
   * @throws NpzFormatException if the stream does not hold a supported, complete {@code .npy} image; the
   *     message has no file or entry name, since a stream has none
   */
  public static INDArray readNpy(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in");
    return NpyFormat.read(in, null, null);
  }

  private static String why(IOException e) {
    if (e instanceof EOFException) {
      return "unexpected end of file" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String quoteKey(String key) {
    return key == null ? "null" : "'" + key + "'";
  }
}
