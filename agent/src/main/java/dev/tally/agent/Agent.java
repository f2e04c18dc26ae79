package dev.tally.agent;

import dev.tally.agent.docker.DockerInventory;
import dev.tally.agent.http.HttpListeners;
import dev.tally.agent.http.ListenAddress;
import dev.tally.agent.http.ListenerSettings;
import dev.tally.container.ContainerInventory;
import dev.tally.host.HeldFiles;
import dev.tally.host.SystemCalls;
import dev.tally.scrape.NamedCollector;
import dev.tally.scrape.ScrapeRunner;
import dev.tally.spi.CollectorProvider;
import dev.tally.spi.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A running agent: the host collectors and the container endpoint behind their HTTP listeners. */
public final class Agent implements AutoCloseable {
  private static final String WHAT = "Host metrics under node_exporter's names.";

  private final HttpListeners listeners;
  private final ContainerEndpoint containers;

  private Agent(HttpListeners listeners, ContainerEndpoint containers) {
    this.listeners = listeners;
    this.containers = containers;
  }

  /**
   * Builds the enabled collectors and starts listening; Docker (when a container collector uses it)
   * is connected to in the background.
   *
   * @throws IllegalArgumentException a provider refused its options (exit 2 with the message)
   * @throws IOException              an address could not be bound
   */
  public static Agent start(List<CollectorProvider> providers, AgentConfig config, Clock clock, SystemCalls system)
      throws IOException {
    return start(providers, config, clock, system, DockerInventory::start);
  }

  /** {@link #start(List, AgentConfig, Clock, SystemCalls)} with the inventory made by {@code docker} (tests). */
  public static Agent start(List<CollectorProvider> providers, AgentConfig config, Clock clock, SystemCalls system,
      Function<String, ContainerInventory> docker) throws IOException {
    ContainerEndpoint containers = ContainerEndpoint.start(providers, config, clock, system, docker);
    try {
      List<NamedCollector> collectors = CollectorWiring.build(providers, config, Endpoint.NODE, clock, system);
      // The host collectors' /proc and /sys files stay open between scrapes (HeldFiles says why).
      ScrapeRunner runner = new ScrapeRunner(Endpoint.NODE, collectors, System::nanoTime, HeldFiles.forHost(config.paths()));
      Set<String> known = providers.stream().filter(p -> p.endpoint() == Endpoint.NODE)
          .map(CollectorProvider::name).collect(Collectors.toSet());
      List<ListenAddress> addresses = config.listenAddresses().stream().map(ListenAddress::parse).toList();
      ListenerSettings settings = new ListenerSettings(config.telemetryPath(), config.maxRequests(),
          !config.disableExporterMetrics(), BuildInfo.load(), WHAT, containers::nodeMetrics);
      return new Agent(HttpListeners.start(addresses, settings, runner, known), containers);
    } catch (IOException | RuntimeException e) {
      containers.close();
      throw e;
    }
  }

  /** The node endpoint's bound addresses. */
  public List<InetSocketAddress> addresses() {
    return listeners.addresses();
  }

  /** The container endpoint's bound addresses; empty when no container collector is enabled. */
  public List<InetSocketAddress> containerAddresses() {
    return containers.addresses();
  }

  @Override
  public void close() {
    listeners.close();
    containers.close();
  }
}
