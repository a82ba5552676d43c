/**
 * The JVM backend: loop IR to one class of bytecode per program, in the order data flows.
 *
 * <ol>
 *   <li>{@link dev.tnet.codegen.jvm.ClassPlan} decides the static methods: one per kernel, one per
 *       parallel loop (its chunk), and {@link dev.tnet.codegen.jvm.MethodSplitter}'s parts that keep
 *       every method under HotSpot's 8000-byte {@code HugeMethodLimit};
 *   <li>{@link dev.tnet.codegen.jvm.ClassEmitter} emits the class (fields, constructor,
 *       {@code execute}), {@link dev.tnet.codegen.jvm.MethodEmitter} each method's scalar code and
 *       {@link dev.tnet.codegen.jvm.VectorEmitter} the Vector API code of VECTOR loops;
 *   <li>{@link dev.tnet.codegen.jvm.JvmBackend} loads the class in a class loader of its own
 *       (with its own copy of the kernel library: {@link dev.tnet.runtime.model.ModelClassLoader}), or
 *       {@link dev.tnet.codegen.jvm.JarWriter} writes it to a jar with the weights.
 * </ol>
 *
 * The loop interpreter is the definition: generated code performs the same IEEE float and Java
 * integer operations in the same order, so outputs are bit-identical (tests check every golden
 * case). To see the bytecode, call {@link dev.tnet.codegen.jvm.JvmBackend#dump}.
 */
package dev.tnet.codegen.jvm;
