package dev.tnet.driver.cli;

import dev.tnet.codegen.opencl.ClDevice;
import dev.tnet.codegen.opencl.OpenClBackend;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tnet devices}: the OpenCL platforms and devices, numbered for {@code run --backend opencl --device N}. */
@Command(name = "devices", description = "Lists the OpenCL devices (for run --backend opencl --device N).")
final class DevicesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    String platform = null;
    for (ClDevice d : OpenClBackend.devices()) {
      if (!d.platform().equals(platform)) {
        platform = d.platform();
        out.println("platform " + platform);
      }
      out.println("  device " + d.describe().replace("\n", "\n  "));
    }
  }
}
