package dev.tally.agent.docker;

import dev.tally.container.ContainerInventory;
import dev.tally.container.DockerHostInfo;
import dev.tally.container.InventoryStatus;
import dev.tally.metrics.MetricFamilies;

/**
 * The agent's families about its Docker connection, read from the inventory's state (no I/O):
 * <ul>
 *   <li>{@code tally_docker_up} and {@code tally_docker_reconnects_total} on the container endpoint,
 *   so "container metrics missing" can be told apart from "no containers";</li>
 *   <li>{@code tally_docker_host_info} on both endpoints, so node and container series join per
 *   Swarm node ({@code * on(instance) group_left(node_name, swarm_node_id) tally_docker_host_info}),
 *   which swarmprom did by hand with a {@code node_meta} textfile. It shows the last known facts
 *   while the daemon is away, and is absent until the first connection.</li>
 * </ul>
 */
public final class DockerMetrics {
  static final String UP = "tally_docker_up";
  static final String RECONNECTS = "tally_docker_reconnects_total";
  static final String HOST_INFO = "tally_docker_host_info";

  private DockerMetrics() {}

  /** The container endpoint's: up, reconnects and the host info. */
  public static MetricFamilies containerEndpoint(ContainerInventory inventory) {
    MetricFamilies out = new MetricFamilies();
    InventoryStatus status = inventory.status();
    out.gauge(UP, "Whether the container table is in sync with the Docker daemon (1) or the daemon is unreachable (0).")
        .add(status.connected() ? 1 : 0);
    out.counter(RECONNECTS, "Times the agent reconnected to the Docker daemon and re-listed its containers after losing it.")
        .add(status.reconnects());
    hostInfo(out, inventory);
    return out;
  }

  /** The node endpoint's: the host info only. */
  public static MetricFamilies nodeEndpoint(ContainerInventory inventory) {
    MetricFamilies out = new MetricFamilies();
    hostInfo(out, inventory);
    return out;
  }

  private static void hostInfo(MetricFamilies out, ContainerInventory inventory) {
    inventory.host().ifPresent((DockerHostInfo h) -> out.gauge(HOST_INFO,
            "Facts about this node's Docker daemon and its Swarm membership; value 1. Join on instance.",
            "api_version", "cgroup_driver", "cgroup_version", "daemon_version", "node_name", "swarm_node_id",
            "swarm_role", "swarm_state")
        .add(1, h.apiVersion(), h.cgroupDriver(), h.cgroupVersion(), h.daemonVersion(), h.nodeName(),
            h.swarmNodeId(), h.swarmRole(), h.swarmState()));
  }
}
