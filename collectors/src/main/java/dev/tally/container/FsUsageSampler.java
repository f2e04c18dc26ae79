package dev.tally.container;

import dev.tally.host.HostPaths;
import dev.tally.host.KernelFiles;
import dev.tally.host.Statfs;
import dev.tally.host.SystemCalls;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code container_fs_usage_bytes} measured off the scrape path: one daemon thread walks each
 * running container's writable layer (overlay2 upper dir) and its log directory every interval,
 * within a time budget of a quarter of the interval; a container whose walk does not fit keeps
 * its last value and is walked first next time. Scrapes only read the last results. The one
 * timer in the agent besides the Docker events stream, because a walk can take seconds (cAdvisor's
 * "most expensive metric", cadvisor#2459).
 */
final class FsUsageSampler {
  private static final Logger LOG = System.getLogger(FsUsageSampler.class.getName());

  /** Last results by container id. */
  record Sample(long bytes, long inodes, String device, Long capacityBytes) {}

  private final HostPaths paths;
  private final SystemCalls system;
  private final Supplier<List<ContainerInfo>> containers;
  private final Duration interval;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;
  private boolean stopped;
  private volatile boolean scrapedSinceRound;

  FsUsageSampler(HostPaths paths, SystemCalls system, Supplier<List<ContainerInfo>> containers, Duration interval) {
    this.paths = paths;
    this.system = system;
    this.containers = containers;
    this.interval = interval;
  }

  /**
   * Starts the thread once; a zero interval switches the walk off, and a stopped sampler stays so.
   * Every call also marks demand: a round runs only when a scrape came since the last one, so an
   * agent nobody scrapes walks nothing (the walk is the agent's only work off the scrape path).
   */
  synchronized void start() {
    scrapedSinceRound = true;
    if (executor != null || stopped || interval.isZero() || interval.isNegative()) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tally-fs-usage");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::roundIfScraped, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ends the walk thread (the agent is stopping, or a test is done with the collector). */
  synchronized void stop() {
    stopped = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  Optional<Sample> sample(String id) {
    return Optional.ofNullable(samples.get(id));
  }

  void roundIfScraped() {
    if (scrapedSinceRound) {
      scrapedSinceRound = false;
      round();
    }
  }

  /** One pass over the running containers; package-private so tests run it synchronously. */
  void round() {
    try {
      List<ContainerInfo> running = containers.get().stream().filter(ContainerInfo::running).toList();
      samples.keySet().retainAll(running.stream().map(ContainerInfo::id).toList());
      // Never-measured containers first, so a slow round does not starve new ones.
      List<ContainerInfo> order = running.stream().sorted((a, b) -> Boolean.compare(samples.containsKey(a.id()),
          samples.containsKey(b.id()))).toList();
      long deadline = System.nanoTime() + interval.toNanos() / 4;
      // The device and the size of Docker's filesystem, once per round (mountinfo has a line per
      // container: looked up per container, a round with 200 containers parsed 40,000 lines).
      Path docker = paths.onRootfs("/var/lib/docker");
      String device = order.isEmpty() ? null : MountDevices.deviceOf(paths, "/var/lib/docker");
      Long capacity = order.isEmpty() ? null : capacity(docker);
      for (ContainerInfo c : order) {
        if (System.nanoTime() - deadline > 0) {
          break;
        }
        measure(c, docker, device, capacity, deadline);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "container filesystem usage walk failed: " + e);
    }
  }

  private Long capacity(Path docker) {
    try {
      Statfs fs = system.statfs(docker);
      return fs.blocks() * fs.blockSize();
    } catch (Exception e) {
      return null; // capacity stays unknown
    }
  }

  private void measure(ContainerInfo c, Path docker, String device, Long capacity, long deadline) {
    Optional<String> mountId = KernelFiles.readTrimmedIfPresent(
        docker.resolve("image/overlay2/layerdb/mounts").resolve(c.id()).resolve("mount-id"));
    if (mountId.isEmpty()) {
      return; // not overlay2, or another Docker root: nothing we know how to measure
    }
    Path upper = docker.resolve("overlay2").resolve(mountId.get()).resolve("diff");
    try {
      DiskUsage.Usage usage = DiskUsage.walk(upper, deadline)
          .plus(DiskUsage.walk(docker.resolve("containers").resolve(c.id()), deadline));
      samples.put(c.id(), new Sample(usage.bytes(), usage.inodes(), device, capacity));
    } catch (DiskUsage.OverBudget e) {
      // keeps its last value; walked first next round
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "cannot measure the writable layer of " + c.name() + ": " + e);
    }
  }
}
