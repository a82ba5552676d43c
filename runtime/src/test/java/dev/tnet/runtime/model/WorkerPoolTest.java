package dev.tnet.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnet.runtime.UserException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void everyIterationRunsOnceInContiguousChunks() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      for (int extent : new int[] {0, 1, 2, 5, 97}) {
        int[] hits = new int[extent];
        List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
        WorkerPool.shared(threads).forRange(extent, (lo, hi) -> {
          chunks.add(new int[] {lo, hi});
          for (int i = lo; i < hi; i++) hits[i]++;
        });
        int[] ones = new int[extent];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, hits, threads + " threads, extent " + extent);
        int expected = threads == 1 ? Math.min(1, extent) : Math.min(WorkerPool.CHUNKS_PER_THREAD * threads, extent);
        assertEquals(expected, chunks.size());
      }
    }
  }

  @Test
  void poolsAreSharedPerThreadCount() {
    assertSame(WorkerPool.shared(3), WorkerPool.shared(3));
    assertEquals(3, WorkerPool.shared(3).threads());
    assertThrows(UserException.class, () -> WorkerPool.shared(0));
  }

  /** The lowest failing chunk's exception comes back unwrapped; later chunks still finish. */
  @Test
  void failuresAreRethrownAsThemselves() {
    int[] done = new int[4];
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerPool.shared(4).forRange(4, (lo, hi) -> {
      if (lo >= 1) throw new IllegalStateException("chunk " + lo);
      done[lo] = 1;
    }));
    assertEquals("chunk 1", e.getMessage());
    assertEquals(1, done[0]);
  }

  /** A loop started on a worker thread runs there, serially, instead of waiting on its own pool. */
  @Test
  void nestedLoopsDoNotDeadlock() {
    WorkerPool pool = WorkerPool.shared(2);
    int[] inner = new int[1];
    pool.forRange(2, (lo, hi) -> pool.forRange(50, (a, b) -> {
      synchronized (inner) {
        inner[0] += b - a;
      }
    }));
    assertEquals(100, inner[0]);
  }
}
