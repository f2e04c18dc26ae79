package dev.tally.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tally.metrics.MetricFamilies;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProcessFamiliesTest {

  @Test
  void openFdsFollowsTheDescriptorsThisProcessOpens() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux procfs");
    UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double before = ProcessFamilies.openFds(unix);
    List<FileChannel> opened = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        opened.add(FileChannel.open(Path.of("/proc/self/stat")));
      }
      double after = ProcessFamilies.openFds(unix);
      // Other threads of the test JVM may open or close a descriptor meanwhile.
      assertTrue(Math.abs(after - before - 40) <= 2, before + " then " + after);
      try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
        assertTrue(Math.abs(entries.count() - after) <= 3, "the directory's entries agree");
      }
    } finally {
      for (FileChannel channel : opened) {
        channel.close();
      }
    }
  }

  @Test
  void writesTheSixFamiliesUnderClientJavasNames() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux procfs");
    MetricFamilies out = new MetricFamilies();
    new ProcessFamilies().write(out);
    for (String name : List.of("process_cpu_seconds_total", "process_start_time_seconds", "process_open_fds",
        "process_max_fds", "process_virtual_memory_bytes", "process_resident_memory_bytes")) {
      assertEquals(1, out.get(name).size(), name);
    }
    assertTrue(out.get("process_resident_memory_bytes").sampleValue(0) > 1 << 20);
    assertTrue(out.get("process_start_time_seconds").sampleValue(0) > 1.7e9);
  }

  @Test
  void statusLinesInBytes() {
    String status = "Name:\tjava\nVmSize:\t 9202256 kB\nVmRSS:\t   89684 kB\nThreads:\t27\n";
    assertEquals(Optional.of(89684 * 1024.0), ProcessFamilies.kib(status, "VmRSS:"));
    assertEquals(Optional.of(9202256 * 1024.0), ProcessFamilies.kib(status, "VmSize:"));
    assertEquals(Optional.empty(), ProcessFamilies.kib(status, "VmSwap:"));
    assertEquals(Optional.empty(), ProcessFamilies.kib("VmRSS:\tmany kB\n", "VmRSS:"), "the first line has no newline before it");
  }
}
