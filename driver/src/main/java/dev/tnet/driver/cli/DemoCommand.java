package dev.tnet.driver.cli;

import dev.tnet.driver.demo.DemoNetwork;
import dev.tnet.interp.Interpreter;
import dev.tnet.ir.graph.Graph;
import dev.tnet.ir.graph.GraphTyper;
import dev.tnet.ir.graph.RandomWeights;
import dev.tnet.ir.graph.TypedGraph;
import dev.tnet.runtime.Shape;
import dev.tnet.runtime.Tensor;
import java.io.PrintWriter;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tnet demo}: runs the built-in demo network through the reference interpreter with
 * seeded random weights and a seeded random batch, and prints the graph and the predictions.
 */
@Command(name = "demo", description = "Runs a small built-in image classifier with random weights.")
final class DemoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--batch", description = "Images in the batch (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int batch;

  @Option(names = "--seed", description = "Seed of the weights and the images (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  long seed;

  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (batch < 1 || batch > 1024) throw new dev.tnet.runtime.UserException("--batch must be 1 to 1024, got " + batch);
    Graph g = DemoNetwork.build();
    out.print(g);
    TypedGraph typed = GraphTyper.infer(g);
    Map<String, Long> symbols = Map.of("N", (long) batch);
    Map<String, Tensor> weights = RandomWeights.generate(typed, symbols, seed);
    long params = weights.values().stream().mapToLong(Tensor::size).sum();
    Tensor images = randomImages(batch, seed);
    long t0 = System.nanoTime();
    Tensor p = Interpreter.run(g, Map.of("image", images), weights).get("probabilities");
    double ms = (System.nanoTime() - t0) / 1e6;
    out.printf("%n%d parameters; ran %s through the reference interpreter in %.1f ms%n", params, images.shape(), ms);
    for (int n = 0; n < batch; n++) {
      int best = 0;
      for (int c = 1; c < 10; c++) if (p.get(n, c) > p.get(n, best)) best = c;
      out.printf("image %d: class %d with probability %.4f%n", n, best, p.get(n, best));
    }
  }

  static Tensor randomImages(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    float[] v = new float[n * 3 * 32 * 32];
    for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble(-1, 1);
    return Tensor.of(Shape.of(n, 3, 32, 32), v);
  }
}
