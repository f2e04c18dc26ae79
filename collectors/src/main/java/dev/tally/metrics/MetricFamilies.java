package dev.tally.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The families one collector produces in one scrape. Collectors ask for a family by name and add
 * samples; asking again for the same name returns the same family. Families left empty are not
 * exposed (as in Go's client, a family appears only with at least one sample).
 *
 * <pre>{@code
 * MetricFamily load1 = out.gauge("node_load1", "1m load average.");
 * load1.add(0.52);
 * out.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", "cpu", "mode")
 *     .add(1234.5, "0", "user");
 * }</pre>
 */
public final class MetricFamilies {
  private final Map<String, MetricFamily> byName = new LinkedHashMap<>();

  public MetricFamily gauge(String name, String help, String... labelNames) {
    return family(name, MetricType.GAUGE, help, labelNames);
  }

  /** A counter, named with {@code _total} exactly as exposed. */
  public MetricFamily counter(String name, String help, String... labelNames) {
    return family(name, MetricType.COUNTER, help, labelNames);
  }

  /** An untyped family (node_exporter's netstat, vmstat and textfile families). */
  public MetricFamily untyped(String name, String help, String... labelNames) {
    return family(name, MetricType.UNTYPED, help, labelNames);
  }

  public MetricFamily family(String name, MetricType type, String help, String... labelNames) {
    MetricFamily existing = byName.get(name);
    if (existing != null) {
      // Asked for once per sample by the container collector: compared without building a family.
      if (!existing.hasShape(type, labelNames)) {
        throw new IllegalStateException("family " + name + " asked for twice with different type or labels");
      }
      return existing;
    }
    MetricFamily family = new MetricFamily(name, type, help, labelNames);
    byName.put(name, family);
    return family;
  }

  public Collection<MetricFamily> families() {
    return byName.values();
  }

  /** The family of that name if any sample or request created it. */
  public MetricFamily get(String name) {
    return byName.get(name);
  }

  /**
   * Folds another collector's families into this one. A family whose name is already here with
   * another type or label set is refused whole and returned, so the caller can log it; samples
   * repeating label values are dropped and counted in the family when it is sorted.
   */
  public List<MetricFamily> absorb(MetricFamilies other) {
    List<MetricFamily> refused = new ArrayList<>();
    for (MetricFamily family : other.byName.values()) {
      if (family.size() == 0) {
        continue;
      }
      MetricFamily existing = byName.get(family.name());
      if (existing == null) {
        byName.put(family.name(), family);
      } else if (existing.sameShape(family)) {
        existing.addAll(family);
      } else {
        refused.add(family);
      }
    }
    return refused;
  }

  /** Sorts every family's samples for exposition ({@link MetricFamily#sortForExposition}); no samples can follow. */
  public void sortForExposition() {
    for (MetricFamily family : byName.values()) {
      family.sortForExposition();
    }
  }

  /** Client_java snapshots of every non-empty family. */
  public List<MetricSnapshot> toSnapshots() {
    List<MetricSnapshot> snapshots = new ArrayList<>(byName.size());
    for (MetricFamily family : byName.values()) {
      if (family.size() > 0) {
        snapshots.add(family.toSnapshot());
      }
    }
    return snapshots;
  }
}
