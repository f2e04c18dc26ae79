package dev.tally.agent.http;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tally.host.KernelFiles;
import dev.tally.metrics.MetricFamilies;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's own {@code process_*} families under the names, types and help texts client_java's
 * and client_golang's process collectors use (Node Exporter Full's "Node Exporter" row reads them).
 *
 * <p>Written here rather than taken from client_java's {@code ProcessMetrics} because of
 * {@code process_open_fds}: that counts the entries of {@code /proc/self/fd} on every scrape, and
 * the agent holds its statistics files open ({@link dev.tally.host.HeldFiles}), about 18 per
 * container: with 50 containers the count cost 0.6 ms of each scrape. Since Linux 6.2 the size
 * {@code stat} reports for that directory is the number of open descriptors; on older kernels
 * (size 0) the entries are counted as before. The paths are the agent's own process, not the
 * host's ({@code --path.procfs} is for the host).
 */
final class ProcessFamilies {
  private static final Path OWN_FDS = Path.of("/proc/self/fd");
  private static final Path OWN_STATUS = Path.of("/proc/self/status");

  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final double startSeconds = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;

  void write(MetricFamilies out) {
    if (os instanceof com.sun.management.OperatingSystemMXBean process) {
      out.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.")
          .add(process.getProcessCpuTime() / 1e9);
    }
    out.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.").add(startSeconds);
    if (os instanceof UnixOperatingSystemMXBean unix) {
      out.gauge("process_open_fds", "Number of open file descriptors.").add(openFds(unix));
      out.gauge("process_max_fds", "Maximum number of open file descriptors.").add(unix.getMaxFileDescriptorCount());
    }
    Optional<String> status = KernelFiles.readIfPresent(OWN_STATUS);
    status.flatMap(s -> kib(s, "VmSize:")).ifPresent(bytes ->
        out.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.").add(bytes));
    status.flatMap(s -> kib(s, "VmRSS:")).ifPresent(bytes ->
        out.gauge("process_resident_memory_bytes", "Resident memory size in bytes.").add(bytes));
  }

  static double openFds(UnixOperatingSystemMXBean unix) {
    try {
      long size = Files.size(OWN_FDS);
      if (size > 0) {
        return size;
      }
    } catch (IOException e) {
      // not Linux, or /proc not mounted: count as the JDK does
    }
    return unix.getOpenFileDescriptorCount();
  }

  /** A {@code /proc/self/status} line such as {@code VmRSS:     89684 kB}, in bytes. */
  static Optional<Double> kib(String status, String key) {
    int at = status.indexOf("\n" + key);
    if (at < 0) {
      return Optional.empty();
    }
    int start = at + 1 + key.length();
    int end = status.indexOf('\n', start);
    String[] fields = status.substring(start, end < 0 ? status.length() : end).trim().split("\\s+");
    try {
      return Optional.of(Long.parseLong(fields[0]) * 1024.0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
