package dev.tally.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One family being filled during a scrape: name as exposed, type, help, fixed label names, and its
 * samples. A second sample with the same label values is dropped and counted when the family is
 * sorted for exposition (node_exporter logs "was collected before with the same name and label
 * values" and keeps the first); sorted, repeats are neighbours, so no set of every sample's labels
 * is built on the way.
 */
public final class MetricFamily {
  private final String name;
  private final MetricType type;
  private final String help;
  private final String[] labelNames;
  private List<Sample> samples = new ArrayList<>();
  private int duplicatesDropped;
  private boolean omitEmptyLabels;
  private boolean sorted;

  /**
   * One sample. After {@link #sortForExposition} {@code names} is set: the label names in
   * exposition order (sorted, empty ones left out when the family omits them), with
   * {@code labelValues} in the same order.
   */
  private record Sample(String[] names, String[] labelValues, double value) {}

  MetricFamily(String name, MetricType type, String help, String[] labelNames) {
    if (type == MetricType.COUNTER && !name.endsWith("_total")) {
      throw new IllegalArgumentException("counter " + name + " must be named with _total as exposed");
    }
    this.name = name;
    this.type = type;
    this.help = help;
    this.labelNames = labelNames.clone();
  }

  /** Adds one sample; label values in the order of the family's label names. */
  public MetricFamily add(double value, String... labelValues) {
    return addValues(value, labelValues.clone());
  }

  /**
   * {@link #add} without copying the label values: for a caller that passes the same array, never
   * changed, to many families (a container's base labels, about 30 samples per container). The
   * writer then renders that label set once ({@code TextExposition} recognises the array).
   */
  public MetricFamily addShared(double value, String[] labelValues) {
    return addValues(value, labelValues);
  }

  private MetricFamily addValues(double value, String[] labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(name + " has labels " + Arrays.toString(labelNames)
          + " but was given " + labelValues.length + " values");
    }
    if (sorted) {
      throw new IllegalStateException(name + " was sorted for exposition: no more samples");
    }
    samples.add(new Sample(null, labelValues, value));
    return this;
  }

  /**
   * Leaves a label out of a sample when its value is empty, so samples of this family may carry
   * different label sets. For node_exporter families whose label set is built per device from the
   * attributes present ({@code node_power_supply_info}); Prometheus treats an empty label as absent,
   * but the exposed text then matches node_exporter's byte for byte.
   */
  public MetricFamily omittingEmptyLabels() {
    omitEmptyLabels = true;
    return this;
  }

  public String name() {
    return name;
  }

  public MetricType type() {
    return type;
  }

  public String help() {
    return help;
  }

  public List<String> labelNames() {
    return List.of(labelNames);
  }

  public int size() {
    return samples.size();
  }

  /** Samples dropped because their label values repeated an earlier sample's; known once sorted. */
  public int duplicatesDropped() {
    return duplicatesDropped;
  }

  /**
   * Puts the samples in the order and the label order client_java's snapshots have (labels sorted
   * by name; samples by label names, then values), so the agent's own text writer can write the
   * family directly and byte for byte as client_java's writer would. Called once per scrape, after
   * the last sample, before the family is written by several threads (a shared collection).
   */
  void sortForExposition() {
    if (sorted) {
      return;
    }
    sorted = true;
    Integer[] byName = new Integer[labelNames.length];
    for (int i = 0; i < byName.length; i++) {
      byName[i] = i;
    }
    Arrays.sort(byName, (a, b) -> labelNames[a].compareTo(labelNames[b]));
    String[] sortedNames = new String[labelNames.length];
    boolean inOrder = true;
    for (int i = 0; i < byName.length; i++) {
      sortedNames[i] = labelNames[byName[i]];
      inOrder &= byName[i] == i;
    }
    List<Sample> ordered = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      String[] values = inOrder ? s.labelValues() : new String[byName.length];
      for (int i = 0; !inOrder && i < byName.length; i++) {
        values[i] = s.labelValues()[byName[i]];
      }
      ordered.add(omitEmptyLabels ? withoutEmpty(sortedNames, values, s.value()) : new Sample(sortedNames, values, s.value()));
    }
    // Stable: of samples with equal labels the first added stays first, and is the one kept.
    ordered.sort(MetricFamily::compareSamples);
    int kept = 0;
    for (int i = 0; i < ordered.size(); i++) {
      if (kept == 0 || compareSamples(ordered.get(kept - 1), ordered.get(i)) != 0) {
        ordered.set(kept++, ordered.get(i));
      }
    }
    duplicatesDropped = ordered.size() - kept;
    samples = kept == ordered.size() ? ordered : new ArrayList<>(ordered.subList(0, kept));
  }

  private static int compareSamples(Sample a, Sample b) {
    int byNames = a.names() == b.names() ? 0 : compare(a.names(), b.names());
    return byNames != 0 ? byNames : compare(a.labelValues(), b.labelValues());
  }

  private static Sample withoutEmpty(String[] names, String[] values, double value) {
    List<String> keptNames = new ArrayList<>(names.length);
    List<String> keptValues = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      if (!values[i].isEmpty()) {
        keptNames.add(names[i]);
        keptValues.add(values[i]);
      }
    }
    return new Sample(keptNames.toArray(String[]::new), keptValues.toArray(String[]::new), value);
  }

  /** client_java's order of label arrays: element by element, a shorter prefix first. */
  private static int compare(String[] a, String[] b) {
    for (int i = 0; i < a.length; i++) {
      if (b.length <= i) {
        return 1;
      }
      int c = a[i].compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return b.length > a.length ? -1 : 0;
  }

  /** The label names of sample {@code i} in exposition order (after {@link #sortForExposition}). */
  public String[] sampleLabelNames(int i) {
    return samples.get(i).names();
  }

  /** The label values of sample {@code i}, in the order of {@link #sampleLabelNames}. */
  public String[] sampleLabelValues(int i) {
    return samples.get(i).labelValues();
  }

  public double sampleValue(int i) {
    return samples.get(i).value();
  }

  boolean sameShape(MetricFamily other) {
    return hasShape(other.type, other.labelNames);
  }

  boolean hasShape(MetricType type, String[] labelNames) {
    return this.type == type && Arrays.equals(this.labelNames, labelNames);
  }

  void addAll(MetricFamily other) {
    for (Sample sample : other.samples) {
      add(sample.value(), sample.labelValues());
    }
  }

  MetricSnapshot toSnapshot() {
    sortForExposition(); // the label names each sample carries are set there
    switch (type) {
      case GAUGE: {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
          builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(Labels.of(s.names(), s.labelValues())).value(s.value).build());
        }
        return builder.build();
      }
      case COUNTER: {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
          builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
              .labels(Labels.of(s.names(), s.labelValues())).value(s.value).build());
        }
        return builder.build();
      }
      default: {
        UnknownSnapshot.Builder builder = UnknownSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
          builder.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder()
              .labels(Labels.of(s.names(), s.labelValues())).value(s.value).build());
        }
        return builder.build();
      }
    }
  }
}
