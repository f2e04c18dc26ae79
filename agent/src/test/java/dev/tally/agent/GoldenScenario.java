package dev.tally.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tally.agent.cli.HelpRequested;
import dev.tally.agent.cli.TallyCommand;
import dev.tally.agent.cli.UsageException;
import dev.tally.agent.docker.DockerMetrics;
import dev.tally.agent.docker.RecordedDockerAnswers;
import dev.tally.agent.http.TextExposition;
import dev.tally.host.HeldFiles;
import dev.tally.host.RecordedSystemCalls;
import dev.tally.metrics.MetricFamilies;
import dev.tally.scrape.NamedCollector;
import dev.tally.scrape.ScrapeRunner;
import dev.tally.spi.CollectorProvider;
import dev.tally.spi.Endpoint;
import dev.tally.testing.Exposition;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One golden scenario: a directory holding a host tree ({@code proc/}, {@code sys/}, {@code run/udev/data},
 * {@code recorded/} system-call answers), an {@code args} file and {@code expected.node.prom}; and/or
 * recorded Docker answers in {@code recorded/docker/} (see {@link RecordedDockerAnswers}) and
 * {@code expected.container.prom}, the container endpoint's exposition (its collectors, their
 * {@code tally_container_scrape_collector_*} families and the {@code tally_docker_*} families).
 * A directory with {@code args} is a node scenario; one with {@code recorded/docker/} a container
 * scenario (its {@code args}, optional, apply to both; {@code args.container}, optional, adds flags
 * for the container endpoint only, e.g. {@code --container.fs-usage-interval=0s}: a background walk
 * racing the one golden scrape would make the output depend on timing).
 *
 * <p>{@code args}: one flag per line ({@code --collector.cpu}, {@code --collector.netdev.device-exclude=^lo$}),
 * blank lines and {@code #} comments ignored; {@code ${SCENARIO}} stands for the scenario directory
 * (e.g. {@code --collector.textfile.directory=${SCENARIO}/textfile}). The four {@code --path.*} flags
 * pointing into the directory come first, so {@code args} may override them.
 *
 * <p>{@code recorded/clock} (optional): line 1 an ISO instant, line 2 a zone id; without it the clock
 * stands at 2026-01-01T00:00:00Z in UTC. Collector durations are 0, so the output is host-independent.
 */
final class GoldenScenario {
  static final String ARGS = "args";
  static final String CONTAINER_ARGS = "args.container";
  static final String EXPECTED_NODE = "expected.node.prom";
  static final String EXPECTED_CONTAINER = "expected.container.prom";
  static final Instant DEFAULT_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

  private GoldenScenario() {}

  /** Every directory under {@code fixtures} that holds an {@code args} file or {@code recorded/docker/}, sorted. */
  static List<Path> find(Path fixtures) throws IOException {
    if (!Files.isDirectory(fixtures)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(fixtures)) {
      return files.filter(p -> p.getFileName().toString().equals(ARGS) && Files.isRegularFile(p)
              || isDockerRecording(p))
          .map(p -> p.getFileName().toString().equals(ARGS) ? p.getParent() : p.getParent().getParent())
          .distinct().sorted().toList();
    }
  }

  private static boolean isDockerRecording(Path p) {
    return p.getFileName().toString().equals("docker") && p.getParent() != null
        && p.getParent().getFileName().toString().equals("recorded") && Files.isDirectory(p);
  }

  static boolean hasNode(Path dir) {
    return Files.isRegularFile(dir.resolve(ARGS));
  }

  static boolean hasContainers(Path dir) {
    return Files.isDirectory(dir.resolve("recorded").resolve("docker"));
  }

  static List<String> args(Path dir) throws IOException {
    return args(dir, ARGS);
  }

  static List<String> args(Path dir, String file) throws IOException {
    List<String> args = new ArrayList<>();
    String scenario = dir.toAbsolutePath().toString();
    if (!Files.isRegularFile(dir.resolve(file))) {
      return args;
    }
    for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8)) {
      String flag = line.strip();
      if (!flag.isEmpty() && !flag.startsWith("#")) {
        args.add(flag.replace("${SCENARIO}", scenario));
      }
    }
    return args;
  }

  static Clock clock(Path dir) throws IOException {
    Path file = dir.resolve("recorded").resolve("clock");
    if (!Files.exists(file)) {
      return Clock.fixed(DEFAULT_INSTANT, ZoneOffset.UTC);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Instant instant = Instant.parse(lines.get(0).strip());
    ZoneId zone = lines.size() > 1 && !lines.get(1).isBlank() ? ZoneId.of(lines.get(1).strip()) : ZoneOffset.UTC;
    return Clock.fixed(instant, zone);
  }

  private static AgentConfig config(Path dir, List<CollectorProvider> providers, String... argFiles) throws IOException {
    Path root = dir.toAbsolutePath();
    List<String> all = new ArrayList<>(List.of("--path.procfs=" + root.resolve("proc"), "--path.sysfs=" + root.resolve("sys"),
        "--path.rootfs=" + root, "--path.udev.data=" + root.resolve("run/udev/data")));
    for (String file : argFiles) {
      all.addAll(args(dir, file));
    }
    try {
      return TallyCommand.parse(providers, all.toArray(String[]::new));
    } catch (UsageException | HelpRequested e) {
      throw new AssertionError(dir.resolve(String.join("+", argFiles)) + ": " + e.getMessage(), e);
    }
  }

  /** The node endpoint's exposition (text 0.0.4) for the scenario, as the agent would serve it. */
  static String render(Path dir, List<CollectorProvider> providers) throws Exception {
    AgentConfig config = config(dir, providers, ARGS);
    List<NamedCollector> collectors = CollectorWiring.build(providers, config, Endpoint.NODE, clock(dir),
        new RecordedSystemCalls(config.paths(), dir.toAbsolutePath().resolve("recorded")));
    // As the agent runs them: procfs and sysfs files held (here the scenario tree's).
    ScrapeRunner runner = new ScrapeRunner(Endpoint.NODE, collectors, () -> 0L, HeldFiles.forHost(config.paths()));
    return text(runner.collect(name -> true), new MetricFamilies());
  }

  /**
   * The container endpoint's exposition: the enabled container collectors over the scenario tree
   * and the inventory read from {@code recorded/docker/}, then Docker's state families, as the
   * agent serves them (minus the build and process families, which depend on the machine).
   */
  static String renderContainer(Path dir, List<CollectorProvider> providers) throws Exception {
    AgentConfig config = config(dir, providers, ARGS, CONTAINER_ARGS);
    RecordedDockerAnswers docker = RecordedDockerAnswers.load(dir.resolve("recorded").resolve("docker"));
    List<NamedCollector> collectors = CollectorWiring.build(providers, config, Endpoint.CONTAINER, clock(dir),
        new RecordedSystemCalls(config.paths(), dir.toAbsolutePath().resolve("recorded")), docker);
    ScrapeRunner runner = new ScrapeRunner(Endpoint.CONTAINER, collectors, () -> 0L);
    return text(runner.collect(name -> true), DockerMetrics.containerEndpoint(docker));
  }

  /**
   * The text the agent serves ({@link TextExposition}), checked against client_java's text writer
   * on client_java snapshots of the same families, so every scenario is also a test of the agent's
   * writer and of its sample order.
   */
  private static String text(MetricFamilies collected, MetricFamilies own) throws IOException {
    String ours = new String(TextExposition.write(collected, own), StandardCharsets.UTF_8);
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    collected.toSnapshots().forEach(all::metricSnapshot);
    own.toSnapshots().forEach(all::metricSnapshot);
    org.junit.jupiter.api.Assertions.assertEquals(Exposition.text(all.build()), ours,
        "the agent's text writer differs from client_java's");
    return ours;
  }

  /** Checks every endpoint the scenario has (see the class comment), or rewrites when {@code update}. */
  static void check(Path dir, List<CollectorProvider> providers, boolean update) throws Exception {
    if (hasNode(dir)) {
      compare(dir, EXPECTED_NODE, render(dir, providers), update);
    }
    if (hasContainers(dir)) {
      compare(dir, EXPECTED_CONTAINER, renderContainer(dir, providers), update);
    }
  }

  /** Compares with {@code expected}, or rewrites it when {@code update}. */
  static void compare(Path dir, String expected, String actual, boolean update) throws Exception {
    Path expectedFile = dir.resolve(expected);
    if (update) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(expectedFile)) {
      fail(expectedFile + " is missing: run `mvn -o test -Dgolden.update=true` to write it, then review it before committing");
    }
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
        dir + ": output differs from " + expected + " (if the change is intended, rerun with -Dgolden.update=true and review the diff)");
  }
}
