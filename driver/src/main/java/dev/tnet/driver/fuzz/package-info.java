/**
 * Property-based fuzzing of kernels and graphs against the reference interpreter: NNSmith's valid
 * random graphs by construction, XLA's RunAndCompare with a stated error spec.
 *
 * <h2>Cases</h2>
 * <ul>
 *   <li>{@link dev.tnet.driver.fuzz.OpCases}: one op of the catalogue (a generator per family
 *       covers all of it) with random valid arguments and shapes, biased to what breaks kernels:
 *       sizes 1 and primes, channels and innermost sizes around the vector lengths (7 to 9, 15 to
 *       17, 31 to 33), strides past the kernel, dilation with padding, ceil-mode windows, groups
 *       equal to channels, empty dims, broadcasts of every rank, 0-d tensors.
 *   <li>{@link dev.tnet.driver.fuzz.GraphCases}: DAGs of 2 to 20 ops grown from the types the
 *       graph builder infers, so every shape constraint holds by construction.
 *   <li>{@link dev.tnet.driver.fuzz.Values}: normal, uniform, positive, large (±1000) and
 *       half-integer values with exact zeros and negative zeros; integer indices and divisors that
 *       are sometimes out of range or zero, run-time errors every engine must raise alike.
 * </ul>
 * Everything is drawn from a {@link java.util.SplittableRandom} seeded by the case's seed.
 *
 * <h2>Properties</h2>
 * Each is a function from a seed to pass or fail ({@link dev.tnet.driver.fuzz.Property#test}):
 * <ul>
 *   <li>{@code jit}: the JIT, with 1 and 2 threads, vectorized, equals the interpreter within
 *       {@link dev.tnet.driver.fuzz.Tolerance} (which states and justifies the error spec), raises
 *       the same kind of data error, and both thread counts agree bit for bit;
 *   <li>{@code aot}: a jar written ahead of time and loaded equals the JIT bit for bit;
 *   <li>{@code passes}: the loop verifier accepts the program after every pass and the loop
 *       interpreter gives the same bits after each;
 *   <li>{@code print}: a graph printed as {@code .tnet} compiles back to the same graph;
 *   <li>{@code source}: random and mutated source gives a graph or a user error, never a crash.
 * </ul>
 *
 * <h2>Failures</h2>
 * A failure is shrunk ({@link dev.tnet.driver.fuzz.GraphShrinker}: cut the graph around the
 * failing node with the reference's intermediate values as inputs, halve dims and arguments) and
 * written as a directory with {@code case.tnet}, {@code inputs/*.npy}, {@code weights.safetensors},
 * the exact graph as {@code graph.json} and a README with the seed, the symptom and the {@code
 * tnet run} commands ({@link dev.tnet.driver.fuzz.Reproducer}). A bug found becomes a regression test by copying
 * that directory to {@code driver/src/test/resources/fuzz-regressions/NAME/}.
 *
 * <h2>Running</h2>
 * <pre>
 * ./tnet fuzz --time 10m                             # every property, random seed (printed)
 * ./tnet fuzz --property jit --seed 1234 --tries 1   # replay one seed
 * ./tnet fuzz --op conv2d --tries 500                # single-op cases of one op only
 * ./tnet fuzz --replay fuzz-failures/jit-1234        # check a reproducer again
 * ./mvnw -pl driver test -Dtest='Fuzz*' -Dtnet.fuzz.seed=1234
 * </pre>
 * Try {@code i} of a run with seed {@code S} uses seed {@code S + i}; each property mixes its name
 * into it, so the properties see different cases.
 */
package dev.tnet.driver.fuzz;
