package dev.tnet.codegen.opencl;

import static org.jocl.CL.*;

import dev.tnet.ir.loop.Buffer;
import dev.tnet.ir.loop.LoopProgram;
import dev.tnet.ir.loop.ScalarType;
import dev.tnet.runtime.DType;
import dev.tnet.runtime.Tensor;
import dev.tnet.runtime.UserException;
import dev.tnet.runtime.model.CompiledModel;
import dev.tnet.runtime.model.IoSpec;
import dev.tnet.runtime.model.ModelSignature;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * A loop program on an OpenCL device. Every buffer lives on the device for the model's life:
 * weights are uploaded once, inputs are written and outputs read once per run, intermediates never
 * leave the device. Runs are serialized per model (its buffers and queue are reused); the device
 * objects are released when the model is garbage.
 */
final class OpenClModel implements CompiledModel {
  private static final Cleaner CLEANER = Cleaner.create();

  private record Launch(cl_kernel kernel, long[] global, long[] local) {}

  private final ModelSignature signature;
  private final ClDevice device;
  private final cl_command_queue queue;
  private final Map<String, cl_mem> mems = new LinkedHashMap<>();
  private final cl_mem err;
  private final List<Launch> launches = new ArrayList<>();
  private final List<Buffer> cleared = new ArrayList<>();
  private final List<CEmitter.CheckSite> checks;
  private final LoopProgram program;

  OpenClModel(OpenClSource.Plan plan, cl_program built, ClDevice device, Map<String, Tensor> weights) {
    this.program = plan.program();
    this.device = device;
    this.checks = plan.checks();
    this.signature = signature(program);
    signature.check("weight", signature.weights(), weights);
    checkMemory();
    List<Object> owned = new ArrayList<>();
    CLEANER.register(this, () -> release(owned));
    try {
      queue = clCreateCommandQueueWithProperties(Cl.context(device), device.id(), null, null);
      owned.add(queue);
      err = clCreateBuffer(Cl.context(device), CL_MEM_READ_WRITE, 4L * Sizeof.cl_int, null, null);
      owned.add(err);
      for (Buffer b : program.buffers().values()) {
        long bytes = Math.max(1, (long) b.size()) * elementBytes(b);
        String weight = weightName(b.name());
        cl_mem m;
        if (weight != null && b.size() > 0) {
          Tensor t = weights.get(weight);
          Pointer data = t.dtype() == DType.F32 ? Pointer.to(t.floats()) : Pointer.to(t.longs());
          m = clCreateBuffer(Cl.context(device), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, data, null);
        } else {
          m = clCreateBuffer(Cl.context(device), CL_MEM_READ_WRITE, bytes, null, null);
          if (b.role() == Buffer.Role.TEMP || b.role() == Buffer.Role.OUTPUT) cleared.add(b);
        }
        owned.add(m);
        mems.put(b.name(), m);
      }
      for (OpenClSource.LaunchPlan lp : plan.launches()) {
        cl_kernel k = clCreateKernel(built, lp.function(), null);
        owned.add(k);
        clSetKernelArg(k, 0, Sizeof.cl_mem, Pointer.to(err));
        for (int i = 0; i < lp.buffers().size(); i++) clSetKernelArg(k, i + 1, Sizeof.cl_mem, Pointer.to(mems.get(lp.buffers().get(i))));
        long[] local = Geometry.local(lp.extents(), device, Cl.kernelWorkGroupSize(k, device), Cl.kernelPreferredMultiple(k, device));
        launches.add(new Launch(k, Geometry.global(lp.extents(), local), local));
      }
    } catch (CLException e) {
      throw Cl.failure(e, "allocating the buffers of model " + program.name(), device);
    }
  }

  private String weightName(String buffer) {
    for (Map.Entry<String, String> e : program.weights().entrySet()) if (e.getValue().equals(buffer)) return e.getKey();
    return null;
  }

  private static int elementBytes(Buffer b) {
    return b.type() == ScalarType.I64 ? 8 : 4;
  }

  /** Fails early, with sizes, when the buffers cannot fit the device. */
  private void checkMemory() {
    long total = 0;
    for (Buffer b : program.buffers().values()) {
      long bytes = (long) b.size() * elementBytes(b);
      total += bytes;
      if (bytes > device.maxAllocBytes()) {
        throw new UserException("buffer " + b.name() + " of model " + program.name() + " needs " + bytes / (1 << 20) + " MiB, more than"
            + " the OpenCL device " + device.index() + " (" + device.name() + ") allows in one buffer ("
            + device.maxAllocBytes() / (1 << 20) + " MiB): use a smaller input or another device");
      }
    }
    if (total > device.globalMemBytes()) {
      throw new UserException("model " + program.name() + " needs " + total / (1 << 20) + " MiB of device memory, the OpenCL device "
          + device.index() + " (" + device.name() + ") has " + device.globalMemBytes() / (1 << 20) + " MiB: use a smaller input");
    }
  }

