package dev.tally.cgroup;

import static dev.tally.cgroup.CgroupFiles.key;

import dev.tally.cgroup.CgroupStats.MemoryValue;
import dev.tally.host.PassCache;
import dev.tally.parsers.CgroupFlatKeyed;
import dev.tally.parsers.CgroupPercpu;
import dev.tally.parsers.ProcPressure;
import dev.tally.spi.ParseException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1 (also hybrid hosts, whose stats live in the v1 hierarchies): the files runc and cAdvisor
 * read (Documentation/admin-guide/cgroup-v1/{cpuacct,memory,blkio-controller,pids}.rst,
 * Documentation/scheduler/sched-bwc.rst). On a hybrid host the PSI files of the {@code unified}
 * tree are read too, since the kernel keeps them there.
 */
final class CgroupV1Reader implements CgroupReader {
  /** USER_HZ: {@code cpuacct.stat} counts in 1/100 s on every Linux architecture. */
  private static final double USER_HZ = 100;
  private static final double NANOS = 1e9;
  /** v1 writes "unlimited" as the largest page-aligned long; cAdvisor treats anything above 2^62 as unlimited. */
  private static final double UNLIMITED_ABOVE = Math.pow(2, 62);

  private final CgroupLayout layout;
  private final CgroupFiles files;
  private final V1Blkio blkio;
  private final LimitsCache<Limits> limits = new LimitsCache<>(System::nanoTime);

  /** A cgroup's directories in the hierarchies (null: controller off or not mounted), kept between scrapes. */
  private record Dirs(Path primary, Path cpu, Path cpuacct, Path memory, Path pids, Path blkio, Path unified) {}

  private final PassCache<String, Dirs> dirs = new PassCache<>();

  /** The limit files, and whether memory.stat's {@code total_*} keys are the ones to read. */
  private record Limits(CgroupStats.Spec spec, boolean hierarchical, Double pidsMax) {}

  CgroupV1Reader(CgroupLayout layout, CgroupFiles files, V1Blkio blkio) {
    this.layout = layout;
    this.files = files;
    this.blkio = blkio;
  }

  @Override
  public CgroupLayout layout() {
    return layout;
  }

  @Override
  public synchronized void endPass() {
    limits.endPass();
    dirs.endPass();
    files.endPass();
  }

  private synchronized Dirs dirs(String path) {
    return dirs.computeIfAbsent(path, p -> new Dirs(layout.primary(p).orElseThrow(), dir("cpu", p), dir("cpuacct", p),
        dir("memory", p), dir("pids", p), dir("blkio", p), layout.v2(p).orElse(null)));
  }

  @Override
  public CgroupStats read(String path, Object limitsVersion) throws IOException, ParseException {
    // No existence checks up front: a controller's directory that is missing only makes its files
    // absent, and cgroup.procs, read last, says whether the cgroup is still there.
    Dirs d = dirs(path);
    Limits limits = this.limits.get(path, limitsVersion, () -> limits(d.cpu(), d.memory(), d.pids()));
    CgroupStats.Cpu cpu = d.cpuacct() == null && d.cpu() == null ? null : cpu(d.cpuacct(), d.cpu());
    CgroupStats.Memory memory = d.memory() == null ? null : memory(d.memory(), limits.hierarchical());
    // The root of a v1 pids hierarchy has no pids.* files.
    Double pidsCurrent = d.pids() == null ? null : files.value(d.pids(), "pids.current");
    CgroupStats.Pids pids = pidsCurrent == null ? null : new CgroupStats.Pids(pidsCurrent, limits.pidsMax());
    List<CgroupStats.IoDevice> io = d.blkio() == null ? List.of() : blkio.read(d.blkio(), files);
    // On a hybrid host the kernel keeps PSI in the unified tree.
    Map<String, ProcPressure.Pressure> pressure = d.unified() == null ? Map.of() : files.pressure(d.unified());
    List<Long> procs;
    try {
      procs = files.procs(d.cpu() != null ? d.cpu() : d.primary(),
          d.primary(), d.cpuacct(), d.memory(), d.pids(), d.blkio(), d.unified());
    } catch (NoSuchFileException gone) {
      this.limits.forget(path);
      throw gone;
    }
    return new CgroupStats(cpu, memory, io, pids, pressure, limits.spec(), procs);
  }

  /** The controller's directory for this cgroup when the controller is on and mounted. */
  private Path dir(String controller, String path) {
    if (!layout.enabled(controller)) {
      return null;
    }
    return layout.v1(controller, path).orElse(null);
  }

  private static Limits limits(Path cpuDir, Path memoryDir, Path pidsDir) throws ParseException {
    Double hierarchy = memoryDir == null ? null : CgroupFiles.limitValue(memoryDir, "memory.use_hierarchy");
    CgroupStats.Spec spec = new CgroupStats.Spec(
        cpuDir == null ? null : CgroupFiles.limitValue(cpuDir, "cpu.shares"),
        quota(cpuDir),
        cpuDir == null ? null : CgroupFiles.limitSigned(cpuDir, "cpu.cfs_period_us"),
        memoryDir == null ? null : limit(CgroupFiles.limitValue(memoryDir, "memory.limit_in_bytes")),
        memoryDir == null ? null : limit(CgroupFiles.limitValue(memoryDir, "memory.memsw.limit_in_bytes")),
        memoryDir == null ? null : limit(CgroupFiles.limitValue(memoryDir, "memory.soft_limit_in_bytes")));
    Double pidsMax = pidsDir == null ? null : CgroupFiles.limitValue(pidsDir, "pids.max");
    return new Limits(spec, hierarchy == null || hierarchy != 0, pidsMax);
  }

