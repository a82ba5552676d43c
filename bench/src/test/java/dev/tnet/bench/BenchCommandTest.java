package dev.tnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of {@code tnet bench --quick} on LeNet-5 only: exercises every code path (tnet and
 * ONNX Runtime, the kernels, the report and the chart) without timing anything that matters. It
 * checks the shape of the report, never the figures.
 */
class BenchCommandTest {
  @Test
  void quickRunWritesOneRowPerNetworkAndThreadCount(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("RESULTS.md");
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = dev.tnet.driver.cli.Main.execute(new String[] {"bench", "--quick", "--networks", "lenet5", "--threads", "1,2",
        "--samples", "../samples", "--out", md.toString()}, new PrintWriter(out), new PrintWriter(err), new BenchCommand());
    assertEquals(0, code, out + "\n" + err);

    String report = Files.readString(md);
    List<String> nets = report.lines().filter(l -> l.startsWith("| LeNet-5 28x28 |")).toList();
    assertEquals(2, nets.size(), report);
    for (String row : nets) {
      String[] cells = row.split("\\|");
      double tnet = Double.parseDouble(cells[4].trim()), ort = Double.parseDouble(cells[5].trim()), ratio = Double.parseDouble(cells[6].trim());
      double paired = Double.parseDouble(cells[7].trim());
      assertTrue(tnet > 0 && ort > 0 && Double.isFinite(ratio) && ratio > 0 && Double.isFinite(paired) && paired > 0, row);
      assertTrue(Double.parseDouble(cells[14].trim()) < 1e-4, "tnet and ONNX Runtime disagree: " + row);
    }
    long kernels = report.lines().filter(l -> l.matches("\\| (conv|depthwise|gemm) .*")).count();
    assertEquals(5 * 2, kernels, report); // 3x3 conv direct and Winograd, 1x1 conv, depthwise, GEMM; at 1 and 2 threads
    assertTrue(report.contains("load average"), report);
    assertTrue(Files.size(dir.resolve("results.png")) > 1000, "no chart");
  }
}
