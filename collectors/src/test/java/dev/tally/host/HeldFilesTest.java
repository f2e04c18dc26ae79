package dev.tally.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldFilesTest {
  private static final long MINUTE = 60_000_000_000L;

  @TempDir
  Path dir;

  private final AtomicLong now = new AtomicLong(1);

  @Test
  void readsAgainFromTheStartWithoutReopening() throws Exception {
    Path file = write("memory.usage_in_bytes", "4096\n");
    try (HeldFiles files = new HeldFiles(10, now::get)) {
      assertEquals("4096\n", files.read(file));
      assertEquals(1, files.held());
      // Rewritten in place, as the kernel regenerates a seq_file: the held descriptor sees the new text.
      Files.writeString(file, "8192\n");
      assertEquals("8192\n", files.read(file));
      Files.writeString(file, "1\n");
      assertEquals("1\n", files.read(file), "a shorter text is not mixed with the longer one before it");
      assertEquals(1, files.held());
    }
  }

  @Test
  void readsLongFilesWhole() throws Exception {
    for (int size : new int[] {2047, 2048, 2049, 16 * 1024, 16 * 1024 + 1, 100_000, 3}) {
      String text = "k ".repeat(size / 2) + "\n".repeat(size % 2 + 1);
      Path file = write("big" + size, text);
      try (HeldFiles files = new HeldFiles(10, now::get)) {
        assertEquals(text, files.read(file), "size " + size);
        assertEquals(text, files.read(file), "size " + size + ", again");
      }
    }
  }

  @Test
  void utf8() throws Exception {
    try (HeldFiles files = new HeldFiles(10, now::get)) {
      assertEquals("Größe 42 °C\n", files.read(write("label", "Größe 42 °C\n")));
    }
  }

  @Test
  void absentFileIsRememberedForAMinuteUnlessForgotten() throws Exception {
    Path file = dir.resolve("memory.kmem.usage_in_bytes");
    try (HeldFiles files = new HeldFiles(10, now::get)) {
      assertThrows(NoSuchFileException.class, () -> files.read(file));
      write(file.getFileName().toString(), "7\n");
      assertTrue(files.readIfPresent(file).isEmpty(), "still remembered as absent");
      now.addAndGet(MINUTE);
      assertEquals("7\n", files.read(file), "looked up again after a minute");

      Path other = dir.resolve("sub").resolve("cgroup.procs");
      assertTrue(files.readIfPresent(other).isEmpty());
      Files.createDirectories(other.getParent());
      Files.writeString(other, "42\n");
      files.forgetUnder(dir.resolve("sub"));
      assertEquals("42\n", files.read(other), "a directory found gone is looked up afresh");
    }
  }

  @Test
  void closesWhatAPassDidNotRead() throws Exception {
    Path a = write("a", "1\n");
    Path b = write("b", "2\n");
    try (HeldFiles files = new HeldFiles(10, now::get)) {
      files.read(a);
      files.read(b);
      files.closeUnused();
      assertEquals(2, files.held());
      files.read(a);
      files.closeUnused();
      assertEquals(1, files.held(), "b was not read in the last pass");
      files.closeUnused();
      assertEquals(0, files.held());
    }
  }

  @Test
  void beyondCapacityReadsTheOrdinaryWay() throws Exception {
    Path a = write("a", "1\n");
    Path b = write("b", "2\n");
    try (HeldFiles files = new HeldFiles(1, now::get)) {
      assertEquals("1\n", files.read(a));
      assertEquals("2\n", files.read(b));
      assertEquals(1, files.held());
      Files.writeString(b, "3\n");
      assertEquals("3\n", files.read(b));
    }
    try (HeldFiles none = new HeldFiles(0, now::get)) {
      assertEquals("1\n", none.read(a));
      assertEquals(0, none.held());
    }
    assertThrows(IllegalArgumentException.class, () -> new HeldFiles(-1));
  }

  /**
   * The kernel side: a held {@code /proc/<pid>/stat} of a process that exits fails its read (ESRCH);
   * the stale descriptor is closed and the file opened again by name and found absent. Needs Linux
   * and a {@code sleep} binary.
   */
  @Test
  void heldProcFileOfAnExitedProcessIsAbsentAndItsDescriptorClosed() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux procfs");
    Process sleep = new ProcessBuilder("sleep", "30").start();
    Path stat = Path.of("/proc", Long.toString(sleep.pid()), "stat");
    try (HeldFiles files = new HeldFiles(10, now::get)) {
      String before = files.read(stat);
      assertTrue(before.startsWith(sleep.pid() + " (sleep) "), before);
      assertEquals(1, files.held());
      sleep.destroy();
      assertTrue(sleep.waitFor(10, TimeUnit.SECONDS));
      sleep.onExit().get(10, TimeUnit.SECONDS);
      assertThrows(NoSuchFileException.class, () -> files.read(stat));
      assertEquals(0, files.held(), "the stale descriptor is closed");
      assertFalse(files.readIfPresent(stat).isPresent());
    } finally {
      sleep.destroyForcibly();
    }
  }

  /**
   * A sysfs attribute that refuses reads (here a directory opened as a file: EISDIR, as a down
   * link's speed answers EINVAL) stays open and is asked again through the same descriptor; it is
   * opened anew after a minute.
   */
  @Test
  void refusingFileStaysOpenAndIsReopenedAfterAMinute() throws Exception {
    Path refusing = Files.createDirectory(dir.resolve("speed"));
    try (HeldFiles files = new HeldFiles(10, now::get)) {
      assertThrows(java.io.IOException.class, () -> files.read(refusing));
      assertEquals(1, files.held(), "kept open");
      assertThrows(java.io.IOException.class, () -> files.read(refusing));
      assertEquals(1, files.held());
      now.addAndGet(MINUTE);
      Files.delete(refusing);
      Files.writeString(refusing, "1000\n");
      assertEquals("1000\n", files.read(refusing), "opened anew after a minute: the new file answers");
    }
  }

  @Test
  void capacityFollowsTheOpenFileLimit() {
    int capacity = HeldFiles.capacityWithinOpenFileLimit(0.5);
    assertTrue(capacity > 0 && capacity <= 16384, "capacity " + capacity);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
