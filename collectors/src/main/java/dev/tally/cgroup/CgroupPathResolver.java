package dev.tally.cgroup;

import dev.tally.container.ContainerInfo;
import dev.tally.host.HostPaths;
import dev.tally.host.KernelFiles;
import dev.tally.host.PassCache;
import dev.tally.parsers.ProcPidCgroup;
import dev.tally.spi.ParseException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Where a container's cgroup is, as the path cAdvisor uses for the {@code id} label. First from
 * {@code <procfs>/<init pid>/cgroup} (exact whatever the driver or {@code --cgroup-parent}); when
 * that is unreadable or shows a namespaced view ({@code /} or {@code /../…}, an agent inside a
 * private cgroup namespace), from the id, the cgroup parent and Docker's driver:
 * cgroupfs {@code <parent or /docker>/<id>}, systemd {@code <parent slice or system.slice>/docker-<id>.scope}.
 *
 * <p>A container's path is kept while its init process lives (a cgroup does not move under a
 * running container), looked up again after a minute for an init that moves itself into a child
 * cgroup once started (systemd inside a container), and dropped after a scrape without the container
 * ({@link #endPass}).
 */
public final class CgroupPathResolver {
  private static final long RECHECK_NANOS = 60_000_000_000L;

  private final HostPaths paths;
  private final CgroupLayout layout;
  private final String driver;
  private final PassCache<String, Resolved> resolved = new PassCache<>();

  private record Resolved(long initPid, String path, long at) {}

  /** @param driver Docker's {@code CgroupDriver} ({@code cgroupfs}, {@code systemd}); "" when unknown (probe both) */
  public CgroupPathResolver(HostPaths paths, CgroupLayout layout, String driver) {
    this.paths = paths;
    this.layout = layout;
    this.driver = driver == null ? "" : driver;
  }

  public synchronized String resolve(ContainerInfo container) throws ParseException {
    long now = System.nanoTime();
    Resolved known = resolved.get(container.id());
    if (known != null && known.initPid() == container.initPid() && now - known.at() < RECHECK_NANOS) {
      return known.path();
    }
    String path = lookUp(container);
    resolved.put(container.id(), new Resolved(container.initPid(), path, now));
    return path;
  }

  /** Forgets the containers not resolved since the previous call. */
  public synchronized void endPass() {
    resolved.endPass();
  }

  /** The driver this resolver was made for. */
  public String driver() {
    return driver;
  }

  private String lookUp(ContainerInfo container) throws ParseException {
    Optional<String> fromProc = fromProc(container.initPid());
    if (fromProc.isPresent()) {
      return fromProc.get();
    }
    String cgroupfs = cgroupfs(container);
    String systemd = systemd(container);
    if (driver.equals("systemd")) {
      return systemd;
    }
    if (driver.equals("cgroupfs")) {
      return cgroupfs;
    }
    return exists(systemd) && !exists(cgroupfs) ? systemd : cgroupfs;
  }

  private Optional<String> fromProc(long pid) throws ParseException {
    if (pid <= 0) {
      return Optional.empty();
    }
    String file = paths.proc(Long.toString(pid), "cgroup").toString();
    Optional<String> text = KernelFiles.readIfPresent(paths.proc(Long.toString(pid), "cgroup"));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String found = null;
    for (ProcPidCgroup.Entry e : ProcPidCgroup.parse(file, text.get())) {
      boolean wanted = layout.mode() == CgroupMode.V2
          ? e.hierarchyId() == 0 && e.controllers().isEmpty()
          : e.controllers().contains("cpuacct") || e.controllers().contains("cpu") || e.controllers().contains("memory");
      if (wanted) {
        found = e.path();
        break;
      }
    }
    if (found == null || found.equals("/") || found.contains("/..")) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  static String cgroupfs(ContainerInfo c) {
    String parent = c.cgroupParent().isEmpty() ? "/docker" : c.cgroupParent();
    if (!parent.startsWith("/")) {
      parent = "/" + parent;
    }
    if (parent.endsWith("/")) {
      parent = parent.substring(0, parent.length() - 1);
    }
    return parent + "/" + c.id();
  }

  static String systemd(ContainerInfo c) {
    String parent = c.cgroupParent().isEmpty() ? "system.slice" : c.cgroupParent();
    return expandSlice(parent) + "/docker-" + c.id() + ".scope";
  }

  /** systemd's slice naming: {@code a-b.slice} lives at {@code /a.slice/a-b.slice}; {@code -.slice} is the root. */
  static String expandSlice(String slice) {
    if (!slice.endsWith(".slice") || slice.startsWith("/")) {
      return slice.startsWith("/") ? slice : "/" + slice;
    }
    String name = slice.substring(0, slice.length() - ".slice".length());
    if (name.equals("-") || name.isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    int dash = -1;
    while ((dash = name.indexOf('-', dash + 1)) >= 0) {
      path.append('/').append(name, 0, dash).append(".slice");
    }
    return path.append('/').append(name).append(".slice").toString();
  }

  private boolean exists(String cgroupPath) {
    return layout.primary(cgroupPath).map(Files::isDirectory).orElse(false);
  }
}
