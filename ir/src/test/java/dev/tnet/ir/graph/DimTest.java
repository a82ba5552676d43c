package dev.tnet.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnet.runtime.UserException;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DimTest {
  final Dim n = Dim.sym("N");
  final Dim h = Dim.sym("H");

  @Test
  void knownArithmeticIsPlainArithmetic() {
    Dim d = Dim.of(224).plus(2).minus(3).floorDiv(2).plus(1);
    assertTrue(d.isKnown());
    assertEquals(112, d.value());
    assertEquals(Dim.of(-7).floorDiv(2), Dim.of(-4), "floor, not truncation");
    assertEquals(Dim.of(7).ceilDiv(2), Dim.of(4));
  }

  @Test
  void equalExpressionsAreEqualInAnyOrder() {
    assertEquals(n.times(3).plus(h), h.plus(n).plus(n.times(2)));
    assertEquals(n.times(h), h.times(n));
    assertEquals(Dim.of(0), n.minus(n));
    assertTrue(n.minus(n).isKnown());
  }

  @Test
  void exactDivisionCancelsSymbolsAndConstants() {
    Dim total = n.times(3).times(4);
    assertEquals(n, total.divExact(Dim.of(12)));
    assertEquals(Dim.of(12), total.divExact(n));
    assertNull(n.times(3).divExact(Dim.of(2)));
    assertNull(n.divExact(h));
  }

  @Test
  void floorDivisionOfSymbolsStaysExact() {
    Dim half = h.plus(1).floorDiv(2);
    assertFalse(half.isKnown());
    assertEquals("(H+1)/2", half.toString());
    assertEquals(4, half.eval(Map.of("H", 7L)));
    assertEquals(n.times(2), n.times(4).floorDiv(2));
  }

  @Test
  void unboundSymbolIsAUserError() {
    UserException e = assertThrows(UserException.class, () -> n.plus(1).eval(Map.of()));
    assertTrue(e.getMessage().contains("'N'"), e.getMessage());
  }

  @Test
  void printsReadably() {
    assertEquals("N", n.toString());
    assertEquals("N", n.symbolName());
    assertNull(n.times(2).symbolName());
    assertEquals("3*N+2", n.times(3).plus(2).toString());
    assertEquals("-N+5", Dim.of(5).minus(n).toString());
  }

  /** Symbolic then bound equals bound then computed, for a conv-like output size. */
  @Property(tries = 300)
  void symbolicArithmeticMatchesConcrete(@ForAll @IntRange(min = 1, max = 500) int size,
      @ForAll @IntRange(min = 0, max = 5) int pad, @ForAll @IntRange(min = 1, max = 7) int kernel,
      @ForAll @IntRange(min = 1, max = 4) int stride, @ForAll @IntRange(min = 1, max = 9) int batch) {
    Dim sym = h.plus(2L * pad - kernel).floorDiv(stride).plus(1).times(n);
    Dim known = Dim.of(size).plus(2L * pad - kernel).floorDiv(stride).plus(1).times(batch);
    assertEquals(known.value(), sym.eval(Map.of("H", (long) size, "N", (long) batch)));
  }
}
