package dev.tnet.runtime.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A corruption of a file image. Positions are taken modulo the image's length, so any mutation
 * applies to any image. The kinds aim at what a reader must check: lengths, digits in headers
 * (shapes, offsets), truncation, and stray bytes.
 */
sealed interface Mutation {
  byte[] apply(byte[] bytes);

  record Truncate(int at) implements Mutation {
    public byte[] apply(byte[] b) {
      return b.length == 0 ? b : Arrays.copyOf(b, at % b.length);
    }
  }

  record SetByte(int at, byte value) implements Mutation {
    public byte[] apply(byte[] b) {
      if (b.length == 0) return b;
      byte[] c = b.clone();
      c[at % c.length] = value;
      return c;
    }
  }

  /** Sets one of the last 16 bytes, where the tensor data usually is. */
  record SetNearEnd(int back, byte value) implements Mutation {
    public byte[] apply(byte[] b) {
      if (b.length == 0) return b;
      byte[] c = b.clone();
      c[c.length - 1 - back % Math.min(c.length, 16)] = value;
      return c;
    }
  }

  record Insert(int at, byte value) implements Mutation {
    public byte[] apply(byte[] b) {
      int i = at % (b.length + 1);
      byte[] c = new byte[b.length + 1];
      System.arraycopy(b, 0, c, 0, i);
      c[i] = value;
      System.arraycopy(b, i, c, i + 1, b.length - i);
      return c;
    }
  }

  record Delete(int at) implements Mutation {
    public byte[] apply(byte[] b) {
      if (b.length == 0) return b;
      int i = at % b.length;
      byte[] c = new byte[b.length - 1];
      System.arraycopy(b, 0, c, 0, i);
      System.arraycopy(b, i + 1, c, i, c.length - i);
      return c;
    }
  }

  /** Replaces one ASCII digit (most are in headers: shapes, offsets, lengths) by another. */
  record ChangeDigit(int which, int digit) implements Mutation {
    public byte[] apply(byte[] b) {
      int[] digits = IntStream.range(0, b.length).filter(i -> b[i] >= '0' && b[i] <= '9').toArray();
      if (digits.length == 0) return b;
      byte[] c = b.clone();
      c[digits[which % digits.length]] = (byte) ('0' + digit);
      return c;
    }
  }

  /** Writes {@code width} bytes of {@code value}, little-endian, e.g. over a header length. */
  record WriteNumber(int at, int width, long value) implements Mutation {
    public byte[] apply(byte[] b) {
      byte[] c = b.clone();
      byte[] v = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
      for (int i = 0; i < width && at + i < c.length; i++) c[at + i] = v[i];
      return c;
    }
  }

  static Arbitrary<Mutation> any() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<Byte> value = Arbitraries.bytes();
    Arbitrary<Long> number = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 300),
        Arbitraries.of(1L << 60, -1L, 100_000_000L, 100_000_001L, 65535L, 1L << 32));
    return Arbitraries.oneOf(
        pos.map(Truncate::new),
        Combinators.combine(pos, value).as(SetByte::new),
        Combinators.combine(pos, value).as(SetNearEnd::new),
        Combinators.combine(pos, value).as(Insert::new),
        pos.map(Delete::new),
        Combinators.combine(pos, Arbitraries.integers().between(0, 9)).as(ChangeDigit::new),
        Combinators.combine(Arbitraries.of(0, 6, 7, 8, 9), Arbitraries.of(1, 2, 4, 8), number).as(WriteNumber::new));
  }

  static Arbitrary<List<Mutation>> some() {
    return any().list().ofMinSize(1).ofMaxSize(3);
  }
}
