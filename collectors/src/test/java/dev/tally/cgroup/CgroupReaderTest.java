package dev.tally.cgroup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tally.cgroup.CgroupStats.MemoryValue;
import dev.tally.host.HeldFiles;
import dev.tally.testing.Scenarios;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The readers on the scenario trees: every value equals what the files say, computed as cAdvisor does. */
class CgroupReaderTest {
  static final String V1_WEB = "/docker/df28e44ec59bd6e3e8774d0f929d196720b78f87dc6ddf8752737ff065e09e58";
  static final String V1_DB = "/docker/d4327ef7bc34df20c989eaec5067d36e11d36b3fad1255a6d41fd524c631247a";
  static final String A1 = "a1".repeat(32);
  static final String B2 = "b2".repeat(32);

  static CgroupReader reader(String scenario) throws Exception {
    return CgroupReader.of(CgroupLayout.detect(Scenarios.paths(scenario)), new HeldFiles(1000));
  }

  @Test
  void detectsModes() throws Exception {
    CgroupLayout v1 = CgroupLayout.detect(Scenarios.paths("cgroupv1-cgroupfs-debian12"));
    assertEquals(CgroupMode.HYBRID, v1.mode());
    assertTrue(v1.enabled("memory"));
    assertTrue(v1.enabled("cpuacct"));
    assertFalse(v1.enabled("net_cls"), "enabled in /proc/cgroups but not mounted");
    assertEquals(CgroupMode.V2, CgroupLayout.detect(Scenarios.paths("cgroupv2-systemd")).mode());
    CgroupLayout pi = CgroupLayout.detect(Scenarios.paths("rpi4-cgroupv2-nomemory"));
    assertFalse(pi.enabled("memory"));
    assertEquals(false, pi.controllers().get("memory"));
    assertTrue(pi.enabled("cpu"));
  }

  @Test
  void v1CpuFromCpuacctAndCpuStat() throws Exception {
    CgroupStats s = reader("cgroupv1-cgroupfs-debian12").read(V1_WEB);
    assertEquals(0.122405706, s.cpu().usageSeconds());
    assertArrayEquals(new double[] {0.078808691, 0.043597015}, s.cpu().perCpuSeconds());
    assertEquals(0.07, s.cpu().userSeconds());
    assertEquals(0.05, s.cpu().systemSeconds());
    assertEquals(140, s.cpu().periods());
    assertEquals(0, s.cpu().throttledSeconds());
    assertEquals(50000L, s.spec().cpuQuotaMicros());
    assertEquals(100000L, s.spec().cpuPeriodMicros());
    assertEquals(1024, s.spec().cpuShares());
    assertEquals(List.of(5008L, 6833L), s.processes());
    assertEquals(new CgroupStats.Pids(2.0, Double.POSITIVE_INFINITY), s.pids());
    // Hybrid host: PSI comes from the unified tree.
    assertEquals(9283, s.pressure().get("cpu").some().orElseThrow().totalMicroseconds());
  }

  @Test
  void v1MemoryUsesTotalKeysAndWorkingSet() throws Exception {
    CgroupStats web = reader("cgroupv1-cgroupfs-debian12").read(V1_WEB);
    assertEquals(OptionalDouble.of(2600960), web.memory().get(MemoryValue.USAGE));
    assertEquals(OptionalDouble.of(2600960 - 258048), web.memory().get(MemoryValue.WORKING_SET));
    assertEquals(OptionalDouble.of(3821568), web.memory().get(MemoryValue.MAX_USAGE));
    assertEquals(OptionalDouble.of(1957888), web.memory().get(MemoryValue.CACHE));
    assertEquals(OptionalDouble.of(114688), web.memory().get(MemoryValue.RSS));
    assertEquals(OptionalDouble.of(1613824), web.memory().get(MemoryValue.MAPPED_FILE));
    assertEquals(OptionalDouble.of(348160), web.memory().get(MemoryValue.KERNEL_USAGE));
    assertEquals(OptionalDouble.of(5494), web.memory().get(MemoryValue.PGFAULT));
    assertEquals(OptionalDouble.of(0), web.memory().get(MemoryValue.OOM_KILLS));
    assertTrue(web.memory().get(MemoryValue.EVENTS_HIGH).isEmpty(), "v1 has no memory.events");
    assertEquals(67108864.0, web.spec().memoryLimitBytes());
    assertEquals(134217728.0, web.spec().swapLimitBytes(), "v1 memsw is memory + swap");
    assertEquals(Double.POSITIVE_INFINITY, web.spec().memoryReservationBytes());
    CgroupStats db = reader("cgroupv1-cgroupfs-debian12").read(V1_DB);
    assertEquals(OptionalDouble.of(9445376 - 8388608), db.memory().get(MemoryValue.WORKING_SET));
    assertEquals(33554432.0, db.spec().memoryReservationBytes());
    assertNull(db.spec().cpuQuotaMicros(), "-1 is no quota");
    assertEquals(512, db.spec().cpuShares());
  }

