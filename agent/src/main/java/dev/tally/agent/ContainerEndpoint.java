package dev.tally.agent;

import dev.tally.agent.docker.DockerMetrics;
import dev.tally.agent.http.HttpListeners;
import dev.tally.agent.http.ListenAddress;
import dev.tally.agent.http.ListenerSettings;
import dev.tally.container.ContainerInventory;
import dev.tally.host.SystemCalls;
import dev.tally.metrics.MetricFamilies;
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

/**
 * The container endpoint ({@code --container.listen-address}, cAdvisor's :8080): the enabled
 * container collectors behind their own listeners and scrape runner, and the Docker inventory they
 * read. Docker is connected to only when an enabled collector {@link CollectorProvider#usesDocker()
 * uses it}; with no container collector enabled nothing is bound at all, so a node_exporter-style
 * command line ({@code --collector.disable-defaults --collector.cpu}) takes no second port.
 */
final class ContainerEndpoint implements AutoCloseable {
  private static final String WHAT = "Container metrics under cAdvisor's names.";

  private final ContainerInventory inventory;
  private final HttpListeners listeners;

  private ContainerEndpoint(ContainerInventory inventory, HttpListeners listeners) {
    this.inventory = inventory;
    this.listeners = listeners;
  }

  /**
   * @param docker opens the inventory for {@code --docker.host} (the live one connects in the
   *               background and never throws for an absent daemon)
   * @throws IOException an address could not be bound; the inventory is closed again
   */
  static ContainerEndpoint start(List<CollectorProvider> providers, AgentConfig config, Clock clock, SystemCalls system,
      Function<String, ContainerInventory> docker) throws IOException {
    if (enabled(providers, config).isEmpty()) {
      return new ContainerEndpoint(ContainerInventory.NONE, null);
    }
    ContainerInventory inventory = needsDocker(providers, config) ? docker.apply(config.dockerHost()) : ContainerInventory.NONE;
    try {
      List<NamedCollector> collectors = CollectorWiring.build(providers, config, Endpoint.CONTAINER, clock, system, inventory);
      ScrapeRunner runner = new ScrapeRunner(Endpoint.CONTAINER, collectors, System::nanoTime);
      Set<String> known = providers.stream().filter(p -> p.endpoint() == Endpoint.CONTAINER)
          .map(CollectorProvider::name).collect(Collectors.toSet());
      List<ListenAddress> addresses = config.containerListenAddresses().stream().map(ListenAddress::parse).toList();
      ListenerSettings settings = new ListenerSettings(config.telemetryPath(), config.maxRequests(),
          !config.disableExporterMetrics(), BuildInfo.load(), WHAT, () -> agentMetrics(inventory));
      return new ContainerEndpoint(inventory, HttpListeners.start(addresses, settings, runner, known));
    } catch (IOException | RuntimeException e) {
      closeInventory(inventory);
      throw e;
    }
  }

  /** The container collectors the flags switched on. */
  static List<CollectorProvider> enabled(List<CollectorProvider> providers, AgentConfig config) {
    return providers.stream()
        .filter(p -> p.endpoint() == Endpoint.CONTAINER && config.enabledCollectors().contains(p.name())).toList();
  }

  /** Whether an enabled container collector reads the Docker container table. */
  static boolean needsDocker(List<CollectorProvider> providers, AgentConfig config) {
    return enabled(providers, config).stream().anyMatch(CollectorProvider::usesDocker);
  }

  /** Served on this endpoint beside the collectors: Docker's state, when Docker is used. */
  private static MetricFamilies agentMetrics(ContainerInventory inventory) {
    return inventory == ContainerInventory.NONE ? new MetricFamilies() : DockerMetrics.containerEndpoint(inventory);
  }

  /** What the node endpoint serves about Docker: the Swarm node's info gauge, once known. */
  MetricFamilies nodeMetrics() {
    return inventory == ContainerInventory.NONE ? new MetricFamilies() : DockerMetrics.nodeEndpoint(inventory);
  }

  /** Bound addresses; empty when no container collector is enabled. */
  List<InetSocketAddress> addresses() {
    return listeners == null ? List.of() : listeners.addresses();
  }

  @Override
  public void close() {
    if (listeners != null) {
      listeners.close();
    }
    closeInventory(inventory);
  }

  private static void closeInventory(ContainerInventory inventory) {
    if (inventory instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.getLogger(ContainerEndpoint.class.getName()).log(System.Logger.Level.DEBUG,
            "closing the Docker inventory failed", e);
      }
    }
  }
}
