package dev.tally.parsers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tally.spi.ParseException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests of the cgroup file parsers: valid, empty, truncated, non-numeric, huge. */
class CgroupFilesParsersTest {

  @Test
  void flatKeyedKeepsEveryKeyInOrder() throws ParseException {
    CgroupFlatKeyed.Values v = CgroupFlatKeyed.parse("memory.stat",
        "cache 1982464\nrss 114688\n\ntotal_inactive_file 413696\nhuge 18446744073709551615\n");
    assertEquals(List.of("cache", "rss", "total_inactive_file", "huge"), List.copyOf(v.values().keySet()));
    assertEquals(413696.0, v.value("total_inactive_file"));
    assertEquals(1.8446744073709552e19, v.value("huge"));
    assertNull(v.value("swap"));
    assertTrue(CgroupFlatKeyed.parse("cpu.stat", "").values().isEmpty());
  }

  @Test
  void layoutsLearnTheKeyOrderAndStillSeeEveryChange() throws ParseException {
    CgroupFlatKeyed.Layouts layouts = new CgroupFlatKeyed.Layouts();
    String child = "cache 1\nrss 2\ntotal_inactive_file 3\n";
    String root = "cache 10\nrss 20\n";
    for (int round = 0; round < 3; round++) {
      // Two shapes of the same file alternating (a root cgroup and a child), values changing.
      assertEquals(Map.of("cache", 1.0 + round, "rss", 2.0, "total_inactive_file", 3.0),
          CgroupFlatKeyed.parse("memory.stat", child.replace("cache 1", "cache " + (1 + round)), layouts).values());
      assertEquals(Map.of("cache", 10.0, "rss", 20.0), CgroupFlatKeyed.parse("memory.stat", root, layouts).values());
    }
    // A kernel that adds a key, reorders or drops one: read as written, never as the old layout.
    assertEquals(List.of("cache", "rss", "swap", "total_inactive_file"), List.copyOf(CgroupFlatKeyed.parse(
        "memory.stat", "cache 1\nrss 2\nswap 5\ntotal_inactive_file 3\n", layouts).values().keySet()));
    assertEquals(List.of("rss", "cache"), List.copyOf(CgroupFlatKeyed.parse("memory.stat", "rss 2\ncache 1\n", layouts)
        .values().keySet()));
    CgroupFlatKeyed.Values fewer = CgroupFlatKeyed.parse("memory.stat", "cache 7\n", layouts);
    assertEquals(7.0, fewer.value("cache"));
    assertEquals(null, fewer.value("rss"));
    assertTrue(!fewer.has("rss"));
    // A bad value in a known layout fails exactly as without one.
    assertEquals("f:2: \"x\" is not an unsigned integer in line \"rss x\"", assertThrows(ParseException.class,
        () -> CgroupFlatKeyed.parse("f", "cache 1\nrss x\n", layouts)).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'rss'|f:1: line ends before the value of rss in line \"rss\"",
      "'rss lots'|f:1: \"lots\" is not an unsigned integer in line \"rss lots\"",
      "'rss 1 2'|f:1: expected \"key value\" in line \"rss 1 2\"",
      "'rss -1'|f:1: \"-1\" is not an unsigned integer in line \"rss -1\"",
  })
  void flatKeyedRejectsMalformedLines(String text, String message) {
    assertEquals(message, assertThrows(ParseException.class, () -> CgroupFlatKeyed.parse("f", text)).getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'34264011\n'|34264011",
      "'max\n'|Infinity",
      "'9223372036854771712'|9.223372036854771712E18",
      "'18446744073709551615'|1.8446744073709552E19",
  })
  void singleValues(String text, double expected) throws ParseException {
    assertEquals(expected, CgroupValue.parse("v", text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "'1 2'", "'abc'", "'-1'"})
  void singleValueRejectsEmptyPairsAndNonNumbers(String text) {
    assertThrows(ParseException.class, () -> CgroupValue.parse("v", text));
  }

  @Test
  void signedQuota() throws ParseException {
    assertEquals(-1, CgroupValue.parseSigned("cpu.cfs_quota_us", "-1\n"));
    assertEquals(50000, CgroupValue.parseSigned("cpu.cfs_quota_us", "50000\n"));
  }

  @Test
  void cpuMax() throws ParseException {
    assertEquals(new CgroupCpuMax.CpuMax(OptionalLong.of(50000), 100000), CgroupCpuMax.parse("cpu.max", "50000 100000\n"));
    assertEquals(new CgroupCpuMax.CpuMax(OptionalLong.empty(), 100000), CgroupCpuMax.parse("cpu.max", "max 100000\n"));
    assertThrows(ParseException.class, () -> CgroupCpuMax.parse("cpu.max", "max\n"));
    assertThrows(ParseException.class, () -> CgroupCpuMax.parse("cpu.max", "x 100000\n"));
  }

  @Test
  void percpu() throws ParseException {
    assertArrayEquals(new double[] {11092254, 23171757}, CgroupPercpu.parse("p", "11092254 23171757 \n"));
    assertArrayEquals(new double[0], CgroupPercpu.parse("p", ""));
    assertThrows(ParseException.class, () -> CgroupPercpu.parse("p", "1 x\n"));
  }

  @Test
  void blkioRowsSkipTheOverallTotal() throws ParseException {
    List<CgroupBlkio.Entry> rows = CgroupBlkio.parse("b", "254:0 Read 0\n254:0 Write 8409088\n254:0 Total 8409088\nTotal 8409088\n");
    assertEquals(List.of(new CgroupBlkio.Entry(254, 0, "Read", 0), new CgroupBlkio.Entry(254, 0, "Write", 8409088),
        new CgroupBlkio.Entry(254, 0, "Total", 8409088)), rows);
    assertEquals(List.of(), CgroupBlkio.parse("b", "Total 0\n"));
    assertEquals(List.of(), CgroupBlkio.parse("b", ""));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"'254:0 Read'", "'254 Read 1'", "'a:b Read 1'", "'8:0 Read x'"})
  void blkioRejectsMalformedRows(String text) {
    assertThrows(ParseException.class, () -> CgroupBlkio.parse("b", text));
  }

