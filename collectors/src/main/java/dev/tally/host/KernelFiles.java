package dev.tally.host;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading kernel files, kept apart from parsing them. procfs and sysfs files report size 0, so
 * everything is read to end of file; sysfs attributes often refuse reads (EINVAL, EAGAIN, EACCES
 * for root-only files), which the {@code IfPresent} readers turn into "absent" so one unreadable
 * attribute drops one series, never a device class.
 */
public final class KernelFiles {
  /**
   * A scrape reads about 300 small files, and reading them is most of its CPU (parsing is
   * microseconds). Each read fills this thread's buffer and allocates only the String: the channel
   * stream's readAllBytes allocated an 8 KiB buffer per file, 1.16 MB per netclass pass over six
   * interfaces, now 40 KB; the hot /proc files 117 KB, now 18 KB (KernelFilesBenchmark, -prof gc).
   */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
  /** FileInputStream reads up to 8 KiB through a stack buffer; a longer read mallocs one per call. */
  private static final int CHUNK = 8192;
  /** A thread keeps a buffer grown for a large file (a big mountinfo) up to this size. */
  private static final int KEEP_AT_MOST = 1 << 20;

  /** The held files of the collector pass running on this thread, if its runner holds files. */
  private static final ThreadLocal<HeldFiles> HOLDING = new ThreadLocal<>();

  private KernelFiles() {}

  /** A collector's pass: {@code collect()} of a collector. */
  public interface Pass {
    void run() throws Exception;
  }

  /**
   * Runs {@code pass} with every {@link #read} of a path under the held files' roots going through
   * {@code files} (kept open, read again from offset 0: see {@link HeldFiles}). The scrape runner
   * wraps each collector in this, so the collectors keep calling {@link #read} and know nothing of
   * it; a collector run outside a runner (a unit test) reads the ordinary way.
   */
  public static void holding(HeldFiles files, Pass pass) throws Exception {
    HeldFiles outer = HOLDING.get();
    HOLDING.set(files);
    try {
      pass.run();
    } finally {
      if (outer == null) {
        HOLDING.remove();
      } else {
        HOLDING.set(outer);
      }
    }
  }

  /**
   * The whole file as UTF-8. Throws {@link NoSuchFileException} when it is absent. Read to end of
   * file in chunks: {@code Files.readAllBytes} trusts the reported size 0 of a
   * {@code /proc/sys} file, reads one byte, and the sysctl handler then answers end of file
   * ({@code nf_conntrack_max} 262144 came back as "2").
   */
  public static String read(Path file) throws IOException {
    if (file.getFileSystem() != FileSystems.getDefault()) {
      return readThroughChannel(file);
    }
    HeldFiles held = HOLDING.get();
    if (held != null && held.holds(file)) {
      return held.read(file);
    }
    byte[] buffer = BUFFER.get();
    int length = 0;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      while (true) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, length, Math.min(CHUNK, buffer.length - length));
        if (n < 0) {
          break;
        }
        length += n;
      }
    } catch (FileNotFoundException e) {
      // FileInputStream names no cause (absent, permission, directory): the NIO open reports it as
      // NoSuchFileException / AccessDeniedException, which callers and the scrape log rely on.
      return readThroughChannel(file);
    } finally {
      if (buffer.length <= KEEP_AT_MOST) {
        BUFFER.set(buffer);
      }
    }
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  private static String readThroughChannel(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The whole file, or empty when it is absent or unreadable. */
  public static Optional<String> readIfPresent(Path file) {
    try {
      return Optional.of(read(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A sysfs attribute without its trailing newline, or empty when absent or unreadable. */
  public static Optional<String> readTrimmedIfPresent(Path file) {
    return readIfPresent(file).map(String::strip);
  }

  /** A sysfs attribute holding one integer, or empty when absent, unreadable or not an integer. */
  public static OptionalLong readLongIfPresent(Path file) {
    Optional<String> text = readTrimmedIfPresent(file);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text.get()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Entries of a directory whose names match a glob ({@code "hwmon*"}), sorted by name; empty when the directory is absent. */
  public static List<Path> list(Path dir, String glob) throws IOException {
    List<Path> entries = collect(dir, glob);
    entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return entries;
  }

  /**
   * A directory's entries in the order the kernel lists them; empty when it is absent. Unsorted and
   * without a glob (a glob is a regular expression run on every name), for callers that only count.
   */
  public static List<Path> entries(Path dir) throws IOException {
    return collect(dir, null);
  }

  /** The entries matching {@code glob} (all when null), in a list the caller may sort. */
  private static List<Path> collect(Path dir, String glob) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = glob == null ? Files.newDirectoryStream(dir) : Files.newDirectoryStream(dir, glob)) {
      stream.forEach(entries::add);
    } catch (NoSuchFileException e) {
      // absent: no entries
    }
    return entries;
  }

  /** Names of {@code prefix<N>} entries sorted by N ({@code cpu2} before {@code cpu10}). */
  public static List<Path> listNumbered(Path dir, String prefix) throws IOException {
    List<Path> entries = new ArrayList<>();
    for (Path entry : list(dir, prefix + "*")) {
      String suffix = entry.getFileName().toString().substring(prefix.length());
      if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit)) {
        entries.add(entry);
      }
    }
    entries.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(prefix.length()))));
    return entries;
  }
}