  @Test
  void v1BlkioFallsThroughEmptyBfqToThrottleFiles() throws Exception {
    CgroupReader r = reader("cgroupv1-cgroupfs-debian12");
    // BFQ files hold only "Total 0": the throttle files are used, with the rows the kernel wrote.
    List<CgroupStats.IoDevice> web = r.read(V1_WEB).io();
    assertEquals(1, web.size());
    assertEquals(0, web.get(0).bytes().get("Write"));
    List<CgroupStats.IoDevice> io = r.read(V1_DB).io();
    assertEquals(1, io.size());
    assertEquals(254, io.get(0).major());
    assertEquals(8409088, io.get(0).bytes().get("Write"));
    assertEquals(8, io.get(0).operations().get("Write"));
    assertEquals(Map.of(), io.get(0).costSeconds());
  }

  @Test
  void v1RootCgroup() throws Exception {
    CgroupStats root = reader("cgroupv1-cgroupfs-debian12").read("/");
    assertEquals(OptionalDouble.of(893550592), root.memory().get(MemoryValue.USAGE));
    assertEquals(1381.13, root.cpu().userSeconds(), 1e-9);
    assertNull(root.spec().cpuQuotaMicros());
    assertNull(root.pids(), "the v1 root pids cgroup has no pids.current");
  }

  @Test
  void vanishedCgroupIsNoSuchFile() throws Exception {
    assertThrows(NoSuchFileException.class, () -> reader("cgroupv1-cgroupfs-debian12").read("/docker/" + "0".repeat(64)));
    assertThrows(NoSuchFileException.class, () -> reader("cgroupv2-systemd").read("/system.slice/docker-gone.scope"));
  }

  @Test
  void v2Container() throws Exception {
    CgroupStats s = reader("cgroupv2-systemd").read("/system.slice/docker-" + A1 + ".scope");
    assertEquals(2.345678, s.cpu().usageSeconds());
    assertNull(s.cpu().perCpuSeconds());
    assertEquals(1.2, s.cpu().userSeconds());
    assertEquals(12, s.cpu().throttledPeriods());
    assertEquals(0.456789, s.cpu().throttledSeconds());
    assertEquals(OptionalDouble.of(3141632 - 933888), s.memory().get(MemoryValue.WORKING_SET));
    assertEquals(OptionalDouble.of(245760), s.memory().get(MemoryValue.RSS));
    assertEquals(OptionalDouble.of(2502656), s.memory().get(MemoryValue.CACHE));
    assertEquals(OptionalDouble.of(9437184), s.memory().get(MemoryValue.MAX_USAGE));
    assertEquals(OptionalDouble.of(3), s.memory().get(MemoryValue.EVENTS_MAX));
    assertTrue(s.memory().get(MemoryValue.FAILCNT).isEmpty());
    assertEquals(2597, s.spec().cpuShares(), "weight 100 reads back as 2597");
    assertEquals(50000L, s.spec().cpuQuotaMicros());
    assertEquals(67108864.0, s.spec().swapLimitBytes(), "v2 swap.max is swap only");
    assertEquals(List.of(4242L, 4250L), s.processes());
    assertEquals(4096, s.io().get(0).bytes().get("Read"));
    assertEquals(259, s.io().get(0).major());
    assertEquals(7890, s.pressure().get("io").some().orElseThrow().totalMicroseconds());
  }

  @Test
  void v2SecondContainerAndRoot() throws Exception {
    CgroupReader r = reader("cgroupv2-systemd");
    CgroupStats db = r.read("/tally.slice/tally-db.slice/docker-" + B2 + ".scope");
    assertEquals(500, db.spec().cpuShares(), "weight 20 → 2 + 19·262142/9999 in integers");
    assertNull(db.spec().cpuQuotaMicros());
    assertEquals(Double.POSITIVE_INFINITY, db.spec().memoryLimitBytes());
    assertEquals(OptionalDouble.of(2), db.memory().get(MemoryValue.OOM_KILLS));
    assertEquals(OptionalDouble.of(134217728 - 40000000), db.memory().get(MemoryValue.WORKING_SET));
    CgroupStats root = r.read("/");
    assertEquals(OptionalDouble.of(512000000 + 1024000000), root.memory().get(MemoryValue.USAGE), "root: anon + file");
    assertEquals(OptionalDouble.of(512000000 + 1024000000 - 400000000), root.memory().get(MemoryValue.WORKING_SET));
    assertEquals(CgroupStats.Spec.NONE, root.spec());
  }

  @Test
  void memoryControllerOffGivesNoMemory() throws Exception {
    CgroupReader r = reader("rpi4-cgroupv2-nomemory");
    CgroupStats s = r.read("/system.slice/docker-" + A1 + ".scope");
    assertNull(s.memory());
    assertNull(s.spec().memoryLimitBytes());
    assertEquals(2.345678, s.cpu().usageSeconds());
    assertEquals(179, s.io().get(0).major());
    assertNull(r.read("/").memory());
  }

  @Test
  void weightToShares() {
    assertEquals(998, CgroupV2Reader.shares(39));
    assertEquals(2597, CgroupV2Reader.shares(100));
    assertEquals(2, CgroupV2Reader.shares(1));
    assertEquals(262144, CgroupV2Reader.shares(10000));
  }
}
