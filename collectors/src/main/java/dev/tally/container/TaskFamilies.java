package dev.tally.container;

import dev.tally.cgroup.CgroupStats;
import dev.tally.host.HeldFiles;
import dev.tally.host.HostPaths;
import dev.tally.host.KernelFiles;
import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.metrics.MetricType;
import dev.tally.parsers.ProcPidStat;
import dev.tally.spi.ParseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code container_tasks_state}, {@code container_processes}, {@code container_threads},
 * {@code container_threads_max}. cAdvisor's task states come from netlink taskstats, which only its
 * opt-in load reader asks for (so they are 0 there); here they are real counts of the cgroup's
 * threads by the state in {@code /proc/<pid>/task/<tid>/stat} ({@code /proc/<pid>/stat} for a
 * single-threaded process). {@code iowaiting} cannot be told from that file and is left out rather
 * than shown as 0.
 *
 * <p>This is the one cost that grows with threads rather than containers: a file per thread on
 * every scrape (the kernel has no per-cgroup count outside taskstats netlink, which Java cannot
 * speak). The files are held open like the cgroup files: a JVM container with 21 threads cost
 * 0.37 ms per scrape when each was opened and closed, 0.23 held (of which the kernel's formatting
 * is ~3 µs per thread); each held file keeps ~4.5 KiB of kernel memory while its thread lives.
 */
final class TaskFamilies {
  private TaskFamilies() {}

  static void write(MetricFamilies out, ContainerSeries s, CgroupStats stats, HostPaths paths, HeldFiles files)
      throws IOException, ParseException {
    s.gauge(out, "container_processes", "Number of processes in the container.", (double) stats.processes().size());
    if (stats.pids() != null) {
      s.gauge(out, "container_threads", "Number of threads (tasks) in the container.", stats.pids().current());
      Double max = stats.pids().max();
      s.gauge(out, "container_threads_max", "Maximum number of threads allowed (0 = unlimited).",
          SpecFamilies.unlimitedIsZero(max));
    }
    if (s.isRoot()) {
      return; // the root cgroup holds the host's own processes: not walked on every scrape
    }
    ThreadStates counts = new ThreadStates();
    for (long pid : stats.processes()) {
      String pidName = Long.toString(pid);
      Path stat = paths.proc(pidName, "stat");
      Optional<String> text = files.readIfPresent(stat);
      if (text.isEmpty()) {
        continue; // the process ended between listing and reading
      }
      if (ProcPidStat.numThreads(stat.toString(), text.get()) == 1) {
        // Its only thread's state is the process's: one held file instead of a directory walk.
        counts.add(ProcPidStat.state(stat.toString(), text.get()));
        continue;
      }
      for (Path task : KernelFiles.entries(paths.proc(pidName, "task"))) {
        Path file = task.resolve("stat");
        Optional<String> taskText = files.readIfPresent(file);
        if (taskText.isPresent()) { // else the thread ended between listing and reading
          counts.add(ProcPidStat.state(file.toString(), taskText.get()));
        }
      }
    }
    MetricFamily states = s.family(out, MetricType.GAUGE, "container_tasks_state",
        "Number of the container's tasks in each state.", "state");
    s.add(states, counts.sleeping, "sleeping");
    s.add(states, counts.running, "running");
    s.add(states, counts.stopped, "stopped");
    s.add(states, counts.uninterruptible, "uninterruptible");
  }

  /** Threads by the states cAdvisor names. */
  private static final class ThreadStates {
    int sleeping;
    int running;
    int stopped;
    int uninterruptible;

    void add(char state) {
      switch (state) {
        case 'R' -> running++;
        case 'S' -> sleeping++;
        case 'D' -> uninterruptible++;
        case 'T', 't' -> stopped++;
        default -> { } // zombies, idle kernel threads: no state cAdvisor counts
      }
    }
  }
}
