package dev.tnet.codegen.opencl;

/**
 * Work-group sizes for a launch, from what the device and the built kernel report. Dimension 0
 * (the innermost parallel loop, neighbouring elements) gets the largest share, in powers of two up
 * to the kernel's limit (at most {@link #TARGET} work-items, a size that keeps a GPU's compute
 * unit busy with several groups); a 1-D launch is split so that every compute unit gets a group
 * when there are enough work-items. Global sizes are rounded up to whole groups: kernels guard
 * against the extra work-items.
 */
final class Geometry {
  /** The work-items a group aims at when the kernel allows it. */
  static final long TARGET = 256;

  private Geometry() {}

  static long[] local(long[] extents, ClDevice d, long kernelMax, long multiple) {
    long[] local = new long[extents.length];
    long budget = Math.max(1, Math.min(kernelMax, Math.min(d.maxWorkGroupSize(), TARGET)));
    for (int i = 0; i < extents.length; i++) {
      long l = Math.min(Math.min(ceilPow2(extents[i]), budget), d.maxWorkItemSizes()[i]);
      l = Long.highestOneBit(Math.max(1, l));
      local[i] = l;
      budget = Math.max(1, budget / l);
    }
    if (extents.length == 1 && extents[0] > 1) {
      // Enough groups for every compute unit, while each stays a whole number of preferred multiples.
      long perUnit = (extents[0] + d.computeUnits() - 1) / Math.max(1, d.computeUnits());
      long spread = Math.max(multiple, (perUnit + multiple - 1) / multiple * multiple);
      local[0] = Math.max(1, Math.min(local[0], Long.highestOneBit(spread) == spread ? spread : Long.highestOneBit(spread) * 2));
      local[0] = Math.min(local[0], Math.min(kernelMax, d.maxWorkItemSizes()[0]));
    }
    return local;
  }

  static long[] global(long[] extents, long[] local) {
    long[] g = new long[extents.length];
    for (int i = 0; i < g.length; i++) g[i] = (extents[i] + local[i] - 1) / local[i] * local[i];
    return g;
  }

  private static long ceilPow2(long x) {
    return x <= 1 ? 1 : Long.highestOneBit(x - 1) * 2;
  }
}
