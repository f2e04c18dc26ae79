package dev.tally.cgroup;

import dev.tally.parsers.CgroupBlkio;
import dev.tally.spi.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * v1 block I/O in runc's (and so cAdvisor's) order of preference: the first file group whose
 * {@code io_serviced} file has at least one device row wins — BFQ, then CFQ, then the throttle
 * files (recursive, then local). On blk-mq kernels only BFQ and throttle files exist, and the BFQ
 * ones hold only a {@code Total 0} line unless BFQ schedules the device. Which groups this kernel
 * writes is seen once, in the hierarchy's root: the CFQ files of an older kernel are not looked up
 * in every container on every scrape, and the local throttle files are read only on a kernel
 * without the recursive ones (the recursive count includes the local one, so when it is empty the
 * local one is too).
 */
final class V1Blkio {
  private final Path root;
  private List<String[]> groups;

  V1Blkio(CgroupLayout layout) {
    this.root = layout.v1("blkio", "/").orElse(null);
  }

  private static final String[][] GROUPS = {
      {"blkio.bfq.io_serviced_recursive", "blkio.bfq.io_service_bytes_recursive"},
      {"blkio.io_serviced_recursive", "blkio.io_service_bytes_recursive"},
      {"blkio.throttle.io_serviced_recursive", "blkio.throttle.io_service_bytes_recursive"},
      {"blkio.throttle.io_serviced", "blkio.throttle.io_service_bytes"},
  };

  List<CgroupStats.IoDevice> read(Path dir, CgroupFiles files) throws ParseException {
    for (String[] group : groups()) {
      List<CgroupBlkio.Entry> serviced = rows(files, dir, group[0]);
      if (serviced.isEmpty()) {
        continue;
      }
      return devices(serviced, rows(files, dir, group[1]));
    }
    return List.of();
  }

  private synchronized List<String[]> groups() {
    if (groups == null) {
      groups = new ArrayList<>();
      for (String[] group : GROUPS) {
        boolean local = group == GROUPS[GROUPS.length - 1];
        if (root == null || Files.exists(root.resolve(group[0])) && !(local && groups.contains(GROUPS[2]))) {
          groups.add(group);
        }
      }
    }
    return groups;
  }

  private static List<CgroupBlkio.Entry> rows(CgroupFiles files, Path dir, String name) throws ParseException {
    String text = files.text(dir, name);
    return text == null ? List.of() : CgroupBlkio.parse(files.file(dir, name).toString(), text);
  }

  private static List<CgroupStats.IoDevice> devices(List<CgroupBlkio.Entry> serviced, List<CgroupBlkio.Entry> bytes) {
    Map<Long, CgroupStats.IoDevice> byDevice = new TreeMap<>();
    for (CgroupBlkio.Entry e : serviced) {
      device(byDevice, e).operations().put(e.operation(), e.value());
    }
    for (CgroupBlkio.Entry e : bytes) {
      device(byDevice, e).bytes().put(e.operation(), e.value());
    }
    return new ArrayList<>(byDevice.values());
  }

  private static CgroupStats.IoDevice device(Map<Long, CgroupStats.IoDevice> byDevice, CgroupBlkio.Entry e) {
    return byDevice.computeIfAbsent(((long) e.major() << 32) | e.minor(),
        k -> new CgroupStats.IoDevice(e.major(), e.minor(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>()));
  }
}
