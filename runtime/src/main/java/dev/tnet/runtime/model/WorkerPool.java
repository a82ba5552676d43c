package dev.tnet.runtime.model;

import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of threads that runs the iterations of parallel loops. The thread count is chosen
 * when a model is compiled ({@link #defaultThreads} unless said otherwise); models compiled with
 * the same count share one pool ({@link #shared}), whose daemon threads live as long as the JVM.
 *
 * <p>{@link #forRange} splits {@code [0, extent)} into one contiguous chunk per thread, runs the
 * first chunk on the calling thread and the others on the pool, and returns when all are done.
 * Chunks are fixed by {@code extent} and the thread count, never by timing, and a parallel loop's
 * iterations write disjoint elements, so results do not depend on scheduling. A loop started from
 * a worker thread runs serially on it (no nested parallelism, so no deadlock).
 */
public final class WorkerPool {
  /** The body of a parallel loop: runs iterations {@code [lo, hi)}. */
  @FunctionalInterface
  public interface Range {
    void run(int lo, int hi);
  }

  private static final ConcurrentHashMap<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();
  private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);

  private final int threads;
  private final ExecutorService executor;

  private WorkerPool(int threads) {
    this.threads = threads;
    if (threads == 1) {
      this.executor = null;
      return;
    }
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(() -> {
        IN_WORKER.set(true);
        r.run();
      }, "tnet-worker-" + threads + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
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
    int chunks = Math.min(threads, extent);
    if (chunks <= 1 || IN_WORKER.get()) {
      if (extent > 0) body.run(0, extent);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(chunks - 1);
    for (int c = 1; c < chunks; c++) {
      int lo = bound(extent, chunks, c), hi = bound(extent, chunks, c + 1);
      futures.add(executor.submit(() -> body.run(lo, hi)));
    }
    Throwable failure = null;
    try {
      body.run(0, bound(extent, chunks, 1));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the chunks still use the caller's buffers: wait for them anyway
        } catch (ExecutionException e) {
          if (failure == null) failure = e.getCause();
          break;
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    if (failure instanceof RuntimeException r) throw r;
    if (failure instanceof Error e) throw e;
    if (failure != null) throw new IllegalStateException(failure);
  }

  /** The first iteration of chunk {@code c} of {@code chunks}. */
  private static int bound(int extent, int chunks, int c) {
    return (int) ((long) extent * c / chunks);
  }
}
