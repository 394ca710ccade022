package org.rnn4j.io;

import java.nio.ByteBuffer;

/** Element types the readers accept; every one is decoded to float32. */
enum Dtype {
  F32(4), F64(8), F16(2), BF16(2), I32(4), I64(8), U8(1), BOOL(1);

  final int size;

  Dtype(int size) {
    this.size = size;
  }

  /** Decodes {@code n} little-endian elements from {@code src} into {@code dst[off..off+n)}. */
  void decode(ByteBuffer src, float[] dst, int off, int n) {
    switch (this) {
      case F32 -> src.asFloatBuffer().get(dst, off, n);
      case F64 -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = (float) src.getDouble(src.position() + 8 * i);
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = halfToFloat(src.getShort(src.position() + 2 * i));
        }
      }
      // bfloat16 is the upper half of a float32.
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = Float.intBitsToFloat(src.getShort(src.position() + 2 * i) << 16);
        }
      }
      case I32 -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = src.getInt(src.position() + 4 * i);
        }
      }
      case I64 -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = src.getLong(src.position() + 8 * i);
        }
      }
      case U8 -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = src.get(src.position() + i) & 0xff;
        }
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          dst[off + i] = src.get(src.position() + i) != 0 ? 1f : 0f;
        }
      }
    }
    src.position(src.position() + n * size);
  }

  /** IEEE 754 binary16 to float32 (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf or NaN
    }
    if (exp == 0) {
      // zero or subnormal: mant * 2^-24, exact in float32
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
