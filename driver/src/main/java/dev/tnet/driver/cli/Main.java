package dev.tnet.driver.cli;

import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.runtime.UserException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tnet} command line. User errors print {@code error: ...} and exit 1 without a stack
 * trace; anything else is a compiler bug, reported as such with its trace, exit 70.
 */
@Command(
    name = "tnet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Compiles .tnet network descriptions into fast code for the JVM and OpenCL.",
    subcommands = {CheckCommand.class, ParamsCommand.class, RunCommand.class, CompileCommand.class, ImportCommand.class, ExportCommand.class, DevicesCommand.class, FuzzCommand.class, OpsCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int USER_ERROR = 1;
  public static final int COMPILER_BUG = 70;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests too). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, new Object[0]);
  }

  /**
   * Runs the CLI with more subcommands than this module has: {@code tnet bench} lives in the bench
   * module, which depends on this one, and reaches the same error handling this way.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Object... extraCommands) {
    CommandLine cl = new CommandLine(new Main());
    for (Object c : extraCommands) cl.addSubcommand(c);
    cl.setOut(out);
    cl.setErr(err);
    setUsageExitCode(cl);
    cl.getSubcommands().values().forEach(c -> c.getCommandSpec().mixinStandardHelpOptions(true));
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof DiagnosticException) {
        err.println(e.getMessage());
        return USER_ERROR;
      }
      if (e instanceof UserException) {
        err.println("error: " + e.getMessage());
        return USER_ERROR;
      }
      err.println("internal compiler error (a bug in tnet, please report it with the command you ran):");
      e.printStackTrace(err);
      return COMPILER_BUG;
    });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.printf("error: out of memory: the model's tensors do not fit in the JVM heap (%,d MiB); give it more with"
          + " TNET_JAVA_OPTS=-Xmx16g ./tnet ... (or smaller inputs)%n", Runtime.getRuntime().maxMemory() >> 20);
      return USER_ERROR;
    } catch (StackOverflowError e) {
      err.println("error: the program is nested too deeply to compile (stack overflow); split long expressions, or give"
          + " the JVM a larger stack with TNET_JAVA_OPTS=-Xss64m");
      return USER_ERROR;
    }
  }

  /** A mistyped command line is a user error too: exit 1, as for every other user error. */
  private static void setUsageExitCode(CommandLine cl) {
    cl.getCommandSpec().exitCodeOnInvalidInput(USER_ERROR);
    cl.getSubcommands().values().forEach(Main::setUsageExitCode);
  }
}
