package dev.tally.cgroup;

import static dev.tally.cgroup.CgroupFiles.key;
import static dev.tally.cgroup.CgroupV1Reader.put;

import dev.tally.cgroup.CgroupStats.MemoryValue;
import dev.tally.host.PassCache;
import dev.tally.host.KernelFiles;
import dev.tally.parsers.CgroupCpuMax;
import dev.tally.parsers.CgroupFlatKeyed;
import dev.tally.parsers.CgroupIoStat;
import dev.tally.spi.ParseException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * cgroup v2: {@code cpu.stat}, {@code memory.current}/{@code memory.stat}/{@code memory.events},
 * {@code io.stat}, {@code pids.*}, {@code *.pressure} and the limit files
 * (Documentation/admin-guide/cgroup-v2.rst). A controller's files exist in a cgroup only when its
 * parent enables it in {@code cgroup.subtree_control}, so absence is simply "not available".
 */
final class CgroupV2Reader implements CgroupReader {
  private static final double MICROS = 1e6;

  private final CgroupLayout layout;
  private final CgroupFiles files;
  private final LimitsCache<Limits> limits = new LimitsCache<>(System::nanoTime);

  private record Limits(CgroupStats.Spec spec, Double pidsMax) {}

  /** Each cgroup's directory, the same instance between scrapes (see {@link CgroupFiles#file}). */
  private final PassCache<String, Path> dirs = new PassCache<>();

