package dev.tally.scrape;

import dev.tally.host.HeldFiles;
import dev.tally.host.KernelFiles;
import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.spi.Endpoint;
import dev.tally.spi.NoDataException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Runs one endpoint's collectors for one scrape, in place of client_java's registry (whose
 * {@code scrape()} fails whole when one collector throws). Each collector is timed and isolated:
 * one that throws contributes nothing but {@code <prefix>_scrape_collector_success 0}; the rest of
 * the scrape is served. Families two collectors both produce are merged when their shape agrees,
 * otherwise the later one is dropped and logged, as node_exporter does.
 */
public final class ScrapeRunner {
  private static final Logger LOG = System.getLogger(ScrapeRunner.class.getName());

  private final List<NamedCollector> collectors;
  private final LongSupplier nanoTime;
  private final String durationName;
  private final String successName;
  private final String exporterName;
  /** Null when this runner's collectors read the ordinary way. */
  private final HeldFiles held;
  /** Last failure message per collector, so a failure that repeats every scrape is logged once. */
  private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

  /**
   * @param nanoTime the monotonic clock used for {@code *_duration_seconds}; tests pass a fixed one
   *                 so the golden output does not depend on the machine's speed
   */
  public ScrapeRunner(Endpoint endpoint, List<NamedCollector> collectors, LongSupplier nanoTime) {
    this(endpoint, collectors, nanoTime, null);
  }

  /**
   * @param held the files the collectors' kernel reads keep open between scrapes (see
   *             {@link HeldFiles}); null to read every file the ordinary way
   */
  public ScrapeRunner(Endpoint endpoint, List<NamedCollector> collectors, LongSupplier nanoTime, HeldFiles held) {
    this.held = held;
    this.collectors = List.copyOf(collectors);
    this.nanoTime = Objects.requireNonNull(nanoTime);
    this.durationName = endpoint.metaPrefix() + "_scrape_collector_duration_seconds";
    this.successName = endpoint.metaPrefix() + "_scrape_collector_success";
    this.exporterName = endpoint == Endpoint.NODE ? "node_exporter" : "tally";
  }

  /** Closes every collector once; one that fails to close does not keep the others open. */
  public void close() {
    if (held != null) {
      held.close();
    }
    for (NamedCollector named : collectors) {
      try {
        named.collector().close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "collector={0} msg=\"close failed\" err=\"{1}\"", named.name(), String.valueOf(e));
      }
    }
  }

  public List<String> collectorNames() {
    return collectors.stream().map(NamedCollector::name).toList();
  }

  /**
   * Runs the collectors whose names {@code include} accepts ({@code collect[]} / {@code exclude[]})
   * and returns their families with the meta families, samples sorted for exposition.
   */
  public MetricFamilies collect(Predicate<String> include) {
    MetricFamilies all = new MetricFamilies();
    MetricFamily duration = all.gauge(durationName, exporterName + ": Duration of a collector scrape.", "collector");
    MetricFamily success = all.gauge(successName, exporterName + ": Whether a collector succeeded.", "collector");
    for (NamedCollector named : collectors) {
      if (!include.test(named.name())) {
        continue;
      }
      MetricFamilies own = new MetricFamilies();
      long start = nanoTime.getAsLong();
      boolean ok = run(named, own);
      duration.add((nanoTime.getAsLong() - start) / 1e9, named.name());
      success.add(ok ? 1 : 0, named.name());
      if (ok) {
        merge(named.name(), all, own);
      }
    }
    if (held != null) {
      held.closeUnused();
    }
    all.sortForExposition(); // drops repeated label values, keeping the first
    for (MetricFamily family : all.families()) {
      if (family.duplicatesDropped() > 0) {
        LOG.log(Level.DEBUG, "family={0} msg=\"samples dropped: collected before with the same label values\" count={1}",
            family.name(), family.duplicatesDropped());
      }
    }
    return all;
  }

  private boolean run(NamedCollector named, MetricFamilies out) {
    try {
      if (held == null) {
        named.collector().collect(out);
      } else {
        KernelFiles.holding(held, () -> named.collector().collect(out));
      }
      if (lastFailure.remove(named.name()) != null) {
        LOG.log(Level.INFO, "collector={0} msg=\"collector succeeded again\"", named.name());
      }
      return true;
    } catch (NoDataException e) {
      LOG.log(Level.DEBUG, "collector={0} msg=\"no data\" err=\"{1}\"", named.name(), e.getMessage());
      return false;
    } catch (Exception | LinkageError | StackOverflowError e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String message = describe(e);
      String previous = lastFailure.put(named.name(), message);
      Level level = message.equals(previous) ? Level.DEBUG : Level.ERROR;
      LOG.log(level, "collector={0} msg=\"collector failed\" err=\"{1}\"", named.name(), message);
      return false;
    }
  }

  private static void merge(String collector, MetricFamilies all, MetricFamilies own) {
    for (MetricFamily refused : all.absorb(own)) {
      LOG.log(Level.ERROR, "collector={0} msg=\"family dropped: already collected with another type or label set\" family={1}",
          collector, refused.name());
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text = message == null ? e.getClass().getSimpleName() : message;
    if (e instanceof java.nio.file.NoSuchFileException) {
      text = message + ": no such file or directory";
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      text = message + ": permission denied";
    } else if (!(e instanceof dev.tally.spi.ParseException) && !(e instanceof java.io.IOException)) {
      text = e.getClass().getSimpleName() + ": " + text;
    }
    return text.replace('"', '\'');
  }
}
