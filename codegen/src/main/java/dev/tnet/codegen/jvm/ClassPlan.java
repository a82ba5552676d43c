package dev.tnet.codegen.jvm;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.Kernel;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.Stmt;
import dev.tnet.ir.loop.Stmt.*;
import dev.tnet.runtime.CompilerBug;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static methods of one generated class and which IR nodes call which: one method per kernel,
 * one per parallel loop (its chunk), and the parts {@link MethodSplitter} moved out of methods
 * that were too big. Nodes are keyed by identity, as IR records compare structurally.
 */
final class ClassPlan {
  private final LoopProgram program;
  private final String className;
  private final JvmBackend.Options options;
  private final List<MethodPlan> kernels = new ArrayList<>();
  /** The loop IR name of each of {@link #kernels}. */
  private final List<String> kernelNames = new ArrayList<>();
  private final List<MethodPlan> prepare = new ArrayList<>();
  private final Map<String, MethodPlan> preparedBuffers = new java.util.LinkedHashMap<>();
  private final List<MethodPlan> methods = new ArrayList<>();
  private final Map<Object, MethodPlan> outlined = new IdentityHashMap<>();
  private final Map<Loop, MethodPlan> chunks = new IdentityHashMap<>();

  private ClassPlan(LoopProgram program, String className, JvmBackend.Options options) {
    this.program = program;
    this.className = className;
    this.options = options;
  }

  /** Plans the class {@code className} (internal form) for a verified program. */
  static ClassPlan of(LoopProgram p, String className, JvmBackend.Options options) {
    ClassPlan plan = new ClassPlan(p, className, options);
    for (int i = 0; i < p.kernels().size(); i++) {
      Kernel k = p.kernels().get(i);
      String name = "k" + i + "_" + Jvm.identifier(k.name());
      Stmt body = MethodSplitter.chunkBlocks(k.body());
      List<MethodPlan> par = new ArrayList<>();
      if (options.threads() > 1) {
        for (Loop l : topLevelParallelLoops(body)) {
          Scan s = Scan.of(l);
          if (!s.assigns.isEmpty() || s.buffers.size() + s.reads.size() * 2 > 250) continue; // run it serially
          if (work(l) < options.parallelMinWork()) continue; // too small to pay for a fork and join
          List<MethodPlan.Param> vars = s.reads.entrySet().stream().map(e -> new MethodPlan.Param(e.getKey(), e.getValue())).toList();
          MethodPlan chunk = new MethodPlan(name + "$par" + par.size(), false, plan.ordered(s.buffers), vars, new MethodPlan.Body.Chunk(l));
          plan.chunks.put(l, chunk);
          par.add(chunk);
        }
      }
      if (Scan.of(body).buffers.size() > 250) {
        throw new CompilerBug("kernel " + k.name() + " uses " + Scan.of(body).buffers.size() + " buffers; a JVM method takes at most 255 parameters");
      }
      boolean library = containsLibrary(body);
      MethodPlan kernel = new MethodPlan(name, !par.isEmpty() || library, plan.ordered(Scan.of(body).buffers), List.of(), new MethodPlan.Body.Kernel(body));
      if (k.body() instanceof Library l && l.packsWeights()) {
        plan.prepare.add(kernel);
        plan.preparedBuffers.put(l.writes(), kernel);
      } else {
        plan.kernels.add(kernel);
        plan.kernelNames.add(k.name());
      }
      plan.methods.add(kernel);
      plan.methods.addAll(par);
      MethodSplitter splitter = new MethodSplitter(plan, k.name(), name);
      splitter.fit(kernel);
      par.forEach(splitter::fit);
    }
    return plan;
  }

  private static boolean containsLibrary(Stmt s) {
    return switch (s) {
      case Library l -> true;
      case Block b -> b.stmts().stream().anyMatch(ClassPlan::containsLibrary);
      case Let l -> containsLibrary(l.body());
      case Loop l -> containsLibrary(l.body());
      case If i -> containsLibrary(i.then()) || containsLibrary(i.otherwise());
      default -> false;
    };
  }

