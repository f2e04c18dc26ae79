package dev.tally.container;

import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.metrics.MetricType;
import java.util.Arrays;

/**
 * The base labels of one cgroup's series ({@code container_label_*}, {@code id}, {@code image},
 * {@code name}), and the helpers that add a family's own labels after them. Every series of a scrape
 * carries the same label names (the union over all containers), as cAdvisor's do.
 */
final class ContainerSeries {
  private final String[] names;
  private final String[] values;
  private final String id;

  ContainerSeries(String[] names, String[] values, String id) {
    this.names = names;
    this.values = values;
    this.id = id;
  }

  /** The cgroup path ({@code id} label). */
  String id() {
    return id;
  }

  boolean isRoot() {
    return id.equals("/");
  }

  void gauge(MetricFamilies out, String name, String help, Double value) {
    add(out, MetricType.GAUGE, name, help, value);
  }

  void counter(MetricFamilies out, String name, String help, Double value) {
    add(out, MetricType.COUNTER, name, help, value);
  }

  /** One sample without extra labels; a null value (absent in the kernel's files) adds nothing. */
  void add(MetricFamilies out, MetricType type, String name, String help, Double value) {
    if (value != null) {
      out.family(name, type, help, names).addShared(value, values); // never changed after construction
    }
  }

  /** The family with extra labels after the base ones. */
  MetricFamily family(MetricFamilies out, MetricType type, String name, String help, String... extraNames) {
    return out.family(name, type, help, concat(names, extraNames));
  }

  /** A sample of a family from {@link #family} with its extra label values. */
  void add(MetricFamily family, double value, String... extraValues) {
    family.add(value, concat(values, extraValues));
  }

  private static String[] concat(String[] a, String[] b) {
    if (b.length == 0) {
      return a;
    }
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
