package dev.tally.agent.docker;

import dev.tally.agent.docker.api.DockerTransport;
import dev.tally.agent.docker.api.JsonObject;
import dev.tally.agent.docker.api.SocketTransport;
import dev.tally.container.ContainerInfo;
import dev.tally.container.ContainerInventory;
import dev.tally.container.DockerHostInfo;
import dev.tally.container.InventoryStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's containers, kept current from the Docker daemon: one list plus one inspect per
 * container when connecting, then the container events stream (an inspect only when a container is
 * created, started or updated). Scrapes read the table and never call Docker.
 *
 * <p>All of this runs on one background thread, the agent's only one. When the daemon goes away
 * (socket gone, daemon restarting) the last table stays, {@link #status()} says down, one line is
 * logged, and the thread reconnects with backoff (0.5 s doubling to 30 s), then resyncs fully —
 * events missed while away are never replayed, the fresh list replaces them. Host metrics do not
 * depend on any of this.
 */
public final class DockerInventory implements ContainerInventory, AutoCloseable {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private static final Logger LOG = Logger.getLogger(DockerInventory.class.getName());
  /** Bounds a hung daemon's answer to list/inspect/info; the events stream has no such bound. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final String dockerHost;
  private final DockerTransport transport;
  private final Backoff backoff;
  private final Clock clock;
  private final ContainerTable table = new ContainerTable();
  private final Thread thread;

  private volatile DockerHostInfo host;
  private volatile InventoryStatus status = InventoryStatus.STARTING;
  private volatile EventStream openStream;
  private volatile boolean closed;
  private boolean everConnected;

  DockerInventory(String dockerHost, DockerTransport transport, Backoff backoff, Clock clock) {
    this.dockerHost = dockerHost;
    this.transport = transport;
    this.backoff = backoff;
    this.clock = clock;
    this.thread = new Thread(this::run, "tally-docker-inventory");
    thread.setDaemon(true);
  }

  /** Connects to {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}) in the background. */
  public static DockerInventory start(String dockerHost) {
    return start(dockerHost, Backoff.DEFAULT_INITIAL, Backoff.DEFAULT_MAX);
  }

  static DockerInventory start(String dockerHost, Duration initialBackoff, Duration maxBackoff) {
    DockerTransport transport = SocketTransport.forHost(URI.create(dockerHost), CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    DockerInventory inventory = new DockerInventory(dockerHost, transport,
        new Backoff(initialBackoff, maxBackoff), Clock.systemUTC());
    inventory.thread.start();
    return inventory;
  }

  @Override
  public List<ContainerInfo> containers() {
    return table.snapshot();
  }

  @Override
  public Optional<DockerHostInfo> host() {
    return Optional.ofNullable(host);
  }

  @Override
  public InventoryStatus status() {
    return status;
  }

  private void run() {
    while (!closed) {
      try {
        syncAndFollow();
      } catch (Exception | LinkageError e) {
        if (closed) {
          break;
        }
        markDown(e);
      }
      if (closed) {
        break;
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  /** Connects, resyncs the whole table, then applies events until the stream ends (throws). */
  private void syncAndFollow() throws IOException {
    DockerSession session = new DockerSession(transport);
    JsonObject info = session.info();
    // Subscribe before listing: a container started in between is then in the list, the stream,
    // or both (applying an event twice is harmless); it is never missed.
    try (EventStream stream = session.openEvents()) {
      openStream = stream;
      if (closed) {
        return;
      }
      List<ContainerInfo> all = new ArrayList<>();
      for (String id : session.list()) {
        session.inspect(id).map(ContainerMapping::container).ifPresent(all::add);
      }
      table.replaceAll(all);
      host = ContainerMapping.host(session.negotiated().daemon(), info,
          session.negotiated().version().toString());
      markUp(all.size());
      backoff.reset();
      for (JsonObject event = stream.next(); event != null; event = stream.next()) {
        apply(session, event);
      }
      if (!closed) {
        throw new IOException("Docker events stream ended (daemon stopping?)");
      }
    } finally {
      openStream = null;
    }
  }

  /** One event: {@code Action} and {@code Actor.ID} (API ≥ 1.22), or the older {@code status} and {@code id}. */
  private void apply(DockerSession session, JsonObject event) throws IOException {
    JsonObject actor = event.object("Actor");
    String id = actor.string("ID") != null ? actor.string("ID") : event.string("id");
    String action = event.string("Action") != null ? event.string("Action") : event.string("status");
    if (id == null || action == null) {
      return;
    }
    switch (action) {
      case "create", "start", "update", "unpause" -> {
        Optional<ContainerInfo> now = session.inspect(id).map(ContainerMapping::container);
        if (now.isPresent()) {
          table.put(now.get());
        } else {
          table.remove(id);
        }
      }
      case "die" -> table.update(id, ContainerMapping::stopped);
      case "rename" -> {
        String name = actor.object("Attributes").string("name");
        if (name != null) {
          table.update(id, c -> ContainerMapping.renamed(c, name));
        }
      }
      case "destroy" -> table.remove(id);
      default -> {
        // exec_*, health_status, attach, kill, stop, …: nothing in the table changes.
      }
    }
  }

  private synchronized void markUp(int containers) {
    InventoryStatus before = status;
    long reconnects = before.reconnects() + (everConnected ? 1 : 0);
    status = new InventoryStatus(true, before.lastError(), reconnects, clock.instant());
    DockerHostInfo h = host;
    LOG.info(String.format("msg=\"%s\" host=%s api_version=%s daemon_version=%s containers=%d",
        everConnected ? "Docker daemon reachable again, container table resynced"
            : "Docker daemon connected",
        dockerHost, h.apiVersion(), h.daemonVersion(), containers));
    everConnected = true;
  }

  private synchronized void markDown(Throwable error) {
    InventoryStatus before = status;
    String text = error.getMessage() == null ? error.getClass().getName()
        : error.getClass().getSimpleName() + ": " + error.getMessage().trim();
    status = new InventoryStatus(false, text, before.reconnects(),
        before.connected() || before.since() == null ? clock.instant() : before.since());
    // One line per outage: when we lose the daemon (or cannot reach it at start); repeated
    // failures while retrying go to debug.
    Level level = before.connected() || before.since() == null ? Level.WARNING : Level.FINE;
    LOG.log(level, String.format("msg=\"%s\" host=%s err=\"%s\"",
        before.connected() ? "Docker daemon lost; container table frozen, reconnecting with backoff"
            : "Docker daemon unreachable; retrying with backoff",
        dockerHost, text.replace('"', '\'')));
  }

  /** Stops the thread and closes the events stream; the table stays readable. */
  @Override
  public void close() {
    closed = true;
    EventStream stream = openStream;
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException | RuntimeException ignored) {
        // Closing is only to unblock the thread.
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The transport holds nothing between requests (one connection each): nothing more to close.
  }
}
