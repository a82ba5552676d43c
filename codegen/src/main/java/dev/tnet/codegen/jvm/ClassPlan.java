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

  /** Every static method: kernels, chunks and outlined parts. */
  List<MethodPlan> methods() {
    return methods;
  }

  /** Buffers some kernel or output uses, in program order. */
  List<Buffer> usedBuffers() {
    java.util.Set<String> used = new java.util.HashSet<>(program.outputs().values());
    kernels.forEach(k -> used.addAll(k.buffers()));
    return program.buffers().values().stream().filter(b -> used.contains(b.name())).toList();
  }
}
