package dev.tnet.codegen.opencl;

import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.LoopVerifier;
import dev.tnet.ir.lower.Lowering;
import dev.tnet.ir.opt.KernelPlan;
import dev.tnet.ir.pass.LoopPipeline;
import dev.tnet.ir.pass.Parallelize;
import dev.tnet.ir.pass.Vectorize;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jocl.cl_program;

/**
 * The OpenCL backend: a loop program becomes OpenCL C ({@link OpenClSource}: one kernel function
 * per launch, parallel loops on the NDRange), built once per device and source, and runs as a
 * {@link CompiledModel} whose buffers stay on the device. {@link #source} is {@code --dump-opencl}.
 */
public final class OpenClBackend {
  /** {@code device}: the index among all platforms' devices ({@link #devices()}, {@code tnet devices}). */
  public record Options(int device) {
    public Options {
      if (device < 0) throw new UserException("--device must be at least 0, got " + device);
    }

    public static Options defaults() {
      return new Options(0);
    }
  }

  private OpenClBackend() {}

  /**
   * The OpenCL devices of every platform.
   *
   * @throws UserException if there is no OpenCL library or platform
   */
  public static List<ClDevice> devices() {
    return Cl.devices();
  }

  /** Why this JVM cannot use OpenCL (no library, no platform, no device), or null if it can. */
  public static String unavailable() {
    try {
      Cl.devices();
      return null;
    } catch (UserException e) {
      return e.getMessage();
    }
  }

  /**
   * The loop program this backend compiles for {@code g}: plain loop nests (no library kernels),
   * then the loop passes, verified after each; {@code dump} sees each as {@link LoopPipeline}'s does.
   */
  public static LoopProgram lower(Graph g, Map<String, Shape> inputShapes, LoopPipeline.Listener dump) {
    LoopProgram p = step("lower", Lowering.lower(g, inputShapes, KernelPlan.NONE), dump);
    p = step("parallelize", Parallelize.run(p), dump);
    return step("vectorize", Vectorize.run(p), dump);
  }

  private static LoopProgram step(String pass, LoopProgram p, LoopPipeline.Listener dump) {
    LoopVerifier.verify(p);
    dump.after(pass, p);
    return p;
  }

  /** The OpenCL C for {@code p}. */
  public static String source(LoopProgram p) {
    return OpenClSource.of(List.of(p)).text();
  }

  /**
   * Compiles {@code p} for the options' device and uploads its weights.
   *
   * @throws UserException if the weights do not match, there is no OpenCL platform or device, or
   *     the device has too little memory
   */
  public static CompiledModel compile(LoopProgram p, Map<String, Tensor> weights, Options options) {
    return compileAll(List.of(p), List.of(weights), options).getFirst();
  }

  /** Compiles several programs with one OpenCL build (one source): the models are independent. */
  public static List<CompiledModel> compileAll(List<LoopProgram> programs, List<Map<String, Tensor>> weights, Options options) {
    for (LoopProgram p : programs) LoopVerifier.verify(p);
    ClDevice device = Cl.device(options.device());
    OpenClSource src = OpenClSource.of(programs);
    cl_program built = Cl.program(device, src.text());
    List<CompiledModel> out = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) out.add(new OpenClModel(src.plans().get(i), built, device, weights.get(i)));
    return out;
  }
}
