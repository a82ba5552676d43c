package dev.tnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;

/** What the figures were measured on, and how busy the machine was. */
record Machine(String cpu, int cores, int vectorBits, String jdk, String ort) {
  static Machine describe() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // Not Linux: keep "unknown CPU".
    }
    // The heap options that change kernel speed: the collector and transparent huge pages (the launcher sets them).
    String flags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-XX:+Use") && (a.endsWith("GC") || a.contains("HugePages"))).collect(java.util.stream.Collectors.joining(" "));
    String jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version()
        + (flags.isEmpty() ? "" : ", " + flags);
    return new Machine(cpu, Runtime.getRuntime().availableProcessors(), FloatVector.SPECIES_PREFERRED.vectorBitSize(), jdk, OrtRunner.version());
  }

  /** The 1, 5 and 15 minute load averages as uptime prints them, or NaN where unknown. */
  static double[] load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
  }
}
