package dev.tnet.frontend;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tnet.frontend.diag.DiagnosticException;
import dev.tnet.frontend.diag.DiagnosticPrinter;
import dev.tnet.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Golden tests of the compiler's messages: every {@code NAME.tnet} directly in
 * {@code src/test/resources/diagnostics/} is compiled, and what {@code tnet check} would print
 * (errors and warnings, as {@link DiagnosticPrinter} formats them; a message without a place as
 * {@code error: ...}) must equal {@code NAME.expected} exactly. Files in subdirectories are not
 * cases; they are imported by the cases ({@code import_cycle/blocks.tnet}).
 *
 * <p>Paths are shown relative to the diagnostics directory ({@code NAME.tnet:3:9: error: ...});
 * an absolute path into it is shown as {@code <abs>/...}, so that the expectations do not depend
 * on where the checkout is.
 *
 * <p>To regenerate the expectations after changing a message, run
 *
 * <pre>
 * ./mvnw -o -pl frontend test -Dtest=DiagnosticsGoldenTest -Dtnet.updateGolden=true
 * </pre>
 *
 * which rewrites every {@code .expected} file that differs (and creates missing ones); then
 * review the changes with {@code git diff} before committing them: each expectation is meant to
 * be a message a person has read and found clear, not whatever the compiler printed.
 */
class DiagnosticsGoldenTest {
  static final Path ROOT = Path.of("src/test/resources/diagnostics");
  static final boolean UPDATE = Boolean.getBoolean("tnet.updateGolden");

  @TestFactory
  Stream<DynamicTest> diagnosticsMatchTheExpectedFiles() throws IOException {
    if (!Files.isDirectory(ROOT)) fail(ROOT.toAbsolutePath() + " is not a directory; run the test in the frontend module");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path source : cases()) {
      String name = source.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name, source.toUri(), () -> check(source)));
    }
    tests.add(DynamicTest.dynamicTest("every .expected file has its .tnet", this::noStaleExpectations));
    return tests.stream();
  }

  private static List<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".tnet")).sorted().toList();
    }
  }

  private void check(Path source) throws IOException {
    Path expectedFile = expectedFile(source);
    String actual = diagnostics(source);
    if (actual.isEmpty()) fail(source.getFileName() + " compiles without any diagnostic; a case here must produce one");
    String expected = Files.exists(expectedFile) ? Files.readString(expectedFile) : null;
    if (actual.equals(expected)) return;
    if (UPDATE) {
      Files.writeString(expectedFile, actual);
      System.out.println((expected == null ? "created " : "updated ") + expectedFile);
      return;
    }
    if (expected == null) {
      throw new AssertionFailedError("no " + expectedFile + "; it would be:\n" + actual
          + "\nrun with -Dtnet.updateGolden=true to create it, then review it", "", actual);
    }
    throw new AssertionFailedError(source.getFileName() + ": the diagnostics differ from " + expectedFile.getFileName()
        + " (- expected, + actual; -Dtnet.updateGolden=true rewrites the expectation):\n" + diff(expected, actual)
        + (diff(expected, actual).lines().allMatch(l -> l.startsWith("  ")) ? "(they differ in line breaks or invisible characters)\n" : ""),
        expected, actual);
  }

  private void noStaleExpectations() throws IOException {
    List<String> stale = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".expected")).sorted().toList()) {
        String base = p.getFileName().toString().replaceAll("\\.expected$", "");
        if (!Files.exists(ROOT.resolve(base + ".tnet"))) stale.add(p.getFileName().toString());
      }
    }
    if (!stale.isEmpty()) fail("expectations without a case (delete them): " + stale);
  }

  private static Path expectedFile(Path source) {
    return source.resolveSibling(source.getFileName().toString().replaceAll("\\.tnet$", ".expected"));
  }

  /** What {@code tnet check} prints on stderr for the file, with paths relative to {@link #ROOT}. */
  static String diagnostics(Path source) {
    String printed;
    try {
      printed = DiagnosticPrinter.print(Frontend.compile(source, null, Map.of()).warnings());
    } catch (DiagnosticException e) {
      printed = DiagnosticPrinter.print(e.diagnostics());
    } catch (UserException e) {
      printed = "error: " + e.getMessage() + "\n";
    }
    String absolute = ROOT.toAbsolutePath().normalize() + java.io.File.separator;
    return printed.replace(absolute, "<abs>/").replace(ROOT + java.io.File.separator, "");
  }

  /** A line diff (longest common subsequence): unchanged lines with two spaces, removed with '-', added with '+'. */
  static String diff(String expected, String actual) {
    String[] a = lines(expected), b = lines(actual);
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder sb = new StringBuilder();
    int i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        sb.append("  ").append(a[i++]).append('\n');
        j++;
      } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        sb.append("- ").append(a[i++]).append('\n');
      } else {
        sb.append("+ ").append(b[j++]).append('\n');
      }
    }
    return sb.toString();
  }

  private static String[] lines(String text) {
    return (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
  }
}