  /**
   * About how many JVM operations {@code s} runs: each IR node counts one, a loop its extent times
   * its body, a VECTOR loop its extent over {@link #VECTOR_LANES} times its body (vectorized or
   * not: the estimate is static), both branches of an {@code if} count, a library call counts as
   * unbounded (it is never inside a parallel loop nest).
   */
  static long work(Stmt s) {
    return switch (s) {
      case Loop l -> {
        long trips = l.kind() == Loop.Kind.VECTOR ? (l.extent() + VECTOR_LANES - 1) / VECTOR_LANES : l.extent();
        long body = work(l.body());
        yield Math.multiplyHigh(trips, body) != 0 || trips * body < 0 ? Long.MAX_VALUE : Math.max(1, trips * body);
      }
      case Block b -> b.stmts().stream().mapToLong(ClassPlan::work).reduce(0, ClassPlan::saturatingAdd);
      case Let l -> saturatingAdd(nodes(l.value()), work(l.body()));
      case If i -> saturatingAdd(nodes(i.condition()), saturatingAdd(work(i.then()), work(i.otherwise())));
      case Library l -> Long.MAX_VALUE;
      case Declare d -> 1 + nodes(d.init());
      case Assign a -> 1 + nodes(a.value());
      case Store st -> 1 + nodes(st.index()) + nodes(st.value());
      case Check c -> 1 + nodes(c.condition());
    };
  }

  /** The lanes a VECTOR loop is assumed to run at once in {@link #work} (8 floats: AVX2). */
  static final int VECTOR_LANES = 8;

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  /** The number of nodes of {@code e}. */
  private static long nodes(dev.tnet.ir.loop.Expr e) {
    long[] n = {0};
    count(e, n);
    return n[0];
  }

  private static void count(dev.tnet.ir.loop.Expr e, long[] n) {
    n[0]++;
    switch (e) {
      case dev.tnet.ir.loop.Expr.Load l -> count(l.index(), n);
      case dev.tnet.ir.loop.Expr.Unary u -> count(u.operand(), n);
      case dev.tnet.ir.loop.Expr.Binary b -> {
        count(b.left(), n);
        count(b.right(), n);
      }
      case dev.tnet.ir.loop.Expr.Select s -> {
        count(s.condition(), n);
        count(s.then(), n);
        count(s.otherwise(), n);
      }
      case dev.tnet.ir.loop.Expr.Cast c -> count(c.operand(), n);
      case dev.tnet.ir.loop.Expr.Call c -> c.args().forEach(a -> count(a, n));
      default -> {}
    }
  }

  /** PARALLEL loops not inside another loop. */
  private static List<Loop> topLevelParallelLoops(Stmt s) {
    List<Loop> out = new ArrayList<>();
    collect(s, out);
    return out;
  }

  private static void collect(Stmt s, List<Loop> out) {
    switch (s) {
      case Loop l -> {
        if (l.kind() == Loop.Kind.PARALLEL && l.extent() > 1) out.add(l);
      }
      case Block b -> b.stmts().forEach(x -> collect(x, out));
      case Let l -> collect(l.body(), out);
      case If i -> {
        collect(i.then(), out);
        collect(i.otherwise(), out);
      }
      default -> {}
    }
  }

  /** Buffer names in the program's order, so parameter lists are stable. */
  List<String> ordered(Collection<String> names) {
    return program.buffers().keySet().stream().filter(names::contains).toList();
  }

  void addOutlined(Object node, MethodPlan m) {
    outlined.put(node, m);
    methods.add(m);
  }

  MethodPlan outlined(Object node) {
    return outlined.get(node);
  }

  MethodPlan chunk(Loop l) {
    return chunks.get(l);
  }

  LoopProgram program() {
    return program;
  }

  String className() {
    return className;
  }

  /** Whether VECTOR loops may use the Vector API (asked for, and present in this JVM). */
  boolean vectorize() {
    return options.vectorize() && JvmBackend.VECTOR_API;
  }

  /**
   * The weight-packing kernels (a {@link Library} call that reads only weights), in program order:
   * they run once, in the constructor, and their output buffers live in fields.
   */
  List<MethodPlan> prepare() {
    return prepare;
  }

  /** Whether buffer {@code name} is written by a {@link #prepare} kernel. */
  boolean prepared(String name) {
    return preparedBuffers.containsKey(name);
  }

  /** The kernel methods run by each call, in program order. */
  List<MethodPlan> kernels() {
    return kernels;
  }

  /** The loop IR names of {@link #kernels}, in the same order. */
  List<String> kernelNames() {
    return kernelNames;
  }

  JvmBackend.Options options() {
    return options;
  }

  /** Every static method: kernels, chunks and outlined parts. */
  List<MethodPlan> methods() {
    return methods;
  }

  /** The intermediate (TEMP) buffers some kernel uses and no prepare kernel writes, in program order. */
  List<Buffer> temps() {
    return usedBuffers().stream().filter(b -> b.role() == Buffer.Role.TEMP && !prepared(b.name())).toList();
  }

  /** One array of an arena: its type and length (the largest buffer it holds). */
  record ArenaArray(dev.tnet.ir.loop.ScalarType type, int size) {}

