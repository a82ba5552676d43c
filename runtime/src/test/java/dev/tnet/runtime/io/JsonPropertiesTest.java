package dev.tnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

class JsonPropertiesTest {
  @Provide
  Arbitrary<Object> values() {
    return value(3);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.<Object>oneOf(
        TensorArbitraries.unicodeStrings(10).map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b)).injectNull(0.1);
    if (depth == 0) return leaf;
    Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> map = Arbitraries.maps(TensorArbitraries.unicodeStrings(6), value(depth - 1)).ofMaxSize(4).map(m -> (Object) m);
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, list), Tuple.of(1, map));
  }

  @Property
  void writeThenParseGivesTheSameValue(@ForAll("values") Object value) {
    assertEquals(value, Json.parse(Json.write(value), "p"));
  }

  /** Random text over JSON's alphabet, and valid JSON with one character replaced, inserted or deleted. */
  @Provide
  Arbitrary<String> jsonish() {
    String alphabet = "{}[]\":,.-+0123456789eEtruefalsn \\/\n\u00e9\uD83D\uDE00";
    Arbitrary<String> random = Arbitraries.strings().withChars(alphabet).ofMaxLength(30);
    Arbitrary<String> edited = Combinators.combine(value(2).map(Json::write), Arbitraries.integers().between(0, 1000),
        Arbitraries.chars().with(alphabet.toCharArray()), Arbitraries.integers().between(0, 2)).as((json, at, c, kind) -> {
          int i = at % (json.length() + 1);
          return switch (kind) {
            case 0 -> json.substring(0, i) + c + json.substring(i);
            case 1 -> i < json.length() ? json.substring(0, i) + json.substring(i + 1) : json;
            default -> i < json.length() ? json.substring(0, i) + c + json.substring(i + 1) : json;
          };
        });
    return Arbitraries.oneOf(random, edited);
  }

  @Property(tries = 3000)
  void anyTextIsParsedOrRefusedWithAJsonException(@ForAll("jsonish") String text) {
    String outcome;
    try {
      Object v = Json.parse(text, "fuzz");
      assertEquals(v, Json.parse(Json.write(v), "again"));
      outcome = "parsed";
    } catch (JsonException e) {
      assertTrue(e.getMessage().startsWith("fuzz: "));
      assertTrue(e.offset() >= 0 && e.offset() <= text.length());
      outcome = "refused";
    }
    Statistics.label("outcome").collect(outcome);
    Statistics.label("outcome").coverage(c -> c.check("parsed").percentage(p -> p > 5));
  }
}
