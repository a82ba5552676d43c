package dev.tnet.codegen.opencl;

import static org.jocl.CL.*;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * An OpenCL device and what the backend sizes its launches and buffers by, as the device reports
 * it. {@code index} numbers the devices of all platforms in order ({@code --device N}).
 */
public record ClDevice(int index, String platform, String name, String type, String version, int computeUnits,
    long maxWorkGroupSize, long[] maxWorkItemSizes, long globalMemBytes, long maxAllocBytes, long localMemBytes,
    boolean fp64, cl_platform_id platformId, cl_device_id id) {

  static ClDevice query(int index, String platform, cl_platform_id p, cl_device_id d) {
    long[] items = new long[3];
    clGetDeviceInfo(d, CL_DEVICE_MAX_WORK_ITEM_SIZES, 3L * Sizeof.size_t, Pointer.to(items), null);
    long[] type = new long[1];
    clGetDeviceInfo(d, CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
    int[] cu = new int[1];
    clGetDeviceInfo(d, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint, Pointer.to(cu), null);
    long[] fp64 = new long[1];
    clGetDeviceInfo(d, CL_DEVICE_DOUBLE_FP_CONFIG, Sizeof.cl_ulong, Pointer.to(fp64), null);
    String t = (type[0] & CL_DEVICE_TYPE_GPU) != 0 ? "GPU" : (type[0] & CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
        : (type[0] & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other";
    return new ClDevice(index, platform, string(d, CL_DEVICE_NAME), t, string(d, CL_DEVICE_VERSION), cu[0],
        Cl.sizeT(d, CL_DEVICE_MAX_WORK_GROUP_SIZE), items, ulong(d, CL_DEVICE_GLOBAL_MEM_SIZE),
        ulong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE), ulong(d, CL_DEVICE_LOCAL_MEM_SIZE), fp64[0] != 0, p, d);
  }

  private static long ulong(cl_device_id d, int param) {
    long[] v = new long[1];
    clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
    return v[0];
  }

  private static String string(cl_device_id d, int param) {
    long[] size = new long[1];
    clGetDeviceInfo(d, param, 0, null, size);
    byte[] b = new byte[(int) size[0]];
    clGetDeviceInfo(d, param, b.length, Pointer.to(b), null);
    return Cl.cstring(b);
  }

  /** {@code 0: pthread-haswell-AMD EPYC (CPU, Portable Computing Language, OpenCL 3.0 PoCL ...)} and its limits. */
  public String describe() {
    return index + ": " + name + " (" + type + ", " + platform + ", " + version + ")\n"
        + "   compute units " + computeUnits + ", work-group size " + maxWorkGroupSize + ", work-item sizes "
        + maxWorkItemSizes[0] + "x" + maxWorkItemSizes[1] + "x" + maxWorkItemSizes[2] + "\n"
        + "   global memory " + globalMemBytes / (1 << 20) + " MiB (largest buffer " + maxAllocBytes / (1 << 20)
        + " MiB), local memory " + localMemBytes / 1024 + " KiB, fp64 " + (fp64 ? "yes" : "no");
  }
}
