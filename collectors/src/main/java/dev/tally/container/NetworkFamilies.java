package dev.tally.container;

import dev.tally.host.HostPaths;
import dev.tally.host.HeldFiles;
import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.metrics.MetricType;
import dev.tally.parsers.ProcNetDev;
import dev.tally.spi.ParseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * cAdvisor's {@code network} group: the container's network namespace as its init process sees it,
 * {@code <procfs>/<pid>/net/dev} (pid 1 for the root cgroup), without loopback, veth and bridge
 * devices (names starting {@code lo}, {@code veth}, {@code docker}, {@code nerdctl}, any case).
 */
final class NetworkFamilies {
  private NetworkFamilies() {}

  private static final String[] SKIPPED = {"lo", "veth", "docker", "nerdctl"};

  static void write(MetricFamilies out, ContainerSeries s, HostPaths paths, HeldFiles files, long pid) throws ParseException {
    if (pid <= 0) {
      return;
    }
    Path file = paths.proc(Long.toString(pid), "net", "dev");
    Optional<String> text = files.readIfPresent(file);
    if (text.isEmpty()) {
      return; // the process ended: the container is stopping
    }
    List<ProcNetDev.Device> devices = ProcNetDev.parse(file.toString(), text.get());
    MetricFamily rxBytes = counter(out, s, "container_network_receive_bytes_total", "Bytes received.");
    MetricFamily rxPackets = counter(out, s, "container_network_receive_packets_total", "Packets received.");
    MetricFamily rxDropped = counter(out, s, "container_network_receive_packets_dropped_total", "Packets dropped while receiving.");
    MetricFamily rxErrors = counter(out, s, "container_network_receive_errors_total", "Errors while receiving.");
    MetricFamily txBytes = counter(out, s, "container_network_transmit_bytes_total", "Bytes transmitted.");
    MetricFamily txPackets = counter(out, s, "container_network_transmit_packets_total", "Packets transmitted.");
    MetricFamily txDropped = counter(out, s, "container_network_transmit_packets_dropped_total", "Packets dropped while transmitting.");
    MetricFamily txErrors = counter(out, s, "container_network_transmit_errors_total", "Errors while transmitting.");
    for (ProcNetDev.Device d : devices) {
      if (skipped(d.name())) {
        continue;
      }
      s.add(rxBytes, d.receiveBytes(), d.name());
      s.add(rxPackets, d.receivePackets(), d.name());
      s.add(rxDropped, d.receiveDrop(), d.name());
      s.add(rxErrors, d.receiveErrs(), d.name());
      s.add(txBytes, d.transmitBytes(), d.name());
      s.add(txPackets, d.transmitPackets(), d.name());
      s.add(txDropped, d.transmitDrop(), d.name());
      s.add(txErrors, d.transmitErrs(), d.name());
    }
  }

  static boolean skipped(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String prefix : SKIPPED) {
      if (lower.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static MetricFamily counter(MetricFamilies out, ContainerSeries s, String name, String help) {
    return s.family(out, MetricType.COUNTER, name, help, "interface");
  }
}