  @Test
  void ioStat() throws ParseException {
    List<CgroupIoStat.Device> devices = CgroupIoStat.parse("io.stat",
        "259:0 rbytes=4096 wbytes=8409088 rios=1 wios=8 dbytes=0 dios=0 cost.usage=12\n8:0 rbytes=1\n");
    assertEquals(2, devices.size());
    assertEquals(259, devices.get(0).major());
    assertEquals(OptionalDouble.of(12), devices.get(0).get("cost.usage"));
    assertEquals(Map.of("rbytes", 1.0), devices.get(1).values());
    assertEquals(List.of(), CgroupIoStat.parse("io.stat", ""));
    assertThrows(ParseException.class, () -> CgroupIoStat.parse("io.stat", "8:0 rbytes\n"));
    assertThrows(ParseException.class, () -> CgroupIoStat.parse("io.stat", "8:0 rbytes=x\n"));
  }

  @Test
  void procPidCgroupV1AndV2() throws ParseException {
    List<ProcPidCgroup.Entry> e = ProcPidCgroup.parse("cgroup",
        "9:name=systemd:/docker/abc\n2:cpu,cpuacct:/docker/abc\n0::/system.slice/a:b.scope\n");
    assertEquals(new ProcPidCgroup.Entry(2, List.of("cpu", "cpuacct"), "/docker/abc"), e.get(1));
    assertEquals(new ProcPidCgroup.Entry(0, List.of(), "/system.slice/a:b.scope"), e.get(2));
    assertEquals(List.of("name=systemd"), e.get(0).controllers());
    assertThrows(ParseException.class, () -> ProcPidCgroup.parse("cgroup", "0:/x\n"));
    assertThrows(ParseException.class, () -> ProcPidCgroup.parse("cgroup", "x::/\n"));
  }

  @Test
  void procCgroupsEnabledColumn() throws ParseException {
    Map<String, ProcCgroups.Controller> c = ProcCgroups.parse("cgroups",
        "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\t3\t1\nmemory\t0\t80\t0\n");
    assertEquals(new ProcCgroups.Controller("memory", 0, 80, false), c.get("memory"));
    assertTrue(c.get("cpu").enabled());
    assertThrows(ParseException.class, () -> ProcCgroups.parse("cgroups", "cpu 1 3\n"));
    assertThrows(ParseException.class, () -> ProcCgroups.parse("cgroups", "cpu 1 3 yes\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'5008 (sh) S 4987 5008'|S",
      "'77 (a) (b) R 1 2'|R",
      "'9 (with space) D 1'|D",
  })
  void procPidStatState(String text, char state) throws ParseException {
    assertEquals(state, ProcPidStat.state("stat", text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "'5008 (sh'", "'5008 (sh) '"})
  void procPidStatRejectsTruncated(String text) {
    assertThrows(ParseException.class, () -> ProcPidStat.state("stat", text));
  }

  @Test
  void procPidStatNumThreads() throws ParseException {
    // A line as the kernel writes it for a Java process (fields 1..52), command name with a blank and ')'.
    String text = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 31876 0 12 0 523 121 0 0 20 0 27 0 "
        + "1433 3587457024 21456 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    assertEquals(27, ProcPidStat.numThreads("stat", text));
    assertEquals(1, ProcPidStat.numThreads("stat",
        "5008 (sh) S 4987 5008 5008 0 -1 4194560 100 0 0 0 1 0 0 0 20 0 1 0 99 1\n"));
    assertThrows(ParseException.class, () -> ProcPidStat.numThreads("stat", "5008 (sh) S 4987 5008\n"));
    assertThrows(ParseException.class, () -> ProcPidStat.numThreads("stat",
        "5008 (sh) S 4987 5008 5008 0 -1 4194560 100 0 0 0 1 0 0 0 20 0 x 0 99 1\n"));
  }
}
