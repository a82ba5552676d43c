package dev.tnet.codegen.opencl;

import static org.jocl.CL.*;

import dev.tnet.runtime.CompilerBug;
import dev.tnet.runtime.UserException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * The one place that talks to OpenCL (through JOCL): finds platforms and devices, keeps one
 * context per device and the built programs (by device and source hash), and turns OpenCL errors
 * into tnet's: no platform and out-of-memory are {@link UserException}s, anything else a
 * {@link CompilerBug}.
 */
final class Cl {
  /** Build options: IEEE division and square root, no fast-math, no contraction (see the prelude). */
  static final String BUILD_OPTIONS = "-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt";

  static final String NO_PLATFORM = "no OpenCL platform found; install an OpenCL driver, for example PoCL for the CPU "
      + "(apt-get install pocl-opencl-icd ocl-icd-libopencl1 ocl-icd-opencl-dev: JOCL loads libOpenCL.so), or a GPU vendor's";

  private static volatile List<ClDevice> devices;
  private static final Map<Integer, cl_context> CONTEXTS = new ConcurrentHashMap<>();
  private static final Map<String, cl_program> PROGRAMS = new ConcurrentHashMap<>();

  private Cl() {}

  /** Every device of every platform, numbered in that order. */
  static List<ClDevice> devices() {
    List<ClDevice> d = devices;
    if (d != null) return d;
    synchronized (Cl.class) {
      if (devices == null) devices = List.copyOf(discover());
      return devices;
    }
  }

  static ClDevice device(int index) {
    List<ClDevice> all = devices();
    if (index < 0 || index >= all.size()) {
      throw new UserException("no OpenCL device " + index + "; the devices are 0.." + (all.size() - 1) + " (see tnet devices)");
    }
    return all.get(index);
  }

  private static List<ClDevice> discover() {
    int[] n = new int[1];
    try {
      setExceptionsEnabled(true);
      clGetPlatformIDs(0, null, n);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new UserException(NO_PLATFORM + " (" + e.getMessage() + ")");
    } catch (CLException e) {
      throw new UserException(NO_PLATFORM + " (" + e.getMessage() + ")");
    }
    if (n[0] == 0) throw new UserException(NO_PLATFORM);
    cl_platform_id[] platforms = new cl_platform_id[n[0]];
    clGetPlatformIDs(n[0], platforms, null);
    List<ClDevice> out = new ArrayList<>();
    for (cl_platform_id p : platforms) {
      String platform = string(p);
      int[] count = new int[1];
      try {
        clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, count);
      } catch (CLException e) {
        if (e.getStatus() == CL_DEVICE_NOT_FOUND) continue;
        throw e;
      }
      cl_device_id[] ids = new cl_device_id[count[0]];
      clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, count[0], ids, null);
      for (cl_device_id id : ids) out.add(ClDevice.query(out.size(), platform, p, id));
    }
    if (out.isEmpty()) throw new UserException(NO_PLATFORM + " (the platforms have no devices)");
    return out;
  }

  private static String string(cl_platform_id p) {
    long[] size = new long[1];
    clGetPlatformInfo(p, CL_PLATFORM_NAME, 0, null, size);
    byte[] b = new byte[(int) size[0]];
    clGetPlatformInfo(p, CL_PLATFORM_NAME, b.length, Pointer.to(b), null);
    return cstring(b);
  }

  static String cstring(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) n++;
    return new String(b, 0, n, StandardCharsets.UTF_8).trim();
  }

  static cl_context context(ClDevice d) {
    return CONTEXTS.computeIfAbsent(d.index(), i -> {
      try {
        return clCreateContext(null, 1, new cl_device_id[] {d.id()}, null, null, null);
      } catch (CLException e) {
        throw failure(e, "creating a context", d);
      }
    });
  }

  /** The program built from {@code source} for {@code d}, built once per device and source. */
  static cl_program program(ClDevice d, String source) {
    return PROGRAMS.computeIfAbsent(d.index() + ":" + sha256(BUILD_OPTIONS + "\n" + source), k -> build(d, source));
  }

  private static cl_program build(ClDevice d, String source) {
    cl_program p = clCreateProgramWithSource(context(d), 1, new String[] {source}, null, null);
    try {
      clBuildProgram(p, 1, new cl_device_id[] {d.id()}, BUILD_OPTIONS, null, null);
      return p;
    } catch (CLException e) {
      String log = buildLog(p, d);
      clReleaseProgram(p);
      if (e.getStatus() == CL_BUILD_PROGRAM_FAILURE) {
        throw new CompilerBug("OpenCL could not build the generated kernels on " + d.name() + " (see --dump-opencl):\n" + log);
      }
      throw failure(e, "building the kernels (" + log + ")", d);
    }
  }

  private static String buildLog(cl_program p, ClDevice d) {
    try {
      long[] size = new long[1];
      clGetProgramBuildInfo(p, d.id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
      byte[] b = new byte[(int) size[0]];
      clGetProgramBuildInfo(p, d.id(), CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
      return cstring(b);
    } catch (CLException e) {
      return "(no build log: " + e.getMessage() + ")";
    }
  }

  /** The error for an OpenCL call that failed while doing {@code what} on {@code d}. */
  static RuntimeException failure(CLException e, String what, ClDevice d) {
    int s = e.getStatus();
    if (s == CL_MEM_OBJECT_ALLOCATION_FAILURE || s == CL_OUT_OF_RESOURCES || s == CL_OUT_OF_HOST_MEMORY) {
      return new UserException("the OpenCL device " + d.index() + " (" + d.name() + ") ran out of memory or resources while "
          + what + " (" + stringFor_errorCode(s) + "; it has " + d.globalMemBytes() / (1 << 20) + " MiB): use a smaller input"
          + " or another device (--device, see tnet devices)");
    }
    return new CompilerBug("OpenCL failed while " + what + " on " + d.name() + ": " + stringFor_errorCode(s), e);
  }

  /** The largest work-group {@code k} can run with on {@code d} (its registers may allow less than the device's). */
  static long kernelWorkGroupSize(cl_kernel k, ClDevice d) {
    long[] v = new long[1];
    clGetKernelWorkGroupInfo(k, d.id(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
    return Math.max(1, v[0]);
  }

  /** The work-group size multiple {@code k} runs best with on {@code d} (a GPU's warp or wavefront). */
  static long kernelPreferredMultiple(cl_kernel k, ClDevice d) {
    long[] v = new long[1];
    clGetKernelWorkGroupInfo(k, d.id(), CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE, Sizeof.size_t, Pointer.to(v), null);
    return Math.max(1, v[0]);
  }

  static long sizeT(cl_device_id d, int param) {
    long[] v = new long[1];
    clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null);
    return v[0];
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new CompilerBug("no SHA-256", e);
    }
  }
}
