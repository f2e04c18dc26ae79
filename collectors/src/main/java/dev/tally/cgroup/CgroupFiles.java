package dev.tally.cgroup;

import dev.tally.host.HeldFiles;
import dev.tally.host.KernelFiles;
import dev.tally.host.PassCache;
import dev.tally.parsers.CgroupFlatKeyed;
import dev.tally.parsers.CgroupValue;
import dev.tally.parsers.Fields;
import dev.tally.parsers.ProcPressure;
import dev.tally.spi.ParseException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading the files of cgroup directories. A file the kernel does not write (an older kernel, a
 * controller that is off, the root cgroup) is absent: null, never 0. Malformed content is a
 * {@link ParseException} naming the file. Statistics files, read on every scrape, are held open
 * ({@link HeldFiles}); limit files, read once a minute, are opened each time.
 */
final class CgroupFiles {
  private static final String[] PRESSURE = {"cpu", "memory", "io"};
  private static final String[] PRESSURE_FILES = {"cpu.pressure", "memory.pressure", "io.pressure"};

  private final HeldFiles held;
  /**
   * The same Path instance for a file scrape after scrape: a Path keeps its hash, and an equal
   * instance is found by identity, where hashing and comparing a new 100-byte path for every read
   * was 4% of a container scrape. Dropped with the cgroup.
   */
  private final PassCache<Path, Map<String, Path>> filesByDir = new PassCache<>();
  /** The key order of each flat keyed file, learned once (memory.stat: ~70 keys). */
  private final Map<String, CgroupFlatKeyed.Layouts> layouts = new ConcurrentHashMap<>();

  CgroupFiles(HeldFiles held) {
    this.held = held;
  }

  /** {@code dir.resolve(name)}, the same instance each time for the same directory instance. */
  synchronized Path file(Path dir, String name) {
    return filesByDir.computeIfAbsent(dir, d -> new HashMap<>()).computeIfAbsent(name, dir::resolve);
  }

  /** Ends a scrape: forgets the files of directories not read during it. */
  synchronized void endPass() {
    filesByDir.endPass();
  }

  /** A single-value statistics file ({@code +Infinity} for {@code max}), or null when absent. */
  Double value(Path dir, String name) throws ParseException {
    Path file = file(dir, name);
    Optional<String> text = held.readIfPresent(file);
    return text.isEmpty() ? null : CgroupValue.parse(file.toString(), text.get());
  }

  /** A flat keyed statistics file, or null when absent. */
  CgroupFlatKeyed.Values flat(Path dir, String name) throws ParseException {
    Path file = file(dir, name);
    Optional<String> text = held.readIfPresent(file);
    return text.isEmpty() ? null
        : CgroupFlatKeyed.parse(file.toString(), text.get(), layouts.computeIfAbsent(name, n -> new CgroupFlatKeyed.Layouts()));
  }

  /** The text of a statistics file, or null when absent. */
  String text(Path dir, String name) {
    return held.readIfPresent(file(dir, name)).orElse(null);
  }

  /**
   * {@code cgroup.procs}: one pid per line. Every cgroup has this file, so its absence means the
   * cgroup is gone (the container stopped before or while it was read): its held files are
   * forgotten, so a container restarted under the same path is read afresh.
   *
   * @throws NoSuchFileException when the cgroup is gone
   */
  List<Long> procs(Path dir, Path... alsoUnder) throws ParseException, NoSuchFileException {
    Path file = file(dir, "cgroup.procs");
    Optional<String> text = held.readIfPresent(file);
    if (text.isEmpty()) {
      held.forgetUnder(dir);
      for (Path other : alsoUnder) {
        if (other != null) {
          held.forgetUnder(other);
        }
      }
      throw new NoSuchFileException(dir.toString(), null, "cgroup is gone");
    }
    List<String> lines = Fields.lines(text.get());
    List<Long> pids = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        pids.add(Fields.parseLong(line, file.toString(), i + 1, line));
      }
    }
    return pids;
  }

  /** {@code cpu.pressure}, {@code memory.pressure}, {@code io.pressure} present in a v2 directory. */
  Map<String, ProcPressure.Pressure> pressure(Path dir) throws ParseException {
    Map<String, ProcPressure.Pressure> pressure = new LinkedHashMap<>();
    for (int i = 0; i < PRESSURE.length; i++) {
      String resource = PRESSURE[i];
      Path file = file(dir, PRESSURE_FILES[i]);
      Optional<String> text = held.readIfPresent(file);
      if (text.isPresent()) {
        pressure.put(resource, ProcPressure.parse(file.toString(), text.get()));
      }
    }
    return pressure;
  }

  /** A limit file's single value ({@code +Infinity} for {@code max}), or null when absent. */
  static Double limitValue(Path dir, String name) throws ParseException {
    Path file = dir.resolve(name);
    Optional<String> text = KernelFiles.readIfPresent(file);
    return text.isEmpty() ? null : CgroupValue.parse(file.toString(), text.get());
  }

  /** A signed limit value ({@code cpu.cfs_quota_us}), or null when absent. */
  static Long limitSigned(Path dir, String name) throws ParseException {
    Path file = dir.resolve(name);
    Optional<String> text = KernelFiles.readIfPresent(file);
    return text.isEmpty() ? null : CgroupValue.parseSigned(file.toString(), text.get());
  }

  /** A key of a flat file, or null when the file or the key is absent. */
  static Double key(CgroupFlatKeyed.Values values, String key) {
    return values == null ? null : values.value(key);
  }

  /** Working set as cAdvisor computes it: usage − inactive file, floored at 0. */
  static Double workingSet(Double usage, Double inactiveFile) {
    if (usage == null) {
      return null;
    }
    return inactiveFile == null ? usage : Math.max(0, usage - inactiveFile);
  }
}
