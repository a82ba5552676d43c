package dev.tnet.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.ir.graph.TensorType;
import dev.tnet.ir.op.AttrValue;
import dev.tnet.ir.op.Op;
import dev.tnet.ir.op.OpCatalogue;
import dev.tnet.ir.op.OpException;
import dev.tnet.ir.op.ParamSpec;
import dev.tnet.ir.op.Signature;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Throws random arguments and input types at every op: each call must either be refused with an
 * {@link OpException} or be accepted, in which case the reference kernel must run without any
 * exception but a {@link UserException} (bad index data) and produce exactly the inferred types.
 * This is how "never an index-out-of-bounds on bad arguments" is checked for the whole catalogue.
 * Seeded: a failure prints the op, the seed and the case.
 */
class OpRobustnessTest {
  static final int CASES_PER_OP = 400;
  static final List<String> STRINGS = List.of("zeros", "reflect", "replicate", "circular", "same", "valid",
      "nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area", "none", "tanh",
      "constant", "floor", "trunc", "bogus");

  @TestFactory
  Stream<DynamicTest> everyOpRefusesOrRunsCleanly() {
    return OpCatalogue.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      int accepted = 0;
      for (int i = 0; i < CASES_PER_OP; i++) {
        long seed = name.hashCode() * 1_000_003L + i;
        if (tryCase(name, seed, false)) accepted++;
        if (i % 8 == 0 && tryCase(name, seed, true)) accepted++; // constant takes no tensor input
      }
      if (accepted == 0) fail(name + ": no random case was accepted; the generator never reached the kernel");
    }));
  }

  /** Returns whether the case was accepted (and then ran cleanly). */
  static boolean tryCase(String name, long seed, boolean noInputs) {
    SplittableRandom rng = new SplittableRandom(seed);
    Signature sig = OpCatalogue.signature(name);
    List<TensorType> inputs = new ArrayList<>();
    int n = rng.nextInt(4) == 0 ? 1 + rng.nextInt(3) : 1;
    int rank = rng.nextInt(6);
    long[] base = new long[rank];
    for (int d = 0; d < rank; d++) base[d] = rng.nextInt(8) == 0 ? 1 : 1 + rng.nextInt(5);
    for (int k = 0; k < n; k++) {
      long[] dims = base.clone();
      if (rng.nextInt(3) == 0 && rank > 0) dims[rng.nextInt(rank)] = rng.nextInt(5);
      if (k > 0 && rank >= 2 && rng.nextInt(3) == 0) {
        long t = dims[rank - 1];
        dims[rank - 1] = dims[rank - 2];
        dims[rank - 2] = t;
      }
      inputs.add(TensorType.of(rng.nextInt(10) == 0 ? DType.I64 : DType.F32, dims));
    }
    if (noInputs) inputs.clear();
    Map<String, AttrValue> kw = new LinkedHashMap<>();
    for (Signature.Param p : sig.params()) {
      if (p.defaultValue() == null) {
        kw.put(p.name(), switch (rng.nextInt(10)) {
          case 0, 1 -> randomAny(rng);
          case 2, 3 -> permutation(rank, rng);
          default -> AttrValue.of((long) rng.nextInt(1, 4));
        });
      } else if (rng.nextInt(5) < 2) {
        kw.put(p.name(), randomLike(p.defaultValue(), rng));
      }
    }
    String what = name + " seed " + seed + " args " + kw + " inputs " + inputs;
    Op op;
    List<TensorType> out;
    List<ParamSpec> params;
    try {
      op = OpCatalogue.create(name, List.of(), kw);
      out = op.infer(inputs);
      params = op.params(inputs);
      op.flops(inputs);
    } catch (OpException e) {
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": threw " + e + " instead of an OpException", e);
    }
    List<Tensor> in = inputs.stream().map(t -> random(t, rng)).toList();
    List<Tensor> ps = params.stream().map(p -> random(p.type(), rng)).toList();
    List<Tensor> got;
    try {
      got = Kernels.eval(op, in, ps);
    } catch (UserException e) {
      return true;
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": kernel threw " + e, e);
    }
    assertEquals(out.size(), got.size(), what + ": output count");
    for (int i = 0; i < out.size(); i++) {
      assertEquals(out.get(i).shape(), got.get(i).shape(), what + ": shape of output " + i);
      assertEquals(out.get(i).dtype(), got.get(i).dtype(), what + ": dtype of output " + i);
    }
    return true;
  }

  static AttrValue randomLike(AttrValue like, SplittableRandom rng) {
    int pick = rng.nextInt(10);
    if (pick == 0) return randomAny(rng);
    return switch (like) {
      case null -> randomAny(rng);
      case AttrValue.IntV i -> AttrValue.of((long) rng.nextInt(-2, 7));
      case AttrValue.FloatV f -> AttrValue.of(List.of(0.0, 0.1, 0.5, 1.0, 2.0, -1.0, 1e-5).get(rng.nextInt(7)));
      case AttrValue.BoolV b -> AttrValue.of(rng.nextBoolean());
      case AttrValue.StrV s -> AttrValue.of(rng.nextBoolean() ? s.value() : STRINGS.get(rng.nextInt(STRINGS.size())));
      case AttrValue.ListV l -> randomInts(rng);
      case AttrValue.NoneV none -> rng.nextBoolean() ? AttrValue.NONE : randomAny(rng);
    };
  }

  static AttrValue randomAny(SplittableRandom rng) {
    return switch (rng.nextInt(6)) {
      case 0 -> AttrValue.of((long) rng.nextInt(-2, 7));
      case 1 -> randomInts(rng);
      case 2 -> AttrValue.of(rng.nextDouble(-2, 3));
      case 3 -> AttrValue.of(rng.nextBoolean());
      case 4 -> AttrValue.of(STRINGS.get(rng.nextInt(STRINGS.size())));
      default -> AttrValue.NONE;
    };
  }

  /** The dims 0..rank-1 in random order, as permute and similar ops want. */
  static AttrValue permutation(int rank, SplittableRandom rng) {
    List<Long> dims = new ArrayList<>();
    for (long d = 0; d < rank; d++) dims.add(d);
    java.util.Collections.shuffle(dims, new java.util.Random(rng.nextLong()));
    return AttrValue.ints(dims.stream().mapToLong(Long::longValue).toArray());
  }

  static AttrValue randomInts(SplittableRandom rng) {
    long[] v = new long[rng.nextInt(5)];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(-2, 6);
    return AttrValue.ints(v);
  }

  static Tensor random(TensorType t, SplittableRandom rng) {
    Shape s = t.shape();
    if (t.dtype() == DType.I64) {
      long[] v = new long[s.size()];
      for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(-1, 6);
      return Tensor.ofLongs(s, v);
    }
    float[] v = new float[s.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
    return Tensor.of(s, v);
  }
}