  private List<ArenaArray> arena;
  private Map<String, Integer> arenaIndex;

  /**
   * The arrays of an arena, in index order: intermediate buffers whose lifetimes (from the first
   * to the last kernel that uses them, in {@link #kernels} order) do not overlap share an array of
   * their type, as long as the largest of them (best fit, in order of first use).
   */
  List<ArenaArray> arena() {
    planArena();
    return arena;
  }

  /** The index in the arena of the array that holds intermediate buffer {@code name}. */
  int arenaIndex(String name) {
    planArena();
    return arenaIndex.get(name);
  }

  /** The index in {@link #kernels} of the first kernel that uses buffer {@code name}, or -1. */
  int firstUse(String name) {
    for (int i = 0; i < kernels.size(); i++) if (kernels.get(i).buffers().contains(name)) return i;
    return -1;
  }

  private void planArena() {
    if (arena != null) return;
    arena = new ArrayList<>();
    arenaIndex = new java.util.HashMap<>();
    Map<String, Integer> last = new java.util.HashMap<>();
    for (int i = 0; i < kernels.size(); i++) for (String b : kernels.get(i).buffers()) last.put(b, i);
    List<Integer> freeAfter = new ArrayList<>(); // per arena array: the last kernel using it so far
    List<Buffer> byFirstUse = new ArrayList<>(temps());
    byFirstUse.sort(java.util.Comparator.comparingInt(b -> firstUse(b.name())));
    for (Buffer b : byFirstUse) {
      int first = firstUse(b.name()), best = -1;
      for (int a = 0; a < arena.size(); a++) {
        if (arena.get(a).type() != b.type() || freeAfter.get(a) >= first) continue;
        if (best < 0 || fit(arena.get(a).size(), b.size()) < fit(arena.get(best).size(), b.size())) best = a;
      }
      if (best < 0) {
        best = arena.size();
        arena.add(new ArenaArray(b.type(), b.size()));
        freeAfter.add(-1);
      }
      arena.set(best, new ArenaArray(b.type(), Math.max(arena.get(best).size(), b.size())));
      freeAfter.set(best, last.get(b.name()));
      arenaIndex.put(b.name(), best);
    }
  }

  /** How badly an array of {@code have} elements fits a buffer of {@code need}: waste or growth. */
  private static long fit(int have, int need) {
    return have >= need ? have - need : 2L * (need - have);
  }

  /**
   * Whether intermediate buffer {@code name} must be zeroed before each call, as a fresh array
   * would be: unless the first kernel that uses it is a library call that writes all of it and
   * reads nothing of it, a kernel may read an element no kernel of this call has written yet (a
   * loop nest may store only part of a buffer, or accumulate into it). Conservative: only a
   * library call's output and a plain nest that stores every element once ({@link #covers}, the
   * elementwise kernels) skip the zeroing.
   */
  boolean needsZero(String name) {
    for (MethodPlan k : kernels) {
      if (!k.buffers().contains(name)) continue;
      if (!(k.body() instanceof MethodPlan.Body.Kernel kb)) return true;
      Stmt first = first(kb.stmt());
      if (first instanceof Library l) {
        return !(l.writes().equals(name) && !l.reads().contains(name)
            && dev.tnet.runtime.kernel.Library.outSize(l.kernel(), l.ints().stream().mapToInt(Integer::intValue).toArray())
                == program.buffer(name).size());
      }
      return !covers(first, name, program.buffer(name).size(), new java.util.HashMap<>(), new ArrayList<>());
    }
    return true;
  }

