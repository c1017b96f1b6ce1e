package org.rlgan.nets.io;

import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The NumPy dtypes that map one-to-one onto ND4J data types. The {@code .npy} header names one as a
 * {@code descr} string: byte order ({@code <} little, {@code >} big, {@code |} not applicable,
 * {@code =} native), kind ({@code f} float, {@code i} signed, {@code u} unsigned, {@code b} bool) and
 * item size in bytes, e.g. {@code '<f4'}.
 */
enum NpyDtype {
  FLOAT32('f', 4, DataType.FLOAT),
  FLOAT64('f', 8, DataType.DOUBLE),
  INT8('i', 1, DataType.INT8),
  UINT8('u', 1, DataType.UINT8),
  INT16('i', 2, DataType.INT16),
  INT32('i', 4, DataType.INT32),
  INT64('i', 8, DataType.INT64),
  BOOL('b', 1, DataType.BOOL);

  /** For error messages: what {@link #parse} accepts. */
  static final String SUPPORTED = "'<f4', '<f8', '|i1', '|u1', '<i2', '<i4', '<i8', '|b1' (either byte order)";

  final char kind;
  final int itemSize;
  final DataType dataType;

  NpyDtype(char kind, int itemSize, DataType dataType) {
    this.kind = kind;
    this.itemSize = itemSize;
    this.dataType = dataType;
  }

  /** The descr this library writes: little-endian, or {@code |} for one-byte types (as NumPy does). */
  String descr() {
    return (itemSize == 1 ? "|" : "<") + kind + itemSize;
  }

  /** The dtype for an ND4J data type, or null when {@code .npy} support for it is missing. */
  static NpyDtype of(DataType dataType) {
    for (NpyDtype d : values()) {
      if (d.dataType == dataType) {
        return d;
      }
    }
    return null;
  }

  /** A parsed descr: the dtype and the byte order of the data. */
  record Parsed(NpyDtype dtype, ByteOrder order) {}

  /** Parses a descr such as {@code '<f4'}; null when it is not one of the supported dtypes. */
  static Parsed parse(String descr) {
    if (descr.length() < 3) {
      return null;
    }
    char orderChar = descr.charAt(0);
    char kind = descr.charAt(1);
    int size;
    try {
      size = Integer.parseInt(descr.substring(2));
    } catch (NumberFormatException e) {
      return null;
    }
    for (NpyDtype d : values()) {
      if (d.kind != kind || d.itemSize != size) {
        continue;
      }
      ByteOrder order =
          switch (orderChar) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            // NumPy writes '|' for one-byte types only; '=' (native) never appears in files it
            // writes, but np.load reads it as the reader's order, and so do we.
            case '|' -> size == 1 ? ByteOrder.LITTLE_ENDIAN : null;
            case '=' -> ByteOrder.nativeOrder();
            default -> null;
          };
      return order == null ? null : new Parsed(d, order);
    }
    return null;
  }
}
