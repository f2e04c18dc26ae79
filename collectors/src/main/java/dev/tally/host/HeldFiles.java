package dev.tally.host;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Kernel files kept open from one scrape to the next and read again from offset 0 ({@code pread}).
 *
 * <p>Why: on the 2-core VM the benchmark runs on, opening a cgroup file by its full path, reading it
 * and closing it costs about 7.8 µs, of which about 7 µs is the path walk and setting up and tearing
 * down the open file; reading an open one again costs 0.8 µs ({@code memory.stat} 7 µs: there the
 * kernel's formatting is the cost). A container has about 18 files read on every scrape. procfs,
 * sysfs and cgroupfs files are seq_file or attribute files: a read at offset 0 formats them afresh.
 * Regular files are not for this class (one replaced by a rename would keep its old content).
 *
 * <p>A held file whose kernel object went away (a removed cgroup answers ENODEV, an exited process
 * ESRCH) fails its read; it is then closed and opened once more by path, which finds the cgroup of a
 * restarted container, or reports the file absent. A file absent at its first read is remembered
 * as absent for a minute, so a file this kernel does not write is not looked up on every scrape;
 * {@link #forgetUnder} drops that memory for a directory found gone. Files not read since the previous {@link #closeUnused} are
 * closed there: the owner calls it at the end of each pass, so nothing is held for a container that
 * stopped and no thread runs between scrapes. At most {@code capacity} descriptors are held; past
 * that, files are read the ordinary way (open, read, close).
 *
 * <p>The cost is kernel memory: each held file keeps its seq_file buffer (a page) and its open-file
 * structures, about 5 KiB, charged to the agent's memory cgroup.
 */
public final class HeldFiles implements Closeable {
  /**
   * A read shorter than this is the whole file. A seq_file read stops short of the buffer only at
   * end of file or when its own page-sized buffer cannot take the next record (records here are
   * lines of well under 2 KiB); an attribute is returned whole; a regular file reads short only at
   * end of file. Longer content is read on until end of file.
   */
  private static final int WHOLE_BELOW = 2048;
  private static final long ABSENT_FOR_NANOS = 60_000_000_000L;

  private final int capacity;
  private final List<Path> roots;
  private final LongSupplier nanoTime;
  private final PassCache<Path, Entry> entries = new PassCache<>(this::release);
  private ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
  private byte[] bytes = new byte[16 * 1024];
  private int held;

  private static final class Entry {
    FileChannel channel;
    long absentSince = -1;
    /** When reads of this open file started failing (a sysfs attribute answering EINVAL); -1 while they succeed. */
    long refusingSince = -1;
  }

  /** @param capacity most descriptors held at once; 0 reads every file the ordinary way */
  public HeldFiles(int capacity) {
    this(capacity, List.of(), System::nanoTime);
  }

  /**
   * Files for {@link KernelFiles#holding}: only paths under {@code roots} (the procfs and sysfs
   * mount points) are held, never a text file an operator's script replaces.
   */
  public HeldFiles(int capacity, List<Path> roots) {
    this(capacity, roots, System::nanoTime);
  }

  HeldFiles(int capacity, List<Path> roots, LongSupplier nanoTime) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.roots = List.copyOf(roots);
    this.nanoTime = nanoTime;
  }

  HeldFiles(int capacity, LongSupplier nanoTime) {
    this(capacity, List.of(), nanoTime);
  }

  /** Whether {@link KernelFiles#holding} reads this path through these files. */
  boolean holds(Path file) {
    for (Path root : roots) {
      if (file.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** The file's whole content; {@link NoSuchFileException} when it is absent. */
  public synchronized String read(Path file) throws IOException {
    Entry entry = entries.computeIfAbsent(file, f -> new Entry());
    if (entry.absentSince >= 0) {
      if (nanoTime.getAsLong() - entry.absentSince < ABSENT_FOR_NANOS) {
        throw new NoSuchFileException(file.toString());
      }
      entry.absentSince = -1;
    }
    boolean wasHeld = entry.channel != null;
    if (wasHeld) {
      try {
        String text = readWhole(entry.channel);
        entry.refusingSince = -1;
        return text;
      } catch (IOException failed) {
        if (entry.refusingSince >= 0 && nanoTime.getAsLong() - entry.refusingSince < ABSENT_FOR_NANOS) {
          // An attribute that refuses reads while its device is down (speed, carrier: EINVAL) is
          // asked again through the same descriptor, which answers as soon as the device does;
          // opened anew only once a minute, in case the device itself was replaced.
          throw failed;
        }
        release(entry); // the object may have gone away (ENODEV, ESRCH): opened again below
      }
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file);
    } catch (NoSuchFileException absent) {
      if (!wasHeld) {
        // Remembered only when never seen: a file that just went away (an exited process) may be
        // back under the same name soon (a reused pid, a restarted container).
        entry.absentSince = nanoTime.getAsLong();
      }
      throw absent;
    }
    if (held >= capacity) {
      try (channel) {
        return readWhole(channel);
      }
    }
    entry.channel = channel;
    held++;
    try {
      String text = readWhole(channel);
      entry.refusingSince = -1;
      return text;
    } catch (IOException refusing) {
      entry.refusingSince = nanoTime.getAsLong(); // kept open: asked again next scrape without opening
      throw refusing;
    }
  }

  /** The file's content, or empty when it is absent or unreadable. */
  public Optional<String> readIfPresent(Path file) {
    try {
      return Optional.of(read(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Forgets every file under {@code dir} (held or known absent): its cgroup was found gone. */
  public synchronized void forgetUnder(Path dir) {
    entries.removeIf(file -> file.startsWith(dir));
  }

  /** Ends a pass: closes and forgets the files not read since the previous call. */
  public synchronized void closeUnused() {
    entries.endPass();
  }

  /**
   * A share of the process's open-file limit (the JVM raises the soft limit to the hard one at
   * start), at most 16384: the agent's sockets and jar never run short because of held files. The
   * container collector takes a half, the host collectors a quarter.
   */
  public static int capacityWithinOpenFileLimit(double share) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      return (int) Math.min(16384, unix.getMaxFileDescriptorCount() * share);
    }
    return 0;
  }

  /** Held files for the host collectors' procfs and sysfs reads ({@link KernelFiles#holding}). */
  public static HeldFiles forHost(HostPaths paths) {
    return new HeldFiles(capacityWithinOpenFileLimit(0.25), List.of(paths.procfs(), paths.sysfs()));
  }

  /** Descriptors held now. */
  public synchronized int held() {
    return held;
  }

  @Override
  public synchronized void close() {
    entries.clear();
  }

  private void release(Entry entry) {
    if (entry.channel == null) {
      return;
    }
    try {
      entry.channel.close();
    } catch (IOException ignored) {
      // closing a read-only kernel file cannot lose data
    }
    entry.channel = null;
    held--;
  }

  private String readWhole(FileChannel channel) throws IOException {
    buffer.clear();
    int length = 0;
    while (true) {
      int n = channel.read(buffer, length);
      if (n <= 0) {
        break;
      }
      length += n;
      if (length < WHOLE_BELOW) {
        break;
      }
      if (!buffer.hasRemaining()) {
        ByteBuffer larger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
      }
    }
    buffer.flip();
    if (bytes.length < length) {
      bytes = new byte[buffer.capacity()];
    }
    buffer.get(bytes, 0, length);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
