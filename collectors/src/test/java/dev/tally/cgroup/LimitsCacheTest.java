package dev.tally.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LimitsCacheTest {
  private final AtomicLong now = new AtomicLong(1);
  private final AtomicInteger reads = new AtomicInteger();
  private final LimitsCache<Integer> cache = new LimitsCache<>(now::get);

  private int get(String path, Object version) throws Exception {
    return cache.get(path, version, reads::incrementAndGet);
  }

  @Test
  void readAgainWhenTheVersionChangesOrAfterAMinute() throws Exception {
    assertEquals(1, get("/docker/a", "64m"));
    assertEquals(1, get("/docker/a", "64m"), "kept");
    assertEquals(2, get("/docker/a", "96m"), "docker update: read again");
    now.addAndGet(LimitsCache.MAX_AGE_NANOS - 1);
    assertEquals(2, get("/docker/a", "96m"));
    now.addAndGet(1);
    assertEquals(3, get("/docker/a", "96m"), "a minute old: read again");
    assertEquals(4, get("/system.slice", null), "another cgroup");
  }

  @Test
  void forgetsGoneAndUnaskedCgroups() throws Exception {
    get("/docker/a", null);
    get("/docker/b", null);
    cache.forget("/docker/a");
    assertEquals(3, get("/docker/a", null), "forgotten: read again");
    cache.endPass();
    get("/docker/a", null);
    cache.endPass();
    assertEquals(3, get("/docker/a", null), "asked for in the last pass: kept");
    assertEquals(4, get("/docker/b", null), "not asked for in the last pass: read again");
  }
}
