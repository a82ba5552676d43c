package dev.tnet.driver;

import dev.tnet.codegen.jvm.JvmBackend;
import dev.tnet.codegen.opencl.OpenClBackend;
import dev.tnet.frontend.Frontend;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.IoSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tnet from Java: compile a {@code .tnet} model with its weights into a {@link CompiledModel}.
 *
 * <pre>
 * CompiledModel m = Tnet.compile(Path.of("lenet5.tnet"), Safetensors.read(Path.of("lenet5.safetensors")),
 *     Tnet.Options.defaults().inputShape("image", Shape.of(1, 1, 28, 28)));
 * Tensor logits = m.run(Map.of("image", x)).get("logits");
 * </pre>
 *
 * The JVM backend specialises the code to the input shapes: inputs whose type has symbolic dims
 * ({@code N}) need a concrete shape in the options. {@code run} is thread-safe.
 */
public final class Tnet {
  public enum Backend {
    /** ASM bytecode with the Vector API, loaded in a class loader of its own. */
    JVM,
    /** The reference interpreter. */
    INTERP,
    /** OpenCL C through JOCL, on the options' {@code device} (see {@code tnet devices}). */
    OPENCL
  }

  /** How to compile; {@link #defaults()} then the {@code with...} methods. */
  public record Options(String model, Map<String, String> settings, Map<String, Shape> inputShapes, Backend backend,
      int threads, boolean vectorize, LoopPipeline.Listener dumpIr, int device, boolean profile) {
    public static Options defaults() {
      return new Options(null, Map.of(), Map.of(), Backend.JVM, JvmBackend.Options.defaults().threads(), true, LoopPipeline.Listener.NONE, 0, false);
    }

    public Options model(String name) {
      return new Options(name, settings, inputShapes, backend, threads, vectorize, dumpIr, device, profile);
    }

    public Options settings(Map<String, String> s) {
      return new Options(model, Map.copyOf(s), inputShapes, backend, threads, vectorize, dumpIr, device, profile);
    }

    public Options inputShape(String input, Shape shape) {
      Map<String, Shape> m = new LinkedHashMap<>(inputShapes);
      m.put(input, shape);
      return new Options(model, settings, m, backend, threads, vectorize, dumpIr, device, profile);
    }

    public Options inputShapes(Map<String, Shape> shapes) {
      return new Options(model, settings, Map.copyOf(shapes), backend, threads, vectorize, dumpIr, device, profile);
    }

    public Options backend(Backend b) {
      return new Options(model, settings, inputShapes, b, threads, vectorize, dumpIr, device, profile);
    }

    public Options threads(int n) {
      return new Options(model, settings, inputShapes, backend, n, vectorize, dumpIr, device, profile);
    }

    public Options vectorize(boolean v) {
      return new Options(model, settings, inputShapes, backend, threads, v, dumpIr, device, profile);
    }

    public Options dumpIr(LoopPipeline.Listener l) {
      return new Options(model, settings, inputShapes, backend, threads, vectorize, l, device, profile);
    }

    /** The OpenCL device, an index among every platform's devices. */
    public Options device(int d) {
      return new Options(model, settings, inputShapes, backend, threads, vectorize, dumpIr, d, profile);
    }

    /** Whether the JVM backend times every kernel call ({@link CompiledModel#profile}); other backends ignore it. */
    public Options profile(boolean p) {
      return new Options(model, settings, inputShapes, backend, threads, vectorize, dumpIr, device, p);
    }
  }

  private Tnet() {}

  /** Compiles a {@code .tnet} file; warnings are dropped (the CLI prints them). */
  public static CompiledModel compile(Path source, Map<String, Tensor> weights, Options o) {
    return compile(Frontend.compile(source, o.model(), o.settings()).graph(), weights, o);
  }

  /** Compiles a graph with its weights. */
  public static CompiledModel compile(Graph g, Map<String, Tensor> weights, Options o) {
    TypedGraph typed = GraphTyper.infer(g);
    if (o.backend() == Backend.INTERP) {
      Interpreter.checkWeights(typed, weights, Map.of());
      return new InterpretedModel(g, weights, specs(g, typed, o.inputShapes(), false), outputSpecs(g, typed));
    }
    if (o.backend() == Backend.OPENCL) return OpenClBackend.compile(lowerForOpenCl(g, o), weights, new OpenClBackend.Options(o.device()));
    LoopProgram p = lower(g, o);
    JvmBackend.Options jvm = new JvmBackend.Options(o.threads(), o.vectorize());
    return JvmBackend.compile(p, weights, o.profile() ? jvm.profiled() : jvm);
  }

  /** Compiles ahead of time into a jar that needs only the runtime ({@link CompiledModel#load}). */
  public static void compileToJar(Graph g, Map<String, Tensor> weights, Options o, Path jar) {
    JvmBackend.writeJar(lower(g, o), weights, jar, new JvmBackend.Options(o.threads(), o.vectorize()));
  }

  /** The loop program for the options' input shapes, through every pass. */
  public static LoopProgram lower(Graph g, Options o) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (IoSpec s : specs(g, GraphTyper.infer(g), o.inputShapes(), true)) shapes.put(s.name(), s.shape());
    return LoopPipeline.compile(g, shapes, o.dumpIr());
  }

  /** The loop program the OpenCL backend compiles: plain loop nests (no library kernels), through every pass. */
  public static LoopProgram lowerForOpenCl(Graph g, Options o) {
    return OpenClBackend.lower(g, shapes(g, o), o.dumpIr());
  }

  private static Map<String, Shape> shapes(Graph g, Options o) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (IoSpec s : specs(g, GraphTyper.infer(g), o.inputShapes(), true)) shapes.put(s.name(), s.shape());
    return shapes;
  }

  /** Each input's concrete shape: given in the options, or its declared type when fully known. */
  private static List<IoSpec> specs(Graph g, TypedGraph typed, Map<String, Shape> given, boolean required) {
    List<IoSpec> r = new ArrayList<>();
    for (String name : given.keySet()) {
      if (g.inputs().stream().noneMatch(i -> i.name().equals(name))) {
        throw new UserException("--input-shape names '" + name + "', which is not an input of the model; its inputs are "
            + g.inputs().stream().map(Graph.Input::name).toList());
      }
    }
    for (Graph.Input in : g.inputs()) {
      Shape s = given.get(in.name());
      if (s == null && in.type().isKnown()) s = in.type().shape();
      if (s == null) {
        if (!required) continue;
        throw new UserException("input '" + in.name() + "' is " + in.type() + " with symbolic sizes; compiled backends compile for"
            + " fixed shapes: give one with --input-shape " + in.name() + "=" + example(in) + " (or run with --backend interp)");
      }
      r.add(new IoSpec(in.name(), in.type().dtype(), s));
    }
    return r;
  }

  private static String example(Graph.Input in) {
    List<String> dims = new ArrayList<>();
    for (var d : in.type().dims()) dims.add(d.isKnown() ? d.toString() : "1");
    return String.join("x", dims);
  }

  private static List<IoSpec> outputSpecs(Graph g, TypedGraph typed) {
    List<IoSpec> r = new ArrayList<>();
    for (Graph.Output o : g.outputs()) {
      var t = typed.type(o.value());
      if (t.isKnown()) r.add(new IoSpec(o.name(), t.dtype(), t.shape()));
    }
    return r;
  }
}
