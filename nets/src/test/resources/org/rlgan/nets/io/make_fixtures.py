"""Generates the NumPy fixtures that NpzTest reads. Run by hand, not by the build:

    cd nets/src/test/resources/org/rlgan/nets/io && python3 make_fixtures.py

Made with NumPy 2.4.6 (Python 3.11). The expected values are hard-coded in NpzTest.java;
change both together. The files are committed so the tests never need Python.

  savez.npz             np.savez            (ZIP_STORED, ZIP64 local headers, as NumPy always forces)
  savez_compressed.npz  np.savez_compressed (ZIP_DEFLATED)
  savez_streamed.npz    np.savez into a non-seekable stream (STORED entries with data descriptors)
"""
import io

import numpy as np


def arrays():
    # Insertion order is the entry order; NpzTest checks it.
    return {
        # float32 with the specials: -0.0, infinities, NaN, and 0.1 (inexact in binary).
        "f32": np.array([[1.5, -2.25, 0.1], [-0.0, np.inf, -np.inf]], dtype="<f4"),
        "f32_nan": np.array([np.nan, 1.0], dtype="<f4"),
        # Big-endian float64.
        "f64_be": np.array([0.1, -1e300, 2.5, np.pi], dtype=">f8"),
        # int64 beyond 32 bits.
        "i64": np.array([[-(2**62), 1], [2**40 + 3, -7]], dtype="<i8"),
        "i64_be": np.array([2**33 + 5, -2], dtype=">i8"),
        # Fortran order, 3-D: element [i, j, k] = 100 i + 10 j + k.
        "fortran": np.asfortranarray(
            np.fromfunction(lambda i, j, k: 100 * i + 10 * j + k, (2, 3, 4), dtype=np.float64)),
        # Fortran order, 2-D, big-endian int32: [[1, 2, 3], [4, 5, 6]].
        "fortran_i32_be": np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype=">i4")),
        # Rank-0 scalars.
        "scalar_f32": np.array(3.25, dtype="<f4"),
        "scalar_i64": np.array(-42, dtype="<i8"),
        # 1-D int32 with the extremes.
        "vec_i32": np.array([1, -2, 3, 2**31 - 1, -(2**31)], dtype="<i4"),
        "flags": np.array([[True, False, True], [False, False, True]]),
        "i8": np.array([-128, 0, 127], dtype="|i1"),
        "u8": np.array([0, 128, 255], dtype="|u1"),
        "i16": np.array([-32768, 7, 32767], dtype="<i2"),
        "empty": np.zeros((0, 3), dtype="<f4"),
        # Rank 14: with NumPy's spare room for growing the first axis (21 - 1 spaces), the preamble
        # before the padding is exactly 128 bytes, so NumPy pads a full 64 more; one space fewer and
        # it would pad 1. Byte-identical output needs both rules reproduced exactly.
        "deep": np.arange(246, dtype="<f4").reshape((2,) + (1,) * 12 + (123,)),
    }


class NonSeekable(io.RawIOBase):
    """A write-only stream without tell/seek, so zipfile writes data descriptors."""

    def __init__(self, sink):
        self.sink = sink

    def writable(self):
        return True

    def write(self, b):
        return self.sink.write(b)


if __name__ == "__main__":
    np.savez("savez.npz", **arrays())
    np.savez_compressed("savez_compressed.npz", **arrays())
    with open("savez_streamed.npz", "wb") as f:
        np.savez(NonSeekable(f), **arrays())
    for name in ("savez.npz", "savez_compressed.npz", "savez_streamed.npz"):
        with np.load(name) as z:
            for key, expected in arrays().items():
                np.testing.assert_array_equal(z[key], expected)
                assert z[key].dtype == expected.dtype, (name, key)
            assert list(z.keys()) == list(arrays().keys())
    print("numpy", np.__version__, "- fixtures written and re-read")
