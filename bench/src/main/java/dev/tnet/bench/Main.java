package dev.tnet.bench;

import java.io.PrintWriter;

/**
 * {@code ./tnet bench}: the launcher runs this class (bench jar and its libraries on the class
 * path) for the {@code bench} command, which it adds to the driver's CLI so that options, help and
 * error handling are the driver's.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true), err = new PrintWriter(System.err, true);
    System.exit(dev.tnet.driver.cli.Main.execute(args, out, err, new BenchCommand()));
  }
}