  CgroupV2Reader(CgroupLayout layout, CgroupFiles files) {
    this.layout = layout;
    this.files = files;
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

  private synchronized Path dir(String path) {
    return dirs.computeIfAbsent(path, p -> layout.v2(p).orElseThrow());
  }

  @Override
  public CgroupStats read(String path, Object limitsVersion) throws IOException, ParseException {
    // No existence check up front: cgroup.procs, read last, says whether the cgroup is still there.
    Path dir = dir(path);
    boolean memoryOn = layout.enabled("memory");
    Limits limits = this.limits.get(path, limitsVersion, () -> limits(dir, memoryOn));
    CgroupStats.Cpu cpu = cpu(files.flat(dir, "cpu.stat"));
    CgroupStats.Memory memory = memoryOn ? memory(dir) : null;
    Double pidsCurrent = layout.enabled("pids") ? files.value(dir, "pids.current") : null;
    CgroupStats.Pids pids = pidsCurrent == null ? null : new CgroupStats.Pids(pidsCurrent, limits.pidsMax());
    List<CgroupStats.IoDevice> io = layout.enabled("io") ? io(dir) : List.of();
    var pressure = files.pressure(dir);
    List<Long> procs;
    try {
      procs = files.procs(dir);
    } catch (NoSuchFileException gone) {
      this.limits.forget(path);
      throw gone;
    }
    return new CgroupStats(cpu, memory, io, pids, pressure, limits.spec(), procs);
  }

  private static CgroupStats.Cpu cpu(CgroupFlatKeyed.Values stat) {
    if (stat == null) {
      return null;
    }
    return new CgroupStats.Cpu(micros(key(stat, "usage_usec")), null, micros(key(stat, "user_usec")),
        micros(key(stat, "system_usec")), key(stat, "nr_periods"), key(stat, "nr_throttled"),
        micros(key(stat, "throttled_usec")), key(stat, "nr_bursts"), micros(key(stat, "burst_usec")));
  }

  private static Double micros(Double micros) {
    return micros == null ? null : micros / MICROS;
  }

  private CgroupStats.Memory memory(Path dir) throws ParseException {
    CgroupFlatKeyed.Values stat = files.flat(dir, "memory.stat");
    Double usage = files.value(dir, "memory.current");
    if (usage == null && stat != null && stat.has("anon") && stat.has("file")) {
      // The root cgroup has no memory.current; cAdvisor uses anon + file of its memory.stat.
      usage = key(stat, "anon") + key(stat, "file");
    }
    EnumMap<MemoryValue, Double> v = new EnumMap<>(MemoryValue.class);
    put(v, MemoryValue.USAGE, usage);
    put(v, MemoryValue.MAX_USAGE, files.value(dir, "memory.peak"));
    put(v, MemoryValue.CACHE, key(stat, "file"));
    put(v, MemoryValue.RSS, key(stat, "anon"));
    put(v, MemoryValue.MAPPED_FILE, key(stat, "file_mapped"));
    put(v, MemoryValue.SWAP, files.value(dir, "memory.swap.current"));
    put(v, MemoryValue.ACTIVE_FILE, key(stat, "active_file"));
    put(v, MemoryValue.INACTIVE_FILE, key(stat, "inactive_file"));
    put(v, MemoryValue.WORKING_SET, CgroupFiles.workingSet(usage, key(stat, "inactive_file")));
    put(v, MemoryValue.PGFAULT, key(stat, "pgfault"));
    put(v, MemoryValue.PGMAJFAULT, key(stat, "pgmajfault"));
    put(v, MemoryValue.FILE_DIRTY, key(stat, "file_dirty"));
    put(v, MemoryValue.FILE_WRITEBACK, key(stat, "file_writeback"));
    put(v, MemoryValue.PGSCAN, key(stat, "pgscan"));
    put(v, MemoryValue.PGSTEAL, key(stat, "pgsteal"));
    put(v, MemoryValue.REFAULT_FILE, key(stat, "workingset_refault_file"));
    put(v, MemoryValue.REFAULT_ANON, key(stat, "workingset_refault_anon"));
    CgroupFlatKeyed.Values events = files.flat(dir, "memory.events");
    put(v, MemoryValue.EVENTS_HIGH, key(events, "high"));
    put(v, MemoryValue.EVENTS_MAX, key(events, "max"));
    put(v, MemoryValue.OOM_KILLS, key(events, "oom_kill"));
    return new CgroupStats.Memory(v);
  }

  private List<CgroupStats.IoDevice> io(Path dir) throws ParseException {
    Path file = files.file(dir, "io.stat");
    String text = files.text(dir, "io.stat");
    if (text == null) {
      return List.of();
    }
    List<CgroupStats.IoDevice> devices = new ArrayList<>();
    for (CgroupIoStat.Device d : CgroupIoStat.parse(file.toString(), text)) {
      Map<String, Double> bytes = new TreeMap<>();
      Map<String, Double> ops = new TreeMap<>();
      Map<String, Double> cost = new TreeMap<>();
      // cAdvisor maps rbytes/wbytes and rios/wios only; discards (dbytes/dios) are left out as it does.
      d.get("rbytes").ifPresent(x -> bytes.put("Read", x));
      d.get("wbytes").ifPresent(x -> bytes.put("Write", x));
      d.get("rios").ifPresent(x -> ops.put("Read", x));
      d.get("wios").ifPresent(x -> ops.put("Write", x));
      for (String c : new String[] {"usage", "wait", "indebt", "indelay"}) {
        d.get("cost." + c).ifPresent(x -> cost.put(c, x / MICROS));
      }
      devices.add(new CgroupStats.IoDevice(d.major(), d.minor(), bytes, ops, cost));
    }
    return devices;
  }

  private static Limits limits(Path dir, boolean memory) throws ParseException {
    Double weight = CgroupFiles.limitValue(dir, "cpu.weight");
    Long quota = null;
    Long period = null;
    Path cpuMaxFile = dir.resolve("cpu.max");
    String max = KernelFiles.readIfPresent(cpuMaxFile).orElse(null);
    if (max != null) {
      CgroupCpuMax.CpuMax cpuMax = CgroupCpuMax.parse(cpuMaxFile.toString(), max);
      quota = cpuMax.quotaMicros().isPresent() ? cpuMax.quotaMicros().getAsLong() : null;
      period = cpuMax.periodMicros();
    }
    CgroupStats.Spec spec = new CgroupStats.Spec(weight == null ? null : shares(weight.longValue()), quota, period,
        memory ? CgroupFiles.limitValue(dir, "memory.max") : null,
        memory ? CgroupFiles.limitValue(dir, "memory.swap.max") : null,
        memory ? CgroupFiles.limitValue(dir, "memory.min") : null);
    return new Limits(spec, CgroupFiles.limitValue(dir, "pids.max"));
  }

  /**
   * cAdvisor's back-conversion of {@code cpu.weight} [1, 10000] to v1 shares [2, 262144]: the
   * linear map, in integer arithmetic (weight 100 → 2597, Docker's 1024 shares written as 39 → 998).
   */
  static double shares(long weight) {
    return 2 + ((weight - 1) * 262142) / 9999;
  }
}