  private CgroupStats.Cpu cpu(Path cpuacct, Path cpu) throws ParseException {
    Double usage = null;
    double[] perCpu = null;
    Double user = null;
    Double system = null;
    if (cpuacct != null) {
      String percpu = files.text(cpuacct, "cpuacct.usage_percpu");
      if (percpu != null) {
        // cpuacct.usage is the sum of these (the kernel adds the same per-CPU counters): one file less.
        perCpu = CgroupPercpu.parse(files.file(cpuacct, "cpuacct.usage_percpu").toString(), percpu);
        double nanos = 0;
        for (int i = 0; i < perCpu.length; i++) {
          nanos += perCpu[i];
          perCpu[i] /= NANOS;
        }
        usage = nanos / NANOS;
      } else {
        Double nanos = files.value(cpuacct, "cpuacct.usage");
        usage = nanos == null ? null : nanos / NANOS;
      }
      CgroupFlatKeyed.Values stat = files.flat(cpuacct, "cpuacct.stat");
      user = ticks(key(stat, "user"));
      system = ticks(key(stat, "system"));
    }
    CgroupFlatKeyed.Values stat = cpu == null ? null : files.flat(cpu, "cpu.stat");
    if (usage == null && user == null && stat == null) {
      return null; // neither controller has this cgroup
    }
    Double throttled = key(stat, "throttled_time");
    Double burst = key(stat, "burst_time");
    return new CgroupStats.Cpu(usage, perCpu, user, system, key(stat, "nr_periods"), key(stat, "nr_throttled"),
        throttled == null ? null : throttled / NANOS, key(stat, "nr_bursts"), burst == null ? null : burst / NANOS);
  }

  private static Double ticks(Double ticks) {
    return ticks == null ? null : ticks / USER_HZ;
  }

  private static Long quota(Path cpuDir) throws ParseException {
    if (cpuDir == null) {
      return null;
    }
    Long quota = CgroupFiles.limitSigned(cpuDir, "cpu.cfs_quota_us");
    return quota == null || quota < 0 ? null : quota;
  }

  private static Double limit(Double bytes) {
    if (bytes == null || bytes <= UNLIMITED_ABOVE) {
      return bytes;
    }
    return Double.POSITIVE_INFINITY;
  }

  private CgroupStats.Memory memory(Path dir, boolean hierarchical) throws ParseException {
    CgroupFlatKeyed.Values stat = files.flat(dir, "memory.stat");
    if (stat == null) {
      return null; // the memory hierarchy has no such cgroup
    }
    // With use_hierarchy (the only mode since 6.x, the default long before) the total_* keys hold
    // the cgroup and its descendants, which is what cAdvisor reports.
    String p = hierarchical ? "total_" : "";
    EnumMap<MemoryValue, Double> v = new EnumMap<>(MemoryValue.class);
    Double usage = files.value(dir, "memory.usage_in_bytes");
    put(v, MemoryValue.USAGE, usage);
    put(v, MemoryValue.MAX_USAGE, files.value(dir, "memory.max_usage_in_bytes"));
    put(v, MemoryValue.FAILCNT, files.value(dir, "memory.failcnt"));
    put(v, MemoryValue.KERNEL_USAGE, files.value(dir, "memory.kmem.usage_in_bytes"));
    put(v, MemoryValue.CACHE, key(stat, p + "cache"));
    put(v, MemoryValue.RSS, key(stat, p + "rss"));
    put(v, MemoryValue.MAPPED_FILE, key(stat, p + "mapped_file"));
    put(v, MemoryValue.SWAP, key(stat, p + "swap"));
    put(v, MemoryValue.ACTIVE_FILE, key(stat, p + "active_file"));
    put(v, MemoryValue.INACTIVE_FILE, key(stat, p + "inactive_file"));
    put(v, MemoryValue.WORKING_SET, CgroupFiles.workingSet(usage, key(stat, p + "inactive_file")));
    // cAdvisor reads the local (not total_) fault and refault keys on v1.
    put(v, MemoryValue.PGFAULT, key(stat, "pgfault"));
    put(v, MemoryValue.PGMAJFAULT, key(stat, "pgmajfault"));
    put(v, MemoryValue.REFAULT_FILE, key(stat, "workingset_refault_file"));
    put(v, MemoryValue.REFAULT_ANON, key(stat, "workingset_refault_anon"));
    put(v, MemoryValue.OOM_KILLS, key(files.flat(dir, "memory.oom_control"), "oom_kill"));
    return new CgroupStats.Memory(v);
  }

  static void put(EnumMap<MemoryValue, Double> values, MemoryValue key, Double value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
