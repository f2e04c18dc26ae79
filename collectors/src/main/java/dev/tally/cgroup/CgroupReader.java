package dev.tally.cgroup;

import dev.tally.host.HeldFiles;
import dev.tally.spi.ParseException;
import java.io.IOException;

/**
 * Reads one cgroup's statistics, for one cgroup version. Built once per agent from the detected
 * {@link CgroupLayout}; {@link #read} is called per cgroup per scrape, {@link #endPass} after each
 * scrape. Statistics files stay open in the caller's {@link HeldFiles} between scrapes; limits are
 * kept and read again when they may have changed ({@link LimitsCache}).
 */
public interface CgroupReader {

  /**
   * The statistics of the cgroup at {@code cgroupPath} ({@code /} for the root, {@code /docker/<id>}).
   *
   * @param limitsVersion a value that changes whenever the cgroup's limits may have changed (Docker's
   *     configured limits of the container), or null when nothing tells; the limit files are read
   *     again when it differs from the previous read's, and at least once a minute
   * @throws java.nio.file.NoSuchFileException when the cgroup does not exist (or vanished while
   *     being read: the container just stopped)
   */
  CgroupStats read(String cgroupPath, Object limitsVersion) throws IOException, ParseException;

  /** {@link #read(String, Object)} without a limits version. */
  default CgroupStats read(String cgroupPath) throws IOException, ParseException {
    return read(cgroupPath, null);
  }

  /** Ends a scrape: forgets the limits of cgroups not read during it. */
  void endPass();

  CgroupLayout layout();

  /** The reader for the layout's mode: v1 (also for hybrid hosts) or v2, reading through {@code files}. */
  static CgroupReader of(CgroupLayout layout, HeldFiles files) {
    CgroupFiles cgroupFiles = new CgroupFiles(files);
    return layout.mode() == CgroupMode.V2
        ? new CgroupV2Reader(layout, cgroupFiles)
        : new CgroupV1Reader(layout, cgroupFiles, new V1Blkio(layout));
  }
}
