package dev.tnet.driver.cli;

import java.io.PrintWriter;
import java.util.List;

/** A plain text table: columns padded to their widest cell, a rule under the header row. */
final class Table {
  private Table() {}

  static void print(PrintWriter out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], r[c].length());
    for (int i = 0; i < rows.size(); i++) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        String cell = rows.get(i)[c];
        boolean right = c >= cols - 2;
        String pad = " ".repeat(width[c] - cell.length());
        sb.append(right ? pad + cell : cell + pad);
        if (c < cols - 1) sb.append("  ");
      }
      out.println(sb.toString().stripTrailing());
      if (i == 0) {
        int total = 0;
        for (int w : width) total += w;
        out.println("-".repeat(total + 2 * (cols - 1)));
      }
    }
  }
}
