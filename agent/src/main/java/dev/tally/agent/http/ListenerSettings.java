package dev.tally.agent.http;

import dev.tally.agent.BuildInfo;
import dev.tally.metrics.MetricFamilies;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one endpoint's listeners share besides their collectors.
 *
 * @param telemetryPath   {@code --web.telemetry-path} (both endpoints use it, as cAdvisor and
 *                        node_exporter both serve {@code /metrics})
 * @param maxRequests     {@code --web.max-requests}, counted per endpoint; 0 means unlimited
 * @param exporterMetrics false with {@code --web.disable-exporter-metrics}
 * @param build           version facts for {@code tally_build_info} and the landing page
 * @param what            one sentence for the landing page saying what this endpoint serves
 * @param agentMetrics    further agent-level families served on every scrape whatever the
 *                        collector selection (Docker's state); evaluated per scrape, no I/O
 */
public record ListenerSettings(String telemetryPath, int maxRequests, boolean exporterMetrics, BuildInfo build,
    String what, Supplier<MetricFamilies> agentMetrics) {

  public ListenerSettings {
    Objects.requireNonNull(telemetryPath);
    Objects.requireNonNull(build);
    Objects.requireNonNull(what);
    Objects.requireNonNull(agentMetrics);
  }
}
