package dev.tnet.runtime.io;

import static dev.tnet.runtime.io.Fixtures.safetensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a safetensors file can be malformed gives a TensorFileException saying what is wrong. */
class SafetensorsErrorsTest {
  private static final byte[] WRITTEN = Fixtures.resource("written.safetensors");

  private static TensorFileException fail(byte[] bytes) {
    return assertThrows(TensorFileException.class, () -> Safetensors.readContents("bad.safetensors", bytes));
  }

  /** A header of one tensor {@code w} with the given JSON fields. */
  private static byte[] one(String fields, int dataBytes) {
    return safetensors("{\"w\":{" + fields + "}}", dataBytes);
  }

  private static byte[] f32(String shape, String offsets, int dataBytes) {
    return one("\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":" + offsets, dataBytes);
  }

  private static byte[] two(String a, String b, int dataBytes) {
    return safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + a + "},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + b + "}}", dataBytes);
  }

  private static byte[] lengthField(long n, int fileBytes) {
    return ByteBuffer.allocate(fileBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
  }

  private static byte[] rawHeader(int... header) {
    ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
    for (int c : header) b.put((byte) c);
    return b.array();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty file", new byte[0], "file is only 0 bytes, too short for the 8-byte header length"),
        Arguments.of("5 bytes", new byte[5], "file is only 5 bytes"),
        Arguments.of("header longer than file", lengthField(1000, 10),
            "header length 1000 runs past the end of the file (10 bytes); the file is truncated or not a safetensors file"),
        Arguments.of("header just below limit", lengthField(99_999_999, 16), "header length 99999999 runs past the end"),
        Arguments.of("header 2^60", lengthField(1L << 60, 16),
            "header length 1152921504606846976 is more than the 100000000-byte limit; the file is corrupt or not a safetensors file"),
        Arguments.of("header 2^64-1", lengthField(-1, 16), "header length 18446744073709551615 is more than the 100000000-byte limit"),
        Arguments.of("header limit+1", lengthField(100_000_001, 16), "header length 100000001 is more than"),
        Arguments.of("not UTF-8", rawHeader('{', '"', 0xFF, '"', ':', '{', '}', '}'), "header is not valid UTF-8"),
        Arguments.of("invalid JSON", safetensors("{\"a\": }", 0),
            "header is not valid JSON: expected a JSON value but found '}' at line 1, column 7 (offset 6)"),
        Arguments.of("trailing garbage", safetensors("{} x", 0), "header is not valid JSON: unexpected 'x' after the JSON value"),
        Arguments.of("duplicate tensor", safetensors("{\"w\":{},\"w\":{}}", 0), "header is not valid JSON: duplicate key \"w\""),
        Arguments.of("array header", safetensors("[]", 0), "header is an array, not a JSON object"),
        Arguments.of("string header", safetensors("\"x\"", 0), "header is a string, not a JSON object"),
        Arguments.of("null header", safetensors("null", 0), "header is null, not a JSON object"),
        Arguments.of("number header", safetensors("8", 0), "header is a number, not a JSON object"),
        Arguments.of("entry not object", safetensors("{\"w\":[1]}", 0),
            "tensor 'w' must be an object with dtype, shape and data_offsets, but is an array"),
        Arguments.of("no dtype", one("\"shape\":[],\"data_offsets\":[0,4]", 4), "tensor 'w' has no \"dtype\""),
        Arguments.of("no shape", one("\"dtype\":\"F32\",\"data_offsets\":[0,4]", 4), "tensor 'w' has no \"shape\""),
        Arguments.of("no offsets", one("\"dtype\":\"F32\",\"shape\":[]", 4), "tensor 'w' has no \"data_offsets\""),
        Arguments.of("unknown field", one("\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"offsets\":1", 4),
            "tensor 'w' has an unknown field \"offsets\""),
        Arguments.of("unknown dtype", one("\"dtype\":\"F128\",\"shape\":[],\"data_offsets\":[0,4]", 4),
            "tensor 'w' has unsupported dtype \"F128\"; tnet reads F32, F16, BF16, F64, I64, I32, U8 and BOOL"),
        Arguments.of("unsupported dtype", one("\"dtype\":\"I16\",\"shape\":[],\"data_offsets\":[0,2]", 2), "unsupported dtype \"I16\""),
        Arguments.of("lower-case dtype", one("\"dtype\":\"f32\",\"shape\":[],\"data_offsets\":[0,4]", 4), "unsupported dtype \"f32\""),
        Arguments.of("numeric dtype", one("\"dtype\":4,\"shape\":[],\"data_offsets\":[0,4]", 4), "unsupported dtype 4;"),
        Arguments.of("shape not array", f32("2", "[0,8]", 8), "tensor 'w' has shape 2, expected an array of non-negative integers"),
        Arguments.of("negative size", f32("[2,-1]", "[0,8]", 8), "tensor 'w' has shape [2,-1], expected an array of non-negative integers"),
        Arguments.of("fractional size", f32("[2.5]", "[0,8]", 8), "has shape [2.5], expected"),
        Arguments.of("string size", f32("[\"2\"]", "[0,8]", 8), "has shape [\"2\"], expected"),
        Arguments.of("huge size", f32("[1e30]", "[0,8]", 8), "has shape [1.0E30], expected"),
        Arguments.of("size beyond long", f32("[99999999999999999999]", "[0,8]", 8), "has shape [1.0E20], expected"),
        Arguments.of("size beyond int", f32("[1099511627776,1099511627776]", "[0,8]", 8),
            "tensor 'w': shape [1099511627776, 1099511627776] has a size out of range: 1099511627776"),
        Arguments.of("element count overflow", f32("[100000,100000,100000]", "[0,8]", 8),
            "tensor 'w': shape [100000, 100000, 100000] has more than 2147483639 elements"),
        Arguments.of("rank 17", f32("[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", "[0,4]", 4), "tensor 'w': shape [1, 1, 1"),
        Arguments.of("one offset", f32("[2]", "[0]", 8), "tensor 'w' has data_offsets [0], expected an array of 2 non-negative integers"),
        Arguments.of("three offsets", f32("[2]", "[0,4,8]", 8), "has data_offsets [0,4,8], expected an array of 2"),
        Arguments.of("negative offset", f32("[2]", "[-8,0]", 8), "has data_offsets [-8,0], expected"),
        Arguments.of("begin after end", f32("[0]", "[8,4]", 8), "tensor 'w' has data_offsets [8, 4], whose begin is after its end"),
        Arguments.of("wrong byte count", f32("[5,5]", "[0,96]", 96),
            "tensor 'w' has data_offsets [0, 96] (96 bytes) but F32[5, 5] needs 100 bytes (25 elements of 4 bytes)"),
        Arguments.of("past the end", f32("[2]", "[100,108]", 8),
            "tensor 'w' has data_offsets [100, 108] but the data after the header is only 8 bytes long; the file is"
                + " truncated or the offsets are wrong"),
        Arguments.of("truncated", Arrays.copyOf(WRITTEN, WRITTEN.length - 1),
            "tensor 'd.scalar' has data_offsets [68, 72] but the data after the header is only 71 bytes long"),
        Arguments.of("overlap", two("[0,8]", "[4,12]", 12),
            "tensor 'b' (data_offsets [4, 12]) overlaps tensor 'a' (data_offsets [0, 8])"),
        Arguments.of("same range", two("[0,8]", "[0,8]", 16), "overlaps tensor"),
        Arguments.of("gap", two("[0,8]", "[12,20]", 20),
            "the data has 4 unused bytes after tensor 'a' (which ends at 8), before tensor 'b' (which begins at 12)"),
        Arguments.of("gap at start", f32("[2]", "[4,12]", 12),
            "the data has 4 unused bytes at its start, before tensor 'w' (which begins at 4)"),
        Arguments.of("trailing bytes", Arrays.copyOf(WRITTEN, WRITTEN.length + 3),
            "the data after the header is 75 bytes long, but the tensors end at byte 72; 3 bytes at the end belong to no tensor"),
        Arguments.of("no tensors but data", safetensors("{}", 1), "the data after the header is 1 bytes long, but the tensors end at byte 0"),
        Arguments.of("empty tensor inside another", safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}", 8), "tensor 'e' (data_offsets [4, 4]) overlaps tensor 'a'"),
        Arguments.of("metadata not object", safetensors("{\"__metadata__\":[]}", 0), "\"__metadata__\" must be an object of strings, but is an array"),
        Arguments.of("metadata value not string", safetensors("{\"__metadata__\":{\"n\":1}}", 0),
            "\"__metadata__\" must map strings to strings, but \"n\" is a number"),
        Arguments.of("bool data missing", one("\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[0,1]", 0), "truncated"),
        Arguments.of("bool not 0 or 1", safetensors("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[] {0, 7}),
            "tensor 'm': element 1 is a boolean stored as byte 7; only 0 and 1 are valid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedWithAPreciseMessage(String caseName, byte[] bytes, String expected) {
    Refusals.assertPrecise(fail(bytes), "bad.safetensors", expected);
  }

  @Test
  void theWholeMessageForAByteCountMismatch() {
    byte[] bytes = safetensors("{\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[5,5],\"data_offsets\":[0,100]},"
        + "\"fc.bias\":{\"dtype\":\"BF16\",\"shape\":[5],\"data_offsets\":[100,120]}}", 120);
    assertEquals("bad.safetensors: tensor 'fc.bias' has data_offsets [100, 120] (20 bytes) but BF16[5] needs 10 bytes"
        + " (5 elements of 2 bytes)", fail(bytes).getMessage());
  }

  @Test
  void invalidJsonKeepsTheParserErrorAsCause() {
    TensorFileException e = fail(safetensors("{\"a\":tru}", 0));
    JsonException cause = (JsonException) e.getCause();
    assertEquals(5, cause.offset());
  }
}
