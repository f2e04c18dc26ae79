package dev.tally.agent.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tally.container.ContainerInfo;
import dev.tally.container.DockerHostInfo;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live inventory against the machine's Docker engine (Debian's docker.io; {@code .ci/run}
 * starts it): containers with limits and labels appear with the values Docker reports, events keep
 * the table current — through the agent's own HTTP client and JSON reader over the unix socket.
 */
class DockerInventoryEngineTest {
  private static final Duration EVENTS = Duration.ofSeconds(5);

  private DockerEngine docker;
  private DockerInventory inventory;

  @BeforeEach
  void engine() {
    docker = DockerEngine.require();
  }

  @AfterEach
  void cleanUp() {
    if (inventory != null) {
      inventory.close();
    }
    if (docker != null) {
      docker.removeAll();
    }
  }

  private Optional<ContainerInfo> byName(String name) {
    return inventory.containers().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  @Test
  void listsLimitsLabelsImageAndInitPidThenFollowsEvents() throws Exception {
    String listed = docker.name("listed");
    String listedId = docker.run("run", "-d", "--network", "none", "--name", listed, "--cpus", "0.5", "--memory", "64m",
        "--memory-reservation", "32m", "--cpu-shares", "512", "--label", "tally.it=listed",
        "--label", "com.example.with-dash=a.b", DockerEngine.IMAGE, "sleep", "300");

    inventory = DockerInventory.start(DockerInventory.DEFAULT_HOST, Duration.ofMillis(100), Duration.ofSeconds(1));
    DockerEngine.await(Duration.ofSeconds(15), "inventory connected", () -> inventory.status().connected());
    ContainerInfo c = byName(listed).orElseThrow(() -> new AssertionError(listed + " not in " + inventory.containers()));
    assertEquals(listedId, c.id());
    assertEquals(DockerEngine.IMAGE, c.image());
    assertEquals("listed", c.labels().get("tally.it"));
    assertEquals("a.b", c.labels().get("com.example.with-dash"));
    assertEquals(Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", listed)), c.initPid());
    assertTrue(c.initPid() > 0);
    assertEquals(new ContainerInfo.Limits(512L, null, null, 500_000_000L, 64L << 20, 128L << 20, 32L << 20), c.limits());
    assertEquals("", c.cgroupParent());
    assertNotNull(c.started());

    DockerHostInfo host = inventory.host().orElseThrow();
    String[] server = docker.run("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}").split(" ");
    assertEquals(server[0], host.daemonVersion());
    String expectedApi = ApiVersion.parse(server[1]).compareTo(ApiVersionNegotiator.AGENT_MAX) > 0
        ? ApiVersionNegotiator.AGENT_MAX.toString() : server[1];
    assertEquals(expectedApi, host.apiVersion());
    assertEquals(docker.run("info", "--format", "{{.CgroupDriver}}"), host.cgroupDriver());
    assertEquals(docker.run("info", "--format", "{{.Swarm.NodeID}}"), host.swarmNodeId());

    // Started after the list: only the events stream can bring it.
    String evented = docker.name("evented");
    docker.run("run", "-d", "--network", "none", "--name", evented, "--cpu-quota", "20000", "--cpu-period", "100000",
        "--memory", "32m", "--label", "tally.it=evented", DockerEngine.IMAGE, "sleep", "300");
    DockerEngine.await(EVENTS, evented + " appears from the events stream",
        () -> byName(evented).filter(ContainerInfo::running).isPresent());
    ContainerInfo e = byName(evented).orElseThrow();
    assertEquals(new ContainerInfo.Limits(null, 20_000L, 100_000L, null, 32L << 20, 64L << 20, null), e.limits());
    assertEquals(Long.parseLong(docker.run("inspect", "-f", "{{.State.Pid}}", evented)), e.initPid());

    docker.run("kill", evented);
    DockerEngine.await(EVENTS, evented + " has no process after it died",
        () -> byName(evented).map(x -> x.initPid() == 0).orElse(false));
    docker.run("rm", "-f", listed);
    DockerEngine.await(EVENTS, listed + " leaves the table after removal", () -> byName(listed).isEmpty());
    docker.run("rename", evented, evented + "-renamed");
    DockerEngine.await(EVENTS, "renamed", () -> byName(evented + "-renamed").isPresent());
    docker.run("rm", "-f", evented + "-renamed");
    DockerEngine.await(EVENTS, "renamed container removed", () -> byName(evented + "-renamed").isEmpty());
    assertTrue(inventory.status().connected());
    assertEquals(0, inventory.status().reconnects());
  }
}
