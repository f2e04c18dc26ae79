package dev.tally.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tally.agent.cli.TallyCommand;
import dev.tally.agent.docker.DockerEngine;
import dev.tally.host.NativeSystemCalls;
import dev.tally.spi.CollectorProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole agent (every provider on the class path, the real /proc, /sys and Docker engine) on
 * free loopback ports: a container started with limits shows on the container endpoint under
 * cAdvisor's names and leaves it once removed, while the host endpoint carries the Docker host's
 * info gauge.
 */
class AgentEngineTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private DockerEngine docker;
  private Agent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (docker != null) {
      docker.removeAll();
    }
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  @Test
  void runningContainerIsServedUnderCadvisorsNamesAndLeavesWhenRemoved() throws Exception {
    docker = DockerEngine.require();
    List<CollectorProvider> providers = Main.providers();
    Assumptions.assumeTrue(providers.stream().anyMatch(p -> p.name().equals("container")),
        "the container collector (provider \"container\") is not on the class path");
    String name = docker.name("agent");
    String id = docker.run("run", "-d", "--network", "none", "--name", name, "--cpus", "0.5", "--memory", "64m",
        "--label", "com.example.it=agent-engine", DockerEngine.IMAGE, "sleep", "300");

    AgentConfig config = TallyCommand.parse(providers, "--web.listen-address=127.0.0.1:0",
        "--container.listen-address=127.0.0.1:0", "--log.level=warn");
    agent = Agent.start(providers, config, Clock.systemUTC(), new NativeSystemCalls());
    int containers = agent.containerAddresses().get(0).getPort();
    int node = agent.addresses().get(0).getPort();

    String[] body = {""};
    DockerEngine.await(Duration.ofSeconds(15), "container_last_seen for " + name, () -> {
      try {
        body[0] = scrape(containers);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return Samples.parse(body[0]).contains("container_last_seen", "name", name);
    });
    Samples samples = Samples.parse(body[0]);
    Map<String, String> seen = samples.one("container_last_seen", "name", name).labels();
    assertTrue(seen.get("id").equals("/docker/" + id) || seen.get("id").equals("/system.slice/docker-" + id + ".scope"),
        seen.toString());
    assertEquals(DockerEngine.IMAGE, seen.get("image"));
    assertEquals("agent-engine", seen.get("container_label_com_example_it"));
    assertEquals(64 << 20, samples.value("container_spec_memory_limit_bytes", "name", name), body[0]);
    assertEquals(50_000, samples.value("container_spec_cpu_quota", "name", name), body[0]);
    assertTrue(samples.contains("container_cpu_usage_seconds_total", "name", name), body[0]);
    assertTrue(body[0].contains("\ntally_docker_up 1.0\n"), body[0]);
    assertTrue(body[0].contains("tally_container_scrape_collector_success{collector=\"container\"} 1.0"), body[0]);
    assertTrue(samples.contains("container_last_seen", "id", "/"), "root cgroup");

    String host = scrape(node);
    assertTrue(host.contains("\ntally_docker_host_info{api_version="), host);
    assertTrue(host.contains("node_scrape_collector_success{collector=\"cpu\"} 1.0"), host);
    assertFalse(host.contains("container_last_seen"), "container families stay on the container endpoint");

    // Limits are kept between scrapes and read again when Docker reports the update.
    docker.run("update", "--memory", "96m", "--memory-swap", "96m", name);
    DockerEngine.await(Duration.ofSeconds(10), name + "'s new memory limit", () -> {
      try {
        return Samples.parse(scrape(containers)).value("container_spec_memory_limit_bytes", "name", name) == 96 << 20;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    // A restart recreates the cgroup under the same path: the files held open for the old one
    // fail, and the new one's are read (a new start time, memory and processes from the new cgroup).
    double started = samples.value("container_start_time_seconds", "name", name);
    Thread.sleep(1100); // start times have a resolution of one second in the label-less gauge
    docker.run("restart", "-t", "0", name);
    Samples[] restarted = {null};
    DockerEngine.await(Duration.ofSeconds(15), name + " served again after its restart", () -> {
      try {
        restarted[0] = Samples.parse(scrape(containers));
        return restarted[0].contains("container_start_time_seconds", "name", name)
            && restarted[0].value("container_start_time_seconds", "name", name) > started
            && restarted[0].contains("container_memory_usage_bytes", "name", name);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(1, restarted[0].value("container_processes", "name", name), "the new cgroup's cgroup.procs");
    assertEquals(96 << 20, restarted[0].value("container_spec_memory_limit_bytes", "name", name));

    docker.run("rm", "-f", name);
    DockerEngine.await(Duration.ofSeconds(10), name + " gone from the container endpoint", () -> {
      try {
        return !Samples.parse(scrape(containers)).contains("container_last_seen", "name", name);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }
}
