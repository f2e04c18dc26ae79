package dev.tally.bench;

import dev.tally.parsers.CgroupFlatKeyed;
import dev.tally.parsers.CgroupIoStat;
import dev.tally.parsers.ProcDiskstats;
import dev.tally.parsers.ProcMeminfo;
import dev.tally.parsers.ProcMountinfo;
import dev.tally.parsers.ProcNetDev;
import dev.tally.parsers.ProcStat;
import dev.tally.spi.ParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The parsers every scrape runs, fed the recorded files of the test-fixtures trees (a Debian 12 VM
 * and a systemd cgroup v2 host). File reading is done once in setup: these measure parsing only,
 * whose cost and allocation per call is what a Raspberry Pi pays on each scrape. Run with
 * {@code -prof gc} to read {@code gc.alloc.rate.norm} (bytes per parse).
 *
 * <p>Inputs are found under {@code test-fixtures/} of the directory the JVM starts in (bench/run.sh
 * starts it at the repository root), or under {@code -Dtally.repo.root=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParserBenchmarks {
  private static final String VM = "test-fixtures/x86-debian12-vm/proc/";
  private static final String CGROUP =
      "test-fixtures/cgroupv2-systemd/sys/fs/cgroup/system.slice/"
          + "docker-a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1.scope/";

  private String stat;
  private String meminfo;
  private String diskstats;
  private String netDev;
  private String mountinfo;
  private String memoryStat;
  private String cpuStat;
  private String ioStat;

  @Setup
  public void read() {
    stat = fixture(VM + "stat");
    meminfo = fixture(VM + "meminfo");
    diskstats = fixture(VM + "diskstats");
    netDev = fixture(VM + "net/dev");
    mountinfo = fixture(VM + "self/mountinfo");
    memoryStat = fixture(CGROUP + "memory.stat");
    cpuStat = fixture(CGROUP + "cpu.stat");
    ioStat = fixture(CGROUP + "io.stat");
  }

  private static String fixture(String relative) {
    Path path = Path.of(System.getProperty("tally.repo.root", ".")).resolve(relative);
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("benchmark input " + path.toAbsolutePath()
          + " (start at the repository root or set -Dtally.repo.root)", e);
    }
  }

  // Results are returned so JMH consumes them (no dead-code elimination).

  @Benchmark
  public Object procStat() throws ParseException {
    return ProcStat.parse("/proc/stat", stat);
  }

  @Benchmark
  public Object procMeminfo() throws ParseException {
    return ProcMeminfo.parse("/proc/meminfo", meminfo);
  }

  @Benchmark
  public Object procDiskstats() throws ParseException {
    return ProcDiskstats.parse("/proc/diskstats", diskstats);
  }

  @Benchmark
  public Object procNetDev() throws ParseException {
    return ProcNetDev.parse("/proc/net/dev", netDev);
  }

  @Benchmark
  public Object procMountinfo() throws ParseException {
    return ProcMountinfo.parse("/proc/self/mountinfo", mountinfo);
  }

  /** As the container collector reads them: each file's key order learned on the first read. */
  private final CgroupFlatKeyed.Layouts memoryStatLayouts = new CgroupFlatKeyed.Layouts();
  private final CgroupFlatKeyed.Layouts cpuStatLayouts = new CgroupFlatKeyed.Layouts();

  @Benchmark
  public Object cgroupMemoryStat() throws ParseException {
    return CgroupFlatKeyed.parse("memory.stat", memoryStat, memoryStatLayouts);
  }

  @Benchmark
  public Object cgroupCpuStat() throws ParseException {
    return CgroupFlatKeyed.parse("cpu.stat", cpuStat, cpuStatLayouts);
  }

  /** The first read of a file, or a reader without layouts: keys built and indexed. */
  @Benchmark
  public Object cgroupMemoryStatFirstRead() throws ParseException {
    return CgroupFlatKeyed.parse("memory.stat", memoryStat);
  }

  @Benchmark
  public Object cgroupIoStat() throws ParseException {
    return CgroupIoStat.parse("io.stat", ioStat);
  }
}
