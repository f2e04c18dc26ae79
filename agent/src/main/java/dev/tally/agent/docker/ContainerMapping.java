package dev.tally.agent.docker;

import dev.tally.agent.docker.api.JsonObject;
import dev.tally.container.ContainerInfo;
import dev.tally.container.DockerHostInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Docker's JSON answers → the collectors' records. The single place that knows Docker's JSON
 * conventions (0 = unset, Go's zero time, the leading {@code /} of names), shared by the live
 * {@link DockerInventory} and by {@link RecordedDockerAnswers}.
 */
final class ContainerMapping {
  /** Go's zero {@code time.Time}: Docker's "never" for {@code StartedAt}/{@code FinishedAt}. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private ContainerMapping() {
  }

  /** From {@code GET /containers/{id}/json}. */
  static ContainerInfo container(JsonObject inspect) {
    JsonObject config = inspect.object("Config");
    JsonObject host = inspect.object("HostConfig");
    JsonObject state = inspect.object("State");
    Long pid = state.integer("Pid");
    boolean running = Boolean.TRUE.equals(state.bool("Running"));
    return new ContainerInfo(
        inspect.string("Id"),
        stripSlash(inspect.string("Name")),
        config.string("Image"),
        config.strings("Labels"),
        running && pid != null ? pid : 0,
        host.string("CgroupParent"),
        limits(host),
        instant(inspect.string("Created")),
        instant(state.string("StartedAt")));
  }

  /** After a {@code die} event: the process is gone, the rest stays as inspected. */
  static ContainerInfo stopped(ContainerInfo c) {
    return new ContainerInfo(c.id(), c.name(), c.image(), c.labels(), 0, c.cgroupParent(),
        c.limits(), c.created(), c.started());
  }

  /** After a {@code rename} event, whose {@code name} attribute is the new name. */
  static ContainerInfo renamed(ContainerInfo c, String name) {
    return new ContainerInfo(c.id(), stripSlash(name), c.image(), c.labels(), c.initPid(),
        c.cgroupParent(), c.limits(), c.created(), c.started());
  }

  /** From {@code GET /version} and {@code GET /info}. */
  static DockerHostInfo host(JsonObject version, JsonObject info, String apiVersionInUse) {
    JsonObject swarm = info.object("Swarm");
    String state = swarm.string("LocalNodeState") == null ? "" : swarm.string("LocalNodeState");
    String nodeId = swarm.string("NodeID") == null ? "" : swarm.string("NodeID");
    // /info has no role field; ControlAvailable is true exactly on managers (docker info prints
    // "Is Manager" from it). Outside an active swarm there is no role.
    String role = "";
    if ("active".equals(state) || "locked".equals(state)) {
      role = Boolean.TRUE.equals(swarm.bool("ControlAvailable")) ? "manager" : "worker";
    }
    return new DockerHostInfo(
        version.string("Version") != null ? version.string("Version") : info.string("ServerVersion"),
        apiVersionInUse,
        nodeId,
        info.string("Name"),
        role,
        state,
        info.string("CgroupDriver"),
        info.string("CgroupVersion"));
  }

  private static ContainerInfo.Limits limits(JsonObject host) {
    return new ContainerInfo.Limits(
        setOrNull(host.integer("CpuShares")),
        setOrNull(host.integer("CpuQuota")),
        setOrNull(host.integer("CpuPeriod")),
        setOrNull(host.integer("NanoCpus")),
        setOrNull(host.integer("Memory")),
        setOrNull(host.integer("MemorySwap")),
        setOrNull(host.integer("MemoryReservation")));
  }

  /** Docker writes 0 for a limit that was not given; null keeps it from reading as "zero". */
  private static Long setOrNull(Long value) {
    return value == null || value == 0 ? null : value;
  }

  static String stripSlash(String name) {
    if (name == null) {
      return "";
    }
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** RFC 3339 with nanoseconds as Docker writes it; Go's zero time and garbage become null. */
  static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      Instant instant = Instant.parse(text);
      return instant.equals(GO_ZERO_TIME) ? null : instant;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
