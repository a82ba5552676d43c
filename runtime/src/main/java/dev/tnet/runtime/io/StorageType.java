package dev.tnet.runtime.io;

import dev.tnet.runtime.DType;

/**
 * An element type as stored in a file, and the {@link DType} it is read as. Floating types and
 * 8-bit types become F32, integer types I64. Conversions: F16 and BF16 are exact (every value,
 * including subnormals, infinities and NaN, is representable as a float); F64 rounds to the
 * nearest float (overflowing to infinity); I32 widens exactly; U8 gives 0..255; BOOL gives 0 or 1.
 */
enum StorageType {
  F16(2, DType.F32),
  BF16(2, DType.F32),
  F32(4, DType.F32),
  F64(8, DType.F32),
  I32(4, DType.I64),
  I64(8, DType.I64),
  U8(1, DType.F32),
  BOOL(1, DType.F32);

  /** Bytes per element in the file. */
  final int byteSize;
  /** The tensor element type this is read as. */
  final DType target;

  StorageType(int byteSize, DType target) {
    this.byteSize = byteSize;
    this.target = target;
  }

  /** The type a tensor is written as (tnet writes elements unconverted). */
  static StorageType of(DType dtype) {
    return switch (dtype) {
      case F32 -> F32;
      case I64 -> I64;
    };
  }

  /** IEEE 754 binary16 bits to float, exactly. */
  static float f16ToFloat(short bits) {
    return Float.float16ToFloat(bits);
  }

  /** bfloat16 bits to float, exactly: a bfloat16 is the high half of a float's bits. */
  static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }
}
