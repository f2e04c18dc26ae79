package dev.tally.agent.http;

import dev.tally.agent.BuildInfo;
import dev.tally.metrics.MetricFamilies;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The agent's metrics about itself, served beside the collectors' as node_exporter serves its own:
 * {@code tally_build_info} always (like {@code node_exporter_build_info}); unless
 * {@code --web.disable-exporter-metrics}, the process's {@code process_*} families (Node Exporter
 * Full's "Node Exporter" row reads them) and the handler's request counts under promhttp's names.
 * The endpoint's own agent-level families (Docker's state) are added always.
 */
final class ExporterMetrics {
  private final BuildInfo build;
  /** Null when {@code --web.disable-exporter-metrics}. */
  private final ProcessFamilies process;
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();

  private final Supplier<MetricFamilies> agentMetrics;

  ExporterMetrics(boolean enabled, BuildInfo build, Supplier<MetricFamilies> agentMetrics) {
    this.build = build;
    this.agentMetrics = agentMetrics;
    process = enabled ? new ProcessFamilies() : null;
  }

  void requestServed(int status) {
    if (status == 503) {
      refused.increment();
    } else if (status >= 500) {
      failed.increment();
    } else {
      ok.increment();
    }
  }

  AtomicInteger inFlight() {
    return inFlight;
  }

  /** The agent's own families for one answer. */
  MetricFamilies families() {
    MetricFamilies own = new MetricFamilies();
    own.gauge("tally_build_info", "A metric with a constant '1' value labeled by version, revision and Java version of the Tally agent.",
        "javaversion", "revision", "version").add(1, build.javaVersion(), build.revision(), build.version());
    own.absorb(agentMetrics.get());
    if (process != null) {
      own.counter("promhttp_metric_handler_requests_total", "Total number of scrapes by HTTP status code.", "code")
          .add(ok.sum(), "200").add(failed.sum(), "500").add(refused.sum(), "503");
      own.gauge("promhttp_metric_handler_requests_in_flight", "Current number of scrapes being served.")
          .add(inFlight.get());
      process.write(own);
    }
    return own;
  }
}