  /**
   * Whether {@code s} writes every element of buffer {@code name} ({@code size} elements) and
   * reads none: a nest of loops and lets (a let's value must not read the buffer) around one store
   * whose index is {@code sum(var * stride)} over the loop variables, with row-major strides that
   * cover {@code [0, size)} exactly once. {@code consts}: lets bound to constants; {@code loops}:
   * the enclosing loops' variables and extents.
   */
  private static boolean covers(Stmt s, String name, int size, Map<String, Long> consts, List<Map.Entry<String, Integer>> loops) {
    return switch (s) {
      case Let l when mentions(l.value(), name) -> false;
      case Let l -> {
        Map<String, Long> c = new java.util.HashMap<>(consts);
        c.remove(l.var());
        if (l.value() instanceof dev.tnet.ir.loop.Expr.IntConst v) c.put(l.var(), (long) v.value());
        List<Map.Entry<String, Integer>> inner = new ArrayList<>(loops);
        inner.removeIf(e -> e.getKey().equals(l.var()));
        yield covers(l.body(), name, size, c, inner);
      }
      case Loop l when l.extent() > 0 -> {
        Map<String, Long> c = new java.util.HashMap<>(consts);
        c.remove(l.var());
        List<Map.Entry<String, Integer>> inner = new ArrayList<>(loops);
        inner.removeIf(e -> e.getKey().equals(l.var()));
        inner.add(Map.entry(l.var(), l.extent()));
        yield covers(l.body(), name, size, c, inner);
      }
      case Store st when st.buffer().equals(name) && !mentions(st.value(), name) -> {
        Map<String, Long> form = linear(st.index(), consts, loops);
        if (form == null || form.getOrDefault("", 0L) != 0) yield false;
        // Strides from the innermost: 1, then each the product of the extents inside it.
        List<Map.Entry<String, Integer>> byStride = new ArrayList<>(loops);
        byStride.sort(java.util.Comparator.comparingLong(e -> form.getOrDefault(e.getKey(), 0L)));
        long stride = 1;
        for (Map.Entry<String, Integer> e : byStride) {
          if (e.getValue() > 1 && form.getOrDefault(e.getKey(), 0L) != stride) yield false;
          stride *= e.getValue();
        }
        yield stride == size;
      }
      default -> false;
    };
  }

  /**
   * {@code e} as a linear form over the loop variables (key "" the constant term), or null if it
   * is not one (another variable, a load, a product of variables).
   */
  private static Map<String, Long> linear(dev.tnet.ir.loop.Expr e, Map<String, Long> consts, List<Map.Entry<String, Integer>> loops) {
    return switch (e) {
      case dev.tnet.ir.loop.Expr.IntConst c -> new java.util.HashMap<>(Map.of("", (long) c.value()));
      case dev.tnet.ir.loop.Expr.Var v when consts.containsKey(v.name()) -> new java.util.HashMap<>(Map.of("", consts.get(v.name())));
      case dev.tnet.ir.loop.Expr.Var v when loops.stream().anyMatch(l -> l.getKey().equals(v.name())) -> new java.util.HashMap<>(Map.of(v.name(), 1L));
      case dev.tnet.ir.loop.Expr.Binary b when b.op() == dev.tnet.ir.loop.Expr.BinOp.ADD -> {
        Map<String, Long> x = linear(b.left(), consts, loops), y = linear(b.right(), consts, loops);
        if (x == null || y == null) yield null;
        y.forEach((k, v) -> x.merge(k, v, Long::sum));
        yield x;
      }
      case dev.tnet.ir.loop.Expr.Binary b when b.op() == dev.tnet.ir.loop.Expr.BinOp.MUL -> {
        Map<String, Long> x = linear(b.left(), consts, loops), y = linear(b.right(), consts, loops);
        if (x == null || y == null) yield null;
        Map<String, Long> k = x.keySet().equals(java.util.Set.of("")) ? x : y.keySet().equals(java.util.Set.of("")) ? y : null;
        if (k == null) yield null;
        Map<String, Long> other = k == x ? y : x;
        long f = k.get("");
        other.replaceAll((n, v) -> v * f);
        yield other;
      }
      default -> null;
    };
  }

  /** Whether {@code e} loads buffer {@code name}. */
  private static boolean mentions(dev.tnet.ir.loop.Expr e, String name) {
    return switch (e) {
      case dev.tnet.ir.loop.Expr.Load l -> l.buffer().equals(name) || mentions(l.index(), name);
      case dev.tnet.ir.loop.Expr.Unary u -> mentions(u.operand(), name);
      case dev.tnet.ir.loop.Expr.Binary b -> mentions(b.left(), name) || mentions(b.right(), name);
      case dev.tnet.ir.loop.Expr.Select x -> mentions(x.condition(), name) || mentions(x.then(), name) || mentions(x.otherwise(), name);
      case dev.tnet.ir.loop.Expr.Cast c -> mentions(c.operand(), name);
      case dev.tnet.ir.loop.Expr.Call c -> c.args().stream().anyMatch(a -> mentions(a, name));
      default -> false;
    };
  }

  /** The statement {@code s} runs first: itself, or a block's first statement's. */
  private static Stmt first(Stmt s) {
    while (s instanceof Block b && !b.stmts().isEmpty()) s = b.stmts().getFirst();
    return s;
  }

  /** Buffers some kernel or output uses, in program order. */
  List<Buffer> usedBuffers() {
    java.util.Set<String> used = new java.util.HashSet<>(program.outputs().values());
    kernels.forEach(k -> used.addAll(k.buffers()));
    return program.buffers().values().stream().filter(b -> used.contains(b.name())).toList();
  }
}
