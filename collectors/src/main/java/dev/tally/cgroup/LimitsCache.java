package dev.tally.cgroup;

import dev.tally.host.PassCache;
import dev.tally.spi.ParseException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A cgroup's limits (the {@code container_spec_*} values), kept per cgroup path between scrapes.
 * Limits change only when someone changes them, so they are read again when the caller's version of
 * them changes (Docker's configured limits, new after {@code docker update}) and at least once a
 * minute (a change made outside Docker, {@code systemctl set-property} on a unit's cgroup).
 * cAdvisor re-reads them at most every 5 s, from its background loop.
 *
 * @param <T> what a reader makes of the limit files
 */
final class LimitsCache<T> {
  static final long MAX_AGE_NANOS = 60_000_000_000L;

  interface Source<T> {
    T read() throws ParseException;
  }

  private final LongSupplier nanoTime;
  private final PassCache<String, Cached<T>> byPath = new PassCache<>();

  private static final class Cached<T> {
    final T limits;
    final Object version;
    final long readAt;

    Cached(T limits, Object version, long readAt) {
      this.limits = limits;
      this.version = version;
      this.readAt = readAt;
    }
  }

  LimitsCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  synchronized T get(String path, Object version, Source<T> source) throws ParseException {
    long now = nanoTime.getAsLong();
    Cached<T> cached = byPath.get(path);
    if (cached == null || !Objects.equals(cached.version, version) || now - cached.readAt >= MAX_AGE_NANOS) {
      cached = new Cached<>(source.read(), version, now);
      byPath.put(path, cached);
    }
    return cached.limits;
  }

  /** Forgets one cgroup's limits: it was found gone. */
  synchronized void forget(String path) {
    byPath.remove(path);
  }

  /** Forgets the limits of cgroups not asked for since the previous call. */
  synchronized void endPass() {
    byPath.endPass();
  }
}
