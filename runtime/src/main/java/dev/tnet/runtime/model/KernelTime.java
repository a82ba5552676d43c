package dev.tnet.runtime.model;

/**
 * What a profiled model measured for one of its kernels over every run so far: {@code kernel}
 * names it as the loop IR does ({@code tnet run --dump-ir} prints the same names), {@code calls}
 * counts its calls and {@code nanos} sums their wall-clock time, on the calling thread, including
 * the time the kernel waits for its pool workers.
 */
public record KernelTime(String kernel, long calls, long nanos) {}
