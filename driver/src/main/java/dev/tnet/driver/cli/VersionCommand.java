package dev.tnet.driver.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tnet version}: tnet's version and the JVM it runs on. */
@Command(name = "version", description = "Prints tnet's version and the Java runtime.")
final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public void run() {
    for (String line : new Provider().getVersion()) spec.commandLine().getOut().println(line);
  }

  static String tnetVersion() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/dev/tnet/driver/version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new dev.tnet.runtime.CompilerBug("version.properties missing from the driver jar", e);
    }
  }

  static final class Provider implements CommandLine.IVersionProvider {
    public String[] getVersion() {
      return new String[] {
        "tnet " + tnetVersion(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        "Vector API: " + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "enabled" : "not enabled (run with --add-modules jdk.incubator.vector)")
      };
    }
  }
}
