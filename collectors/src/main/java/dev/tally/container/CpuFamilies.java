package dev.tally.container;

import dev.tally.cgroup.CgroupStats;
import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.metrics.MetricType;
import dev.tally.parsers.ProcPressure;
import java.util.Map;

/** cAdvisor's {@code cpu} group ({@code container_cpu_*}) and {@code pressure} group ({@code container_pressure_*}). */
final class CpuFamilies {
  private CpuFamilies() {}

  static void write(MetricFamilies out, ContainerSeries s, CgroupStats stats, boolean percpu) {
    CgroupStats.Cpu cpu = stats.cpu();
    if (cpu != null) {
      MetricFamily usage = s.family(out, MetricType.COUNTER, "container_cpu_usage_seconds_total",
          "Cumulative CPU time consumed, in seconds.", "cpu");
      if (percpu && cpu.perCpuSeconds() != null && cpu.perCpuSeconds().length > 0) {
        // cAdvisor's per-CPU form replaces the total and leaves out CPUs that never ran the cgroup.
        double[] perCpu = cpu.perCpuSeconds();
        for (int i = 0; i < perCpu.length; i++) {
          if (perCpu[i] > 0) {
            s.add(usage, perCpu[i], String.format("cpu%02d", i));
          }
        }
      } else if (cpu.usageSeconds() != null) {
        s.add(usage, cpu.usageSeconds(), "total");
      }
      s.counter(out, "container_cpu_user_seconds_total", "Cumulative user CPU time consumed, in seconds.", cpu.userSeconds());
      s.counter(out, "container_cpu_system_seconds_total", "Cumulative system CPU time consumed, in seconds.",
          cpu.systemSeconds());
      // CFS bandwidth values only mean something under a quota; cAdvisor shows them only then.
      if (stats.spec().cpuQuotaMicros() != null) {
        s.counter(out, "container_cpu_cfs_periods_total", "Enforcement periods elapsed under a CPU quota.", cpu.periods());
        s.counter(out, "container_cpu_cfs_throttled_periods_total", "Periods in which the container was throttled.",
            cpu.throttledPeriods());
        s.counter(out, "container_cpu_cfs_throttled_seconds_total", "Total time the container was throttled, in seconds.",
            cpu.throttledSeconds());
        s.counter(out, "container_cpu_cfs_burst_periods_total", "Periods in which the container used CPU burst.",
            cpu.burstPeriods());
        s.counter(out, "container_cpu_cfs_burst_seconds_total", "Total CPU burst time used, in seconds.",
            cpu.burstSeconds());
      }
    }
    pressure(out, s, stats.pressure());
  }

  /** Names and help texts per PSI resource, built once (a scrape asks for them per container). */
  private record PressureNames(String waiting, String waitingHelp, String stalled, String stalledHelp) {
    static PressureNames of(String resource) {
      return new PressureNames("container_pressure_" + resource + "_waiting_seconds_total",
          "Time at least one task waited for " + resource + ", in seconds (PSI some).",
          "container_pressure_" + resource + "_stalled_seconds_total",
          "Time all non-idle tasks stalled on " + resource + ", in seconds (PSI full).");
    }
  }

  private static final Map<String, PressureNames> PRESSURE_NAMES = Map.of(
      "cpu", PressureNames.of("cpu"), "memory", PressureNames.of("memory"), "io", PressureNames.of("io"));

  private static void pressure(MetricFamilies out, ContainerSeries s, Map<String, ProcPressure.Pressure> pressure) {
    for (Map.Entry<String, ProcPressure.Pressure> e : pressure.entrySet()) {
      PressureNames known = PRESSURE_NAMES.get(e.getKey());
      PressureNames names = known != null ? known : PressureNames.of(e.getKey()); // a resource a later kernel adds
      ProcPressure.Pressure p = e.getValue();
      p.some().ifPresent(line -> s.counter(out, names.waiting(), names.waitingHelp(), line.totalMicroseconds() / 1e6));
      p.full().ifPresent(line -> s.counter(out, names.stalled(), names.stalledHelp(), line.totalMicroseconds() / 1e6));
    }
  }
}
