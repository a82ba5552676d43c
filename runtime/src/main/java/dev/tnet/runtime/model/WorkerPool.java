package dev.tnet.runtime.model;

import dev.tnet.runtime.UserException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that runs the iterations of parallel loops. The thread count is chosen
 * when a model is compiled ({@link #defaultThreads} unless said otherwise); models compiled with
 * the same count share one pool ({@link #shared}), whose daemon threads live as long as the JVM.
 *
 * <p>{@link #forRange} splits {@code [0, extent)} into a few contiguous chunks per thread, fixed
 * by {@code extent} and the thread count, never by timing. The calling thread publishes the loop
 * in the pool's one slot, wakes the workers and takes chunks itself; workers take the rest (so a
 * busy or descheduled worker costs only its current chunk). Workers spin briefly before parking,
 * so back-to-back loops do not pay a wake-up each. A parallel loop's iterations write disjoint
 * elements, so results do not depend on who runs which chunk. A loop started while the slot is
 * taken (another caller's loop, or a loop started from a worker) runs serially on its thread: no
 * nested parallelism, no deadlock, and concurrent callers each keep making progress.
 */
public final class WorkerPool {
  /** The body of a parallel loop: runs iterations {@code [lo, hi)}. */
  @FunctionalInterface
  public interface Range {
    void run(int lo, int hi);
  }

  /** Chunks per thread: enough to even out a loaded core, few enough to stay cheap. */
  static final int CHUNKS_PER_THREAD = 4;
  /**
   * How long a worker (and a caller waiting for workers) spins before parking: 2 ms, so a model's
   * kernels never wait for a parked thread to wake within a run. On this project's 2-vCPU VM a
   * wake-up can take far longer than the work between two loops; ResNet-18 at 2 threads, medians
   * of three alternating runs: 31.3/39.5/41.4 ms with 50 µs, 29.0/31.9/29.1 with 2 ms (0.5 ms:
   * 32.4/30.9; 10 ms: 29.7/32.1). ONNX Runtime's pool spins ~30 ms after a run.
   */
  private static final long SPIN_NANOS = Long.getLong("tnet.pool.spinNanos", 2_000_000L);

  private static final ConcurrentHashMap<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();

  private final int threads;
  private final Worker[] workers;
  /** The loop being run, if any: at most one at a time, published by its caller. */
  private final AtomicReference<Job> slot = new AtomicReference<>();

  /** One parallel loop: its chunks are claimed in order by the caller and the workers. */
  private static final class Job {
    final Range body;
    final int extent, chunks;
    final Thread caller;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger unfinished;
    /** The failure of each chunk, if any. */
    final AtomicReferenceArray<Throwable> failures;
    volatile boolean callerParked;

    Job(Range body, int extent, int chunks) {
      this.body = body;
      this.extent = extent;
      this.chunks = chunks;
      this.caller = Thread.currentThread();
      this.unfinished = new AtomicInteger(chunks);
      this.failures = new AtomicReferenceArray<>(chunks);
    }

    /** Claims and runs chunks until none is left; returns whether this thread ran any. */
    boolean work() {
      boolean ran = false;
      for (int c; (c = next.getAndIncrement()) < chunks; ) {
        ran = true;
        try {
          body.run(bound(extent, chunks, c), bound(extent, chunks, c + 1));
        } catch (Throwable t) {
          failures.set(c, t);
        }
        if (unfinished.decrementAndGet() == 0 && Thread.currentThread() != caller && callerParked) LockSupport.unpark(caller);
      }
      return ran;
    }
  }

  private final class Worker extends Thread {
    volatile boolean parked;

    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        Job j = slot.get();
        if (j != null && j.next.get() < j.chunks) {
          j.work();
          idleSince = System.nanoTime();
          continue;
        }
        if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        parked = true;
        j = slot.get();
        if (j == null || j.next.get() >= j.chunks) LockSupport.park(this);
        parked = false;
        idleSince = System.nanoTime();
      }
    }
  }

  private WorkerPool(int threads) {
    this.threads = threads;
    this.workers = new Worker[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker("tnet-worker-" + threads + "-" + (i + 1));
      workers[i].start();
    }
  }

  /** The pool of {@code threads} threads (the caller counts as one), made on first use. */
  public static WorkerPool shared(int threads) {
    if (threads < 1) throw new UserException("a worker pool needs at least 1 thread, got " + threads);
    return SHARED.computeIfAbsent(threads, WorkerPool::new);
  }

  /** The number of available processors. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over {@code [0, extent)} in chunks and waits for all of them. An exception
   * thrown by a chunk is rethrown as it is; if several fail, the lowest chunk's wins, so a loop
   * that stops at its first failing iteration reports what a serial run would.
   */
  public void forRange(int extent, Range body) {
    int chunks = Math.min(extent, threads * CHUNKS_PER_THREAD);
    if (threads == 1 || chunks <= 1 || Thread.currentThread() instanceof Worker) {
      if (extent > 0) body.run(0, extent);
      return;
    }
    Job job = new Job(body, extent, chunks);
    if (!slot.compareAndSet(null, job)) { // another loop has the workers: run this one here
      body.run(0, extent);
      return;
    }
    for (Worker w : workers) if (w.parked) LockSupport.unpark(w);
    job.work();
    slot.compareAndSet(job, null); // every chunk is claimed: free the slot for the next loop
    if (job.unfinished.get() != 0) await(job);
    Throwable failure = null;
    for (int c = 0; c < chunks && failure == null; c++) failure = job.failures.get(c);
    if (failure instanceof RuntimeException r) throw r;
    if (failure instanceof Error e) throw e;
    if (failure != null) throw new IllegalStateException(failure);
  }

  /** Waits for the chunks workers still run (they use the caller's buffers, so even if interrupted). */
  private static void await(Job job) {
    long start = System.nanoTime();
    while (job.unfinished.get() != 0) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
        continue;
      }
      job.callerParked = true;
      if (job.unfinished.get() != 0) LockSupport.park(job);
      job.callerParked = false;
    }
  }

  /** The first iteration of chunk {@code c} of {@code chunks}. */
  private static int bound(int extent, int chunks, int c) {
    return (int) ((long) extent * c / chunks);
  }
}
