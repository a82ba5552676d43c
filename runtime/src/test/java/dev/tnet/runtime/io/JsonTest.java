package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {
  private static Object parse(String text) {
    return Json.parse(text, "test.json");
  }

  @Test
  void parsesScalarsWithIntegersAsLongAndOthersAsDouble() {
    assertEquals(0L, parse("0"));
    assertEquals(-12L, parse(" -12 "));
    assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
    assertEquals(9.223372036854775808e18, parse("9223372036854775808"));
    assertEquals(1.5, parse("1.5"));
    assertEquals(1000.0, parse("1e3"));
    assertEquals(-0.025, parse("-2.5E-2"));
    assertEquals(2.0, parse("2.0"));
    assertEquals(Boolean.TRUE, parse("true"));
    assertEquals(Boolean.FALSE, parse("\t\r\nfalse\n"));
    assertNull(parse("null"));
    assertEquals("", parse("\"\""));
  }

  @Test
  void keepsObjectKeyOrderInALinkedHashMap() {
    Object v = parse("{\"z\": 1, \"a\": [true, null, {}], \"m\": {\"x\": \"y\"}}");
    Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, v);
    assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
    assertEquals(Arrays.asList(true, null, Map.of()), map.get("a"));
    assertInstanceOf(ArrayList.class, map.get("a"));
    assertEquals(Map.of("x", "y"), map.get("m"));
  }

  @Test
  void decodesEveryEscapeIncludingSurrogatePairs() {
    assertEquals("\"\\/\b\f\n\r\t\u00e9\u20ac", parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\""));
    assertEquals("\uD83D\uDE00", parse("\"\\ud83d\\ude00\""));
    assertEquals("a\uD83D\uDE00b", parse("\"a\uD83D\uDE00b\""));
    assertEquals("ünï ✓", parse("\"ünï ✓\""));
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    Object v = parse(deep);
    for (int i = 1; i < Json.MAX_DEPTH; i++) v = ((List<?>) v).getFirst();
    assertEquals(List.of(), v);
  }

  static Stream<Arguments> invalid() {
    String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    return Stream.of(
        Arguments.of("", "empty document, expected a JSON value at line 1, column 1 (offset 0)"),
        Arguments.of("   ", "empty document"),
        Arguments.of("[1] x", "unexpected 'x' after the JSON value at line 1, column 5 (offset 4)"),
        Arguments.of("{} {}", "unexpected '{' after the JSON value"),
        Arguments.of("{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at line 1, column 10 (offset 9)"),
        Arguments.of(tooDeep, "nesting deeper than 64 levels at line 1, column 65"),
        Arguments.of("{\"a\": " + tooDeep + "}", "nesting deeper than 64 levels"),
        Arguments.of("\"\\x\"", "invalid escape sequence '\\x' at line 1, column 2"),
        Arguments.of("\"\\", "invalid escape sequence '\\'"),
        Arguments.of("\"\\u12\"", "\\u escape needs 4 hex digits"),
        Arguments.of("\"\\u12g4\"", "\\u escape needs 4 hex digits"),
        Arguments.of("\"\\u０１２３\"", "\\u escape needs 4 hex digits"),
        Arguments.of("\"\\ud83d\"", "unpaired high surrogate \\uD83D"),
        Arguments.of("\"\\ud83dx\"", "unpaired high surrogate \\uD83D"),
        Arguments.of("\"\\ud83d\\u0041\"", "unpaired high surrogate \\uD83D"),
        Arguments.of("\"\\ude00\"", "unpaired low surrogate \\uDE00"),
        Arguments.of("\"\uD83D\"", "unpaired surrogate U+D83D in string"),
        Arguments.of("\"a\nb\"", "unescaped control character U+000A in string at line 1, column 3"),
        Arguments.of("\"abc", "unterminated string at line 1, column 1"),
        Arguments.of("01", "numbers may not have leading zeros"),
        Arguments.of("-", "expected a digit after '-' but found end of input"),
        Arguments.of("-a", "expected a digit after '-' but found 'a'"),
        Arguments.of("1.", "expected a digit after the decimal point"),
        Arguments.of("1.e5", "expected a digit after the decimal point"),
        Arguments.of(".5", "expected a JSON value but found '.'"),
        Arguments.of("+1", "expected a JSON value but found '+'"),
        Arguments.of("1e", "expected a digit in the exponent"),
        Arguments.of("1e+", "expected a digit in the exponent"),
        Arguments.of("1e400", "number 1e400 is out of range"),
        Arguments.of("NaN", "expected a JSON value but found 'N'"),
        Arguments.of("Infinity", "expected a JSON value but found 'I'"),
        Arguments.of("tru", "expected a JSON value but found 't'"),
        Arguments.of("nul", "expected a JSON value"),
        Arguments.of("[1,]", "expected a JSON value but found ']'"),
        Arguments.of("[1 2]", "expected ',' or ']' in array but found '2'"),
        Arguments.of("[1", "expected ',' or ']' in array but found end of input"),
        Arguments.of("{\"a\": 1,}", "expected a string key but found '}'"),
        Arguments.of("{a: 1}", "expected a string key but found 'a'"),
        Arguments.of("{\"a\" 1}", "expected ':' after key \"a\" but found '1'"),
        Arguments.of("{\"a\": 1 \"b\": 2}", "expected ',' or '}' in object but found '\"'"),
        Arguments.of("\uFEFF{}", "expected a JSON value but found U+FEFF"),
        Arguments.of("// comment\n1", "expected a JSON value but found '/'"),
        Arguments.of("{\n  \"a\": tru\n}", "expected a JSON value but found 't' at line 2, column 8 (offset 9)"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsWithAMessageNamingThePosition(String text, String expected) {
    JsonException e = assertThrows(JsonException.class, () -> parse(text));
    assertTrue(e.getMessage().startsWith("test.json: "), e.getMessage());
    assertTrue(e.detail().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    assertEquals("test.json: " + e.detail(), e.getMessage());
  }

  @Test
  void reportsTheOffsetOfTheProblem() {
    JsonException e = assertThrows(JsonException.class, () -> parse("[1, 2, x]"));
    assertEquals(7, e.offset());
  }

  @Test
  void writesCompactlyInIterationOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", Arrays.asList(1L, 2.5, "x", true, null));
    map.put("a", Map.of());
    map.put("c", List.of(3, (short) 4, (byte) 5, 0.5f));
    assertEquals("{\"b\":[1,2.5,\"x\",true,null],\"a\":{},\"c\":[3,4,5,0.5]}", Json.write(map));
    assertEquals("1.0E-5", Json.write(1e-5));
    assertEquals(1e-5, parse(Json.write(1e-5)));
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertEquals("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\\u0001\\u001f/\"", Json.write("q\"b\\n\nr\rt\tb\bf\f\u0001\u001f/"));
    assertEquals("\"é\uD83D\uDE00\"", Json.write("é\uD83D\uDE00"));
  }

  @Test
  void refusesValuesJsonCannotRepresent() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Float.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
    assertThrows(IllegalArgumentException.class, () -> Json.write("\uD83D"));
    assertThrows(IllegalArgumentException.class, () -> Json.write("\uDE00x"));
    Object deep = List.of();
    for (int i = 0; i < Json.MAX_DEPTH; i++) deep = List.of(deep);
    Object tooDeep = deep;
    assertThrows(IllegalArgumentException.class, () -> Json.write(tooDeep));
  }
}
