package dev.tnet.frontend.print;

import dev.tnet.ir.graph.Graph;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random small graphs ({@link RandomGraphs}) print to source that compiles back to the same graph,
 * and printing that graph again gives the same text. jqwik reports the seed and the shrunk recipe
 * of a failure; make a failing recipe a case of {@link TnetPrinterTest}.
 */
class TnetPrinterPropertyTest {
  @Property(tries = 400)
  void randomGraphsPrintToSourceThatCompilesBack(@ForAll("recipes") RandomGraphs.Recipe recipe) {
    Graph g = RandomGraphs.build(recipe);

    String source = RoundTrip.check(g);

    Statistics.label("@(...)").collect(source.contains(" @("));
    Statistics.label("multi-output").collect(source.lines().anyMatch(l -> l.matches(" +\\w+, \\w+ = .*")));
    Statistics.label("float path").collect(source.matches("(?s).*@\\w+(\\.\\w+)*\\.\\d+\\.\\d+.*"));
    Statistics.label("@(...)").coverage(c -> c.check(true).percentage(p -> p > 10));
    Statistics.label("multi-output").coverage(c -> c.check(true).percentage(p -> p > 10));
    Statistics.label("float path").coverage(c -> c.check(true).percentage(p -> p > 10));
  }

  @Provide
  Arbitrary<RandomGraphs.Recipe> recipes() {
    Arbitrary<Integer> field = Arbitraries.integers().between(0, 999);
    Arbitrary<Double> number = Arbitraries.oneOf(
        Arbitraries.of(-0.0, 1e-5, 0.1 + 0.2, 1.0 / 3, -2.5, 1e21, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
        Arbitraries.longs().map(Double::longBitsToDouble));
    Arbitrary<Long> integer = Arbitraries.oneOf(Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L), Arbitraries.longs());
    Arbitrary<RandomGraphs.Step> step = Combinators.combine(field, field, field, field, number, integer).as(RandomGraphs.Step::new);
    return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 9),
        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
        step.list().ofMinSize(1).ofMaxSize(8), Arbitraries.of(true, false), Arbitraries.integers().between(1, 5))
        .as(RandomGraphs.Recipe::new);
  }
}
