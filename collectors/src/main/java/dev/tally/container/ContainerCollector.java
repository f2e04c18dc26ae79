package dev.tally.container;

import dev.tally.cgroup.CgroupLayout;
import dev.tally.cgroup.CgroupPathResolver;
import dev.tally.cgroup.CgroupReader;
import dev.tally.cgroup.CgroupStats;
import dev.tally.cgroup.CgroupTree;
import dev.tally.host.HeldFiles;
import dev.tally.host.HostPaths;
import dev.tally.host.KernelFiles;
import dev.tally.metrics.MetricFamilies;
import dev.tally.parsers.ProcMeminfo;
import dev.tally.spi.BaseProvider;
import dev.tally.spi.Collector;
import dev.tally.spi.CollectorContext;
import dev.tally.spi.CollectorOption;
import dev.tally.spi.CollectorOption.Kind;
import dev.tally.spi.Endpoint;
import dev.tally.spi.ParseException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * cAdvisor's container families for the root cgroup ({@code id="/"}, machine totals) and every
 * running Docker container, read from cgroup files on each scrape (no cache, no sample timestamps:
 * a removed container's series go stale at once). A container whose cgroup vanished between the
 * listing and the read just stopped: it is skipped, the scrape succeeds.
 */
public final class ContainerCollector implements Collector {
  static final String LABELS = "container.labels";
  static final String CGROUPS = "container.cgroups";
  static final String PERCPU = "container.percpu";
  static final String FS_USAGE_INTERVAL = "container.fs-usage-interval";

  private final HostPaths paths;
  private final Clock clock;
  private final ContainerInventory inventory;
  private final ContainerLabels labels;
  private final boolean percpu;
  private final boolean allCgroups;
  private final FsUsageSampler fsUsage;
  private final ControllerStatus controllers = new ControllerStatus();
  /** The statistics files of the cgroups and processes read on every scrape, kept open between scrapes. */
  private final HeldFiles files = new HeldFiles(HeldFiles.capacityWithinOpenFileLimit(0.5));
  private CgroupReader reader;
  private CgroupPathResolver resolver;

  public ContainerCollector(CollectorContext context) {
    this.paths = context.paths();
    this.clock = context.clock();
    this.inventory = context.containers();
    this.labels = ContainerLabels.parse(context.options().string(LABELS).orElse("all"));
    this.percpu = context.options().bool(PERCPU);
    String cgroups = context.options().string(CGROUPS).orElse("docker");
    if (!cgroups.equals("docker") && !cgroups.equals("all")) {
      throw new IllegalArgumentException("--" + CGROUPS + "=" + cgroups + ": expected docker or all");
    }
    this.allCgroups = cgroups.equals("all");
    this.fsUsage = new FsUsageSampler(paths, context.system(), inventory::containers,
        context.options().duration(FS_USAGE_INTERVAL).orElse(Duration.ofMinutes(1)));
  }

  @Override
  public void close() {
    fsUsage.stop();
    files.close();
  }

  @Override
  public void collect(MetricFamilies out) throws Exception {
    if (reader == null) {
      // Detected once: the cgroup mounts of a running host do not change under the agent.
      reader = CgroupReader.of(CgroupLayout.detect(paths), files);
      resolver = new CgroupPathResolver(paths, reader.layout(), "");
    }
    try {
      collectAll(out);
    } finally {
      // What was not read this time belongs to containers that stopped: let it go.
      reader.endPass();
      resolver.endPass();
      files.closeUnused();
    }
  }

  private void collectAll(MetricFamilies out) throws Exception {
    fsUsage.start();
    CgroupLayout layout = reader.layout();
    controllers.write(out, layout);
    ProcMeminfo.Meminfo meminfo = ProcMeminfo.parse(paths.proc("meminfo").toString(),
        KernelFiles.read(paths.proc("meminfo")));
    Double memTotal = kib(meminfo, "MemTotal");
    Double swapTotal = kib(meminfo, "SwapTotal");
    List<ContainerInfo> running = inventory.containers().stream().filter(ContainerInfo::running).toList();
    ContainerLabels.Scheme scheme = labels.scheme(running);
    String driver = inventory.host().map(DockerHostInfo::cgroupDriver).orElse("");
    if (!resolver.driver().equals(driver)) {
      resolver = new CgroupPathResolver(paths, layout, driver);
    }
    DeviceNames devices = new DeviceNames(paths);
    double now = clock.millis() / 1000.0;

    write(out, scheme.raw("/"), reader.read("/"), 1, devices, memTotal, swapTotal, now);
    Set<String> seen = new HashSet<>();
    seen.add("/");
    for (ContainerInfo c : running) {
      String path = resolver.resolve(c);
      seen.add(path);
      ContainerSeries series = scheme.series(c, path);
      CgroupStats stats;
      try {
        // Docker's limits of the container change with `docker update`: the limit files are read again then.
        stats = reader.read(path, c.limits());
      } catch (NoSuchFileException e) {
        continue; // stopped between the listing and now
      }
      write(out, series, stats, c.initPid(), devices, memTotal, swapTotal, now);
      fsUsage.sample(c.id()).ifPresent(sample -> FsFamilies.write(out, series, sample));
      if (c.started() != null) {
        series.gauge(out, "container_start_time_seconds", "Start time of the container since the Unix epoch, in seconds.",
            c.started().toEpochMilli() / 1000.0);
      }
      if (c.created() != null) {
        series.gauge(out, "container_creation_time_seconds",
            "Creation time of the container since the Unix epoch, in seconds.", c.created().toEpochMilli() / 1000.0);
      }
    }
    if (allCgroups) {
      for (String path : CgroupTree.paths(layout)) {
        if (seen.add(path)) {
          try {
            write(out, scheme.raw(path), reader.read(path), 0, devices, memTotal, swapTotal, now);
          } catch (NoSuchFileException e) {
            // removed since the walk
          }
        }
      }
    }
  }

  private void write(MetricFamilies out, ContainerSeries s, CgroupStats stats, long pid, DeviceNames devices,
      Double memTotal, Double swapTotal, double now) throws IOException, ParseException {
    s.gauge(out, "container_last_seen", "Last time the container was seen by the agent, in Unix seconds.", now);
    CpuFamilies.write(out, s, stats, percpu);
    MemoryFamilies.write(out, s, stats.memory());
    NetworkFamilies.write(out, s, paths, files, pid);
    BlkioFamilies.write(out, s, stats.io(), devices);
    SpecFamilies.write(out, s, stats.spec(), stats.memory() != null, memTotal, swapTotal);
    TaskFamilies.write(out, s, stats, paths, files);
  }

  private static Double kib(ProcMeminfo.Meminfo meminfo, String name) {
    return meminfo.get(name).map(f -> f.value() * 1024).orElse(null);
  }

  public static final class Provider extends BaseProvider {
    public Provider() {
      super("container", true, Endpoint.CONTAINER,
          "cAdvisor's container_* families for the root cgroup and every running Docker container.",
          List.of(
              CollectorOption.of(LABELS, Kind.STRING, "all",
                  "Docker labels exposed as container_label_<key>: all, none, or a comma-separated list of keys."),
              CollectorOption.of(CGROUPS, Kind.STRING, "docker",
                  "Which cgroups to report: docker (Docker containers and the root cgroup, cAdvisor's --docker_only) "
                      + "or all (every cgroup, as cAdvisor by default)."),
              CollectorOption.of(PERCPU, Kind.BOOLEAN, "false",
                  "Per-CPU container_cpu_usage_seconds_total series instead of cpu=\"total\" (cgroup v1 only)."),
              CollectorOption.of(FS_USAGE_INTERVAL, Kind.DURATION, "1m",
                  "How often a background walk measures container_fs_usage_bytes (0s: never).")),
          ContainerCollector::new);
    }
  }
}