  private static void release(List<Object> owned) {
    for (int i = owned.size() - 1; i >= 0; i--) {
      switch (owned.get(i)) {
        case cl_kernel k -> clReleaseKernel(k);
        case cl_mem m -> clReleaseMemObject(m);
        case cl_command_queue q -> clReleaseCommandQueue(q);
        default -> {}
      }
    }
  }

  @Override
  public synchronized Map<String, Tensor> run(Map<String, Tensor> inputs) {
    signature.check("input", signature.inputs(), inputs);
    try {
      program.inputs().forEach((name, buf) -> {
        Tensor t = inputs.get(name);
        if (t.size() == 0) return;
        Pointer data = t.dtype() == DType.F32 ? Pointer.to(t.floats()) : Pointer.to(t.longs());
        clEnqueueWriteBuffer(queue, mems.get(buf), CL_TRUE, 0, (long) t.size() * elementBytes(program.buffer(buf)), data, 0, null, null);
      });
      // Fresh intermediates each run, as the JVM backend's: a kernel may rely on zeros it did not write.
      for (Buffer b : cleared) {
        if (b.size() > 0) {
          clEnqueueFillBuffer(queue, mems.get(b.name()), Pointer.to(new int[1]), Sizeof.cl_int, 0, (long) b.size() * elementBytes(b), 0, null, null);
        }
      }
      clEnqueueFillBuffer(queue, err, Pointer.to(new int[1]), Sizeof.cl_int, 0, 4L * Sizeof.cl_int, 0, null, null);
      for (Launch l : launches) clEnqueueNDRangeKernel(queue, l.kernel(), l.global().length, null, l.global(), l.local(), 0, null, null);
      int[] status = new int[4];
      clEnqueueReadBuffer(queue, err, CL_TRUE, 0, 4L * Sizeof.cl_int, Pointer.to(status), 0, null, null);
      if (status[0] != 0) throw failedCheck(status);
      Map<String, Tensor> out = new LinkedHashMap<>();
      Map<String, Object> read = new HashMap<>();
      for (IoSpec s : signature.outputs()) {
        String buf = program.outputs().get(s.name());
        Buffer b = program.buffer(buf);
        Object a = read.containsKey(buf) ? copy(read.get(buf)) : null;
        if (a == null) {
          a = b.type() == ScalarType.I64 ? new long[b.size()] : new float[b.size()];
          if (b.size() > 0) {
            Pointer p = a instanceof long[] l ? Pointer.to(l) : Pointer.to((float[]) a);
            clEnqueueReadBuffer(queue, mems.get(buf), CL_TRUE, 0, (long) b.size() * elementBytes(b), p, 0, null, null);
          }
          read.put(buf, a);
        }
        out.put(s.name(), a instanceof long[] l ? Tensor.ofLongs(s.shape(), l) : Tensor.of(s.shape(), (float[]) a));
      }
      return out;
    } catch (CLException e) {
      throw Cl.failure(e, "running model " + program.name(), device);
    }
  }

  private static Object copy(Object a) {
    return a instanceof long[] l ? l.clone() : ((float[]) a).clone();
  }

  /** The JVM backend's exception for the failed check recorded in {@code status}. */
  private RuntimeException failedCheck(int[] status) {
    if (status[0] < 0) return new ArithmeticException("/ by zero");
    CEmitter.CheckSite c = checks.get(status[0] - 1);
    int lo = status[1], hi = status[2];
    String value = switch (c.type()) {
      case F32 -> String.valueOf(Float.intBitsToFloat(lo));
      case I64 -> String.valueOf(((long) hi << 32) | (lo & 0xffffffffL));
      case BOOL -> String.valueOf(lo != 0);
      case I32 -> String.valueOf(lo);
    };
    return new UserException(c.message() + " (got " + value + ")");
  }

  static ModelSignature signature(LoopProgram p) {
    return new ModelSignature(p.name(), specs(p, p.inputs()), specs(p, p.outputs()), specs(p, p.weights()));
  }

  private static List<IoSpec> specs(LoopProgram p, Map<String, String> names) {
    List<IoSpec> out = new ArrayList<>();
    names.forEach((name, buf) -> {
      Buffer b = p.buffer(buf);
      out.add(new IoSpec(name, b.type() == ScalarType.I64 ? DType.I64 : DType.F32, b.shape()));
    });
    return out;
  }

  @Override
  public List<IoSpec> inputs() {
    return signature.inputs();
  }

  @Override
  public List<IoSpec> outputs() {
    return signature.outputs();
  }

  public String toString() {
    return "OpenCL model " + program.name() + " on " + device.name() + signature.inputs() + " -> " + signature.outputs();
  }
}
