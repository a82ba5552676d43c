package dev.tnet.runtime.io;

import static dev.tnet.runtime.io.Fixtures.npy;
import static dev.tnet.runtime.io.Fixtures.npyDict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a .npy file can be malformed gives a TensorFileException saying what is wrong. */
class NpyErrorsTest {
  private static final byte[] F4_2X3 = Fixtures.resource("f4_2x3.npy");
  private static final byte[] DATA_24 = new byte[24];

  private static TensorFileException fail(byte[] bytes) {
    return assertThrows(TensorFileException.class, () -> Npy.read("bad.npy", bytes));
  }

  private static byte[] header(String dict) {
    return npy(dict, DATA_24);
  }

  /** A version 1.0 file whose header says {@code length} but holds {@code actual} header bytes. */
  private static byte[] lyingLength(int length, int actual) {
    return ByteBuffer.allocate(10 + actual).order(ByteOrder.LITTLE_ENDIAN)
        .put(Arrays.copyOf(F4_2X3, 8)).putShort((short) length).array();
  }

  static Stream<Arguments> malformed() {
    byte[] v4 = F4_2X3.clone();
    v4[6] = 4;
    byte[] v11 = F4_2X3.clone();
    v11[7] = 1;
    byte[] hugeV2Header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(-1).array();
    byte[] bool = npy(npyDict("|b1", "(3,)"), new byte[] {1, 2, 0});
    String utf8Header = "{'descr': '<f4', 'fortran_order': False, 'shape': (), } \u00ff";
    byte[] badUtf8 = npy(3, 0, utf8Header, new byte[4]);
    badUtf8[12 + utf8Header.getBytes(StandardCharsets.UTF_8).length - 1] = 0x28; // C3 28: not UTF-8
    return Stream.of(
        Arguments.of("empty file", new byte[0], "file is empty, not a .npy file"),
        Arguments.of("zip magic", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0},
            "not a .npy file: it starts with bytes [50 4b 03 04 00 00], not the .npy magic [93 4e 55 4d 50 59] (\\x93NUMPY)"),
        Arguments.of("short bad magic", new byte[] {(byte) 0x93, 'N'}, "not a .npy file: it starts with bytes [93 4e]"),
        Arguments.of("magic only", Arrays.copyOf(F4_2X3, 6), "file is only 6 bytes, too short for a .npy header"),
        Arguments.of("no header length", Arrays.copyOf(F4_2X3, 9), "file is only 9 bytes, too short for a .npy header"),
        Arguments.of("version 4.0", v4, "unsupported .npy format version 4.0; tnet reads versions 1.0, 2.0 and 3.0"),
        Arguments.of("version 1.1", v11, "unsupported .npy format version 1.1"),
        Arguments.of("header past end", lyingLength(200, 50), "header length 200 runs past the end of the file (60 bytes)"),
        Arguments.of("huge header", hugeV2Header, "header length 4294967295 is more than 10000 bytes"),
        Arguments.of("not a dict", header("[1, 2]"), "header is not a Python dict: \"[1, 2]\""),
        Arguments.of("missing brace", header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)"),
            "header is not a valid Python dict literal: expected ',' or '}' but found the end of the header at header character 56"),
        Arguments.of("bare word", header("{'descr': <f4}"), "expected a value but found '<'"),
        Arguments.of("unterminated string", header("{'descr': '<f4}"), "unterminated string"),
        Arguments.of("lower-case false", header("{'descr': '<f4', 'fortran_order': false, 'shape': (2, 3)}"),
            "unexpected name 'false' (only True, False and None are allowed)"),
        Arguments.of("duplicate key", header("{'descr': '<f4', 'descr': '<f4'}"), "duplicate key 'descr'"),
        Arguments.of("non-string key", header("{1: 2}"), "dict keys must be strings"),
        Arguments.of("escape", header("{'descr': '\\x3cf4'}"), "unsupported escape in string"),
        Arguments.of("too deep", header("(".repeat(30) + ")".repeat(30)), "nesting deeper than 16 levels"),
        Arguments.of("huge integer", header(npyDict("<f4", "(99999999999999999999,)")), "integer 99999999999999999999 is too large"),
        Arguments.of("trailing text", header(npyDict("<f4", "(2, 3)") + "x"), "unexpected 'x' after the header dict"),
        Arguments.of("missing key", header("{'descr': '<f4', 'shape': (2, 3)}"),
            "header must have exactly the keys 'descr', 'fortran_order' and 'shape', but has ['descr', 'shape']"),
        Arguments.of("extra key", header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}"),
            "but has ['descr', 'fortran_order', 'shape', 'x']"),
        Arguments.of("complex descr", header(npyDict("<c8", "(3,)")), "unsupported descr '<c8'; tnet reads <f4, <f8"),
        Arguments.of("object descr", header(npyDict("|O", "(3,)")), "unsupported descr '|O'"),
        Arguments.of("string descr", header(npyDict("<U5", "(3,)")), "unsupported descr '<U5'"),
        Arguments.of("no byte order for f4", header(npyDict("|f4", "(6,)")), "unsupported descr '|f4'"),
        Arguments.of("native byte order", header(npyDict("=f4", "(6,)")), "unsupported descr '=f4'"),
        Arguments.of("structured", header("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6,)}"),
            "descr [('a', '<f4')] is not supported (structured dtypes are not)"),
        Arguments.of("fortran", Fixtures.resource("fortran_f4_2x3.npy"),
            "the array is stored in Fortran (column-major) order, which tnet does not read; save a C-ordered array"
                + " instead, e.g. np.save(path, np.ascontiguousarray(a))"),
        Arguments.of("fortran_order not bool", header("{'descr': '<f4', 'fortran_order': 1, 'shape': (6,)}"),
            "fortran_order must be True or False, got 1"),
        Arguments.of("shape list", header(npyDict("<f4", "[2, 3]")), "shape must be a tuple of integers, got [2, 3]"),
        Arguments.of("shape int", header(npyDict("<f4", "(6)")), "shape must be a tuple of integers, got 6"),
        Arguments.of("shape None", header(npyDict("<f4", "None")), "shape must be a tuple of integers, got None"),
        Arguments.of("negative size", header(npyDict("<f4", "(2, -3)")), "shape (2, -3) must hold non-negative integers"),
        Arguments.of("string size", header(npyDict("<f4", "('2',)")), "shape ('2',) must hold non-negative integers"),
        Arguments.of("size beyond int", header(npyDict("<f4", "(4294967296,)")), "has a size out of range: 4294967296"),
        Arguments.of("element count overflow", header(npyDict("<f4", "(100000, 100000, 100000)")),
            "shape [100000, 100000, 100000] has more than 2147483639 elements"),
        Arguments.of("rank 17", header(npyDict("<f4", "(" + "1, ".repeat(17) + ")")), "has rank 17, more than the supported 16"),
        Arguments.of("truncated data", Arrays.copyOf(F4_2X3, F4_2X3.length - 4),
            "truncated: a <f4 array of shape (2, 3) needs 24 data bytes, but the file has only 20 after the header"),
        Arguments.of("lying shape", header(npyDict("<f4", "(40000, 40000)")),
            "truncated: a <f4 array of shape (40000, 40000) needs 6400000000 data bytes, but the file has only 24"),
        Arguments.of("trailing bytes", Arrays.copyOf(F4_2X3, F4_2X3.length + 4),
            "4 unexpected bytes after the data of a <f4 array of shape (2, 3) (24 bytes); a .npy file holds exactly one array"),
        Arguments.of("bool byte 2", bool, "array data: element 1 is a boolean stored as byte 2; only 0 and 1 are valid"),
        Arguments.of("v3 header not UTF-8", badUtf8, "version 3.0 header is not valid UTF-8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedWithAPreciseMessage(String caseName, byte[] bytes, String expected) {
    Refusals.assertPrecise(fail(bytes), "bad.npy", expected);
  }

  @Test
  void theWholeMessageForTruncatedData() {
    assertEquals("bad.npy: truncated: a <f4 array of shape (2, 3) needs 24 data bytes, but the file has only 23 after"
        + " the header", fail(Arrays.copyOf(F4_2X3, F4_2X3.length - 1)).getMessage());
  }

  @Test
  void theWholeMessageForAnUnknownDescr() {
    assertEquals("bad.npy: unsupported descr '<c8'; tnet reads <f4, <f8, <f2, <i8, <i4 (or '>' for big-endian), |u1"
        + " and |b1", fail(header(npyDict("<c8", "(3,)"))).getMessage());
  }
}
