package dev.tally.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.tally.agent.cli.TallyCommand;
import dev.tally.agent.docker.DockerEngine;
import dev.tally.host.NativeSystemCalls;
import dev.tally.spi.CollectorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Values, not just names: the whole agent (every provider, the real /proc, /sys, cgroups and Docker
 * engine) on a free loopback port, and containers made to use known amounts of CPU, memory and
 * network. Each test asserts what the container endpoint serves against the limits given to
 * {@code docker run}, the work the container was made to do, the cgroup files and {@code docker
 * stats}. That a removed container's series are gone on the next scrape is proved by
 * {@link AgentEngineTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerMetricsEngineTest {
  private static final long MIB = 1024 * 1024;
  private static final Duration APPEAR = Duration.ofSeconds(15);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private DockerEngine docker;
  private Agent agent;
  private int port;

  @BeforeAll
  void start() throws Exception {
    docker = DockerEngine.require();
    List<CollectorProvider> providers = Main.providers();
    Assumptions.assumeTrue(providers.stream().anyMatch(p -> p.name().equals("container")),
        "the container collector (provider \"container\") is not on the class path");
    AgentConfig config = TallyCommand.parse(providers, "--web.listen-address=127.0.0.1:0",
        "--container.listen-address=127.0.0.1:0", "--log.level=warn");
    agent = Agent.start(providers, config, Clock.systemUTC(), new NativeSystemCalls());
    port = agent.containerAddresses().get(0).getPort();
  }

  @AfterAll
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (docker != null) {
      docker.removeAll();
    }
  }

  @Test
  void specFamiliesEqualTheLimitsAndLabelsAreSanitised() throws Exception {
    String limited = docker.name("spec");
    String id = docker.run("run", "-d", "--network", "none", "--name", limited, "--cpus", "0.5", "--cpu-shares", "512",
        "--memory", "64m", "--label", "com.example.tier=web", "--label", "org.opencontainers.image.title=tally it",
        "--label", "weird-key/x=1", DockerEngine.IMAGE, "sleep", "300");
    String unlimited = docker.name("nolimit");
    docker.run("run", "-d", "--network", "none", "--name", unlimited, DockerEngine.IMAGE, "sleep", "300");

    Samples s = awaitScrape(limited + " and " + unlimited, x -> x.contains("container_last_seen", "name", limited)
        && x.contains("container_last_seen", "name", unlimited));
    Samples.Sample seen = s.one("container_last_seen", "name", limited);
    String cgroup = seen.labels().get("id");
    assertTrue(cgroup.equals("/docker/" + id) || cgroup.equals("/system.slice/docker-" + id + ".scope"), cgroup);
    assertEquals(DockerEngine.IMAGE, seen.labels().get("image"));
    // Every character outside [a-zA-Z0-9_] becomes "_"; values are kept as given.
    assertEquals("web", seen.labels().get("container_label_com_example_tier"), seen::toString);
    assertEquals("tally it", seen.labels().get("container_label_org_opencontainers_image_title"), seen::toString);
    assertEquals("1", seen.labels().get("container_label_weird_key_x"), seen::toString);
    // The unlimited container carries the label names too (empty), so both share one label set.
    assertEquals("", s.one("container_last_seen", "name", unlimited).labels().get("container_label_com_example_tier"));

    // --cpus 0.5 is a CFS quota of 50 ms per 100 ms period.
    assertEquals(50_000, s.value("container_spec_cpu_quota", "name", limited));
    assertEquals(100_000, s.value("container_spec_cpu_period", "name", limited));
    assertEquals(512, s.value("container_spec_cpu_shares", "name", limited));
    assertEquals(64 * MIB, s.value("container_spec_memory_limit_bytes", "name", limited));
    if (Files.exists(Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))) {
      // cgroup v1 with swap accounting: Docker sets memory+swap to twice --memory when --memory-swap is not given.
      assertEquals(128 * MIB, s.value("container_spec_memory_swap_limit_bytes", "name", limited));
    }

    // Unlimited: no quota series (cAdvisor shows none), the default weight, 0 for "no memory limit".
    assertFalse(s.contains("container_spec_cpu_quota", "name", unlimited), s.text());
    assertEquals(100_000, s.value("container_spec_cpu_period", "name", unlimited));
    assertEquals(1024, s.value("container_spec_cpu_shares", "name", unlimited));
    assertEquals(0, s.value("container_spec_memory_limit_bytes", "name", unlimited));
    assertFalse(s.contains("container_cpu_cfs_periods_total", "name", unlimited), "CFS counters only under a quota");
  }

  /**
   * A busy loop under {@code --cpus 0.5} uses exactly its quota when it can get half a core: the
   * rate over a window of a few seconds is within 10% of 0.5. The quota is a hard ceiling (the upper
   * bound must hold in every window). Getting the half core on a shared, saturated 2-core machine is
   * the weight's job: under Docker's default parent the whole {@code /docker} group weighs as much as
   * one busy process of the host (measured: 0.26–0.34 with the machine at 2.0 cores), so with the
   * cgroupfs driver the burner gets its own cgroup at the top ({@code --cgroup-parent /}, which also
   * proves a custom parent resolves) with 100× the default weight. Up to six windows (24 s) are
   * measured and one must reach 0.45. The root cgroup holds the burner, so its rate is at least the
   * burner's in every window.
   */
  @Test
  void cpuBurnerUsesItsQuotaAndTheRootCgroupHoldsIt() throws Exception {
    String name = docker.name("burn");
    boolean cgroupfs = docker.run("info", "--format", "{{.CgroupDriver}}").equals("cgroupfs");
    List<String> run = new ArrayList<>(List.of("run", "-d", "--network", "none", "--name", name, "--cpus", "0.5"));
    if (cgroupfs) {
      run.addAll(List.of("--cgroup-parent", "/", "--cpu-shares", "102400"));
    }
    run.addAll(List.of(DockerEngine.IMAGE, "sh", "-c", "while :; do :; done"));
    String id = docker.run(run.toArray(String[]::new));
    Samples first = awaitScrape(name + " CPU usage",
        x -> x.contains("container_cpu_usage_seconds_total", "name", name, "cpu", "total"));
    assertEquals(50_000, first.value("container_spec_cpu_quota", "name", name));
    if (cgroupfs) {
      assertEquals("/" + id, first.one("container_last_seen", "name", name).labels().get("id"));
      assertEquals(102400, first.value("container_spec_cpu_shares", "name", name));
    }

    List<String> windows = new ArrayList<>();
    Samples before = first;
    boolean reached = false;
    for (int i = 0; i < 6 && !reached; i++) {
      Thread.sleep(4_000); // the measurement window itself: a rate needs time to pass
      Samples after = scrape();
      double seconds = after.value("container_last_seen", "name", name) - before.value("container_last_seen", "name", name);
      double rate = delta(before, after, "container_cpu_usage_seconds_total", "name", name, "cpu", "total") / seconds;
      double root = delta(before, after, "container_cpu_usage_seconds_total", "id", "/", "cpu", "total") / seconds;
      windows.add(String.format("%.2f s: burner %.3f, root %.3f", seconds, rate, root));
      assertTrue(rate <= 0.55, "the quota is a ceiling: " + windows);
      assertTrue(root >= rate, "the root cgroup holds the burner: " + windows);
      reached = rate >= 0.45;
      before = after;
    }
    if (!reached) {
      fail("the burner never reached 90% of its 0.5 CPU quota (the root rate shows how busy the machine was): "
          + windows);
    }
    // The loop always wants more than its quota, so the kernel throttled it.
    assertTrue(delta(first, before, "container_cpu_cfs_throttled_periods_total", "name", name) > 0, windows::toString);
    assertTrue(delta(first, before, "container_cpu_cfs_periods_total", "name", name) > 0, windows::toString);
  }

  /**
   * 40 MiB written to a tmpfs inside the container is charged to its memory cgroup as shmem, which
   * the kernel keeps on the anonymous LRU lists: usage and working set both rise by the 40 MiB.
   * Bounds: at least 40 MiB − 256 KiB per CPU (the page counter is charged and uncharged in per-CPU
   * batches of up to 64 pages, so either scrape may be off by that much) and at most 40 MiB + 4 MiB
   * (the {@code docker exec}'d process's own pages are freed when it exits, but kernel objects it
   * made — the tmpfs inode, dentries — may stay charged). Measured here: +39.906 MiB for both.
   * The served values equal the cgroup files read around the scrape, and the working set equals what
   * {@code docker stats} prints (the Docker CLI subtracts inactive file pages from usage, as cAdvisor does).
   */
  @Test
  void memoryFollowsAKnownAllocationAndAgreesWithCgroupFilesAndDockerStats() throws Exception {
    String name = docker.name("mem");
    docker.run("run", "-d", "--network", "none", "--name", name, "--memory", "128m", "--tmpfs", "/t:size=64m",
        DockerEngine.IMAGE, "sleep", "300");
    Samples before = awaitScrape(name + " memory", x -> x.contains("container_memory_usage_bytes", "name", name));
    docker.run("exec", name, "busybox", "dd", "if=/dev/zero", "of=/t/f", "bs=1M", "count=40");
    Samples after = scrape();

    double usage = delta(before, after, "container_memory_usage_bytes", "name", name);
    double workingSet = delta(before, after, "container_memory_working_set_bytes", "name", name);
    String measured = String.format("usage +%.3f MiB, working set +%.3f MiB", usage / MIB, workingSet / MIB);
    double batches = Runtime.getRuntime().availableProcessors() * 256 * 1024;
    assertTrue(usage >= 40 * MIB - batches && usage <= 44 * MIB, measured);
    assertTrue(workingSet >= 40 * MIB - batches && workingSet <= 44 * MIB, measured);

    // The cgroup files, read just before and just after one scrape: the served value lies between.
    String cgroup = after.one("container_last_seen", "name", name).labels().get("id");
    long[] low = memoryFiles(cgroup);
    Samples s = scrape();
    long[] high = memoryFiles(cgroup);
    assertBetween(s.value("container_memory_usage_bytes", "name", name), low[0], high[0], "usage vs the cgroup file");
    assertBetween(s.value("container_memory_working_set_bytes", "name", name), low[1], high[1],
        "working set vs usage − inactive_file");

    // docker stats prints the working set with 4 significant digits ("40.48MiB / 128MiB").
    String stats = docker.run("stats", "--no-stream", "--format", "{{.MemUsage}}", name);
    Samples around = scrape();
    String[] parts = stats.split(" / ");
    double dockerWorkingSet = bytes(parts[0]);
    double ours = around.value("container_memory_working_set_bytes", "name", name);
    assertTrue(Math.abs(dockerWorkingSet - ours) <= ours * 0.001 + 256 * 1024,
        "docker stats " + stats + " vs working set " + ours);
    assertEquals(bytes(parts[1]), around.value("container_spec_memory_limit_bytes", "name", name), stats);
  }

  /**
   * 1,000,000 bytes served to the container and 300,000 bytes posted by it over the docker0 bridge
   * (an HTTP server the test runs on the bridge's gateway address; nothing leaves the machine) show
   * on its eth0: each direction grows by at least the payload and by at most the payload plus
   * TCP/IP/Ethernet headers and acknowledgements (under 10% + 64 KiB; measured: about +0.3% and +1%,
   * as segmentation offload makes few, large packets). Loopback, veth and bridge devices are not
   * reported, for the container or for the root cgroup (the host's namespace).
   */
  @Test
  void networkCountersFollowTrafficOverTheBridge() throws Exception {
    String name = docker.name("net");
    docker.run("run", "-d", "--name", name, DockerEngine.IMAGE, "sleep", "300");
    // The container's own view of its gateway: the bridge's IPAM config lists no Gateway when the
    // daemon chose the default one (a fresh Debian docker.io), the container's settings always do.
    String gateway = docker.run("inspect", "--format", "{{.NetworkSettings.Gateway}}", name);
    assertFalse(gateway.isBlank(), "the container has a gateway on the default bridge");
    int served = 1_000_000;
    int posted = 300_000;
    AtomicLong received = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress(gateway, 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        received.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
      }
      exchange.sendResponseHeaders(200, served);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(new byte[served]);
      }
    });
    server.start();
    try {
      Samples before = awaitScrape(name + " eth0",
          x -> x.contains("container_network_receive_bytes_total", "name", name, "interface", "eth0"));
      assertEquals(Set.of("eth0"), before.labelValues("container_network_receive_bytes_total", "interface", "name", name));

      // Not zeros: busybox wget reads --post-file as a C string and would send nothing.
      docker.run("exec", name, "sh", "-c", "busybox yes | busybox head -c " + posted + " > /tmp/up && busybox wget -q -O /dev/null "
          + "--post-file /tmp/up http://" + gateway + ":" + server.getAddress().getPort() + "/");
      assertEquals(posted, received.get(), "bytes the server read");
      Samples after = scrape();
      double rx = delta(before, after, "container_network_receive_bytes_total", "name", name, "interface", "eth0");
      double tx = delta(before, after, "container_network_transmit_bytes_total", "name", name, "interface", "eth0");
      String measured = String.format("eth0 received +%.0f B, transmitted +%.0f B", rx, tx);
      assertTrue(rx >= served && rx <= served * 1.1 + 65536, measured);
      assertTrue(tx >= posted && tx <= posted * 1.1 + 65536, measured);
      // Packets, not bytes, depend on offloads: veth aggregates segments (GRO), so only "some" is certain.
      assertTrue(delta(before, after, "container_network_receive_packets_total", "name", name, "interface", "eth0") > 0,
          measured);
      assertTrue(delta(before, after, "container_network_transmit_packets_total", "name", name, "interface", "eth0") > 0,
          measured);

      // The root cgroup reports the host's own devices only, although the container's veth exists.
      Set<String> root = after.labelValues("container_network_receive_bytes_total", "interface", "id", "/");
      assertFalse(root.isEmpty(), after.text());
      try (Stream<Path> devices = Files.list(Path.of("/sys/class/net"))) {
        assertTrue(devices.anyMatch(p -> p.getFileName().toString().startsWith("veth")), "a veth exists on the host");
      }
      for (String device : root) {
        assertFalse(device.startsWith("lo") || device.startsWith("veth") || device.startsWith("docker"), root::toString);
      }
    } finally {
      server.stop(0);
    }
  }

  /** cAdvisor's machine_* equal what the host says; the root cgroup's memory limit is the machine's RAM. */
  @Test
  void machineFamiliesAndTheRootCgroupCarryTheMachineTotals() throws Exception {
    Samples s = awaitScrape("root cgroup", x -> x.contains("container_last_seen", "id", "/"));
    long memTotalKib = memTotalKib();
    assertEquals(memTotalKib * 1024.0, s.value("machine_memory_bytes"));
    assertEquals(memTotalKib * 1024.0, s.value("container_spec_memory_limit_bytes", "id", "/"));
    Process nproc = new ProcessBuilder("nproc").start();
    int cores = Integer.parseInt(new String(nproc.getInputStream().readAllBytes()).trim());
    assertEquals(cores, s.value("machine_cpu_cores"));
    assertTrue(s.value("container_cpu_usage_seconds_total", "id", "/", "cpu", "total") > 0);
    assertTrue(s.value("container_memory_usage_bytes", "id", "/") > 0);
  }

  private Samples scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return Samples.parse(response.body());
  }

  /** Scrapes until {@code ready} holds (a new container shows once the events stream has brought it). */
  private Samples awaitScrape(String what, Predicate<Samples> ready) throws InterruptedException {
    Samples[] last = {null};
    DockerEngine.await(APPEAR, what, () -> {
      try {
        last[0] = scrape();
      } catch (IOException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return ready.test(last[0]);
    });
    return last[0];
  }

  private static double delta(Samples before, Samples after, String name, String... pairs) {
    return after.value(name, pairs) - before.value(name, pairs);
  }

  private static void assertBetween(double value, long low, long high, String what) {
    long min = Math.min(low, high);
    long max = Math.max(low, high);
    assertTrue(value >= min && value <= max, what + ": " + (long) value + " not in [" + min + ", " + max + "]");
  }

  /** {usage, usage − inactive file (floored at 0)} from the container's memory cgroup, v1 or v2. */
  private static long[] memoryFiles(String cgroup) throws IOException {
    Path v1 = Path.of("/sys/fs/cgroup/memory" + cgroup);
    boolean isV1 = Files.isDirectory(v1);
    Path dir = isV1 ? v1 : Path.of("/sys/fs/cgroup" + cgroup);
    long usage = Long.parseLong(Files.readString(dir.resolve(isV1 ? "memory.usage_in_bytes" : "memory.current")).trim());
    String key = isV1 ? "total_inactive_file " : "inactive_file ";
    long inactive = Files.readAllLines(dir.resolve("memory.stat")).stream().filter(l -> l.startsWith(key))
        .mapToLong(l -> Long.parseLong(l.substring(key.length()).trim())).findFirst().orElseThrow();
    return new long[] {usage, Math.max(0, usage - inactive)};
  }

  private static long memTotalKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no MemTotal in /proc/meminfo");
  }

  private static final Pattern SIZE = Pattern.compile("([0-9.]+)([KMGT]i)?B");

  /** Docker's binary sizes ("40.48MiB", "512KiB", "0B") in bytes. */
  static double bytes(String size) {
    Matcher m = SIZE.matcher(size.trim());
    if (!m.matches()) {
      throw new AssertionError("not a docker size: " + size);
    }
    int power = m.group(2) == null ? 0 : "KMGT".indexOf(m.group(2).charAt(0)) + 1;
    return Double.parseDouble(m.group(1)) * Math.pow(1024, power);
  }
}
