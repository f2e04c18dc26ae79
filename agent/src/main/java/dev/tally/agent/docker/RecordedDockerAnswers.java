package dev.tally.agent.docker;

import dev.tally.agent.docker.api.JsonObject;
import dev.tally.agent.docker.api.JsonReader;
import dev.tally.container.ContainerInfo;
import dev.tally.container.ContainerInventory;
import dev.tally.container.DockerHostInfo;
import dev.tally.container.InventoryStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ContainerInventory} from recorded Docker answers (a scenario's {@code docker/}
 * directory: {@code version.json}, {@code info.json}, {@code containers.json},
 * {@code containers/<id>.json}), parsed by the same {@link JsonReader} and mapped by
 * {@link ContainerMapping}, exactly as {@link DockerInventory} maps live answers. It lives in the
 * agent, next to that mapping, so the collectors module knows nothing of Docker's JSON; golden tests
 * that need containers run in the agent.
 */
public final class RecordedDockerAnswers implements ContainerInventory {
  private final List<ContainerInfo> containers;
  private final DockerHostInfo host;

  private RecordedDockerAnswers(List<ContainerInfo> containers, DockerHostInfo host) {
    this.containers = List.copyOf(containers);
    this.host = host;
  }

  /**
   * Reads the directory. A container listed without its inspect file is left out, as the live
   * inventory leaves out one whose inspect answers 404 (removed between the list and the inspect);
   * a recording can show that case (cgroupv1-cgroupfs-debian12 lists tally-cg-plain, removed
   * before its inspect was captured).
   */
  public static RecordedDockerAnswers load(Path dir) throws IOException {
    JsonObject version = object(dir.resolve("version.json"));
    JsonObject info = object(dir.resolve("info.json"));
    List<ContainerInfo> containers = new ArrayList<>();
    if (!(JsonReader.parse(Files.readString(dir.resolve("containers.json"))) instanceof List<?> list)) {
      throw new IOException(dir.resolve("containers.json") + ": expected a JSON array");
    }
    for (Object listed : list) {
      String id = listed instanceof JsonObject c ? c.string("Id") : null;
      Path inspect = dir.resolve("containers").resolve(id + ".json");
      if (id == null || !Files.exists(inspect)) {
        continue;
      }
      containers.add(ContainerMapping.container(object(inspect)));
    }
    containers.sort(Comparator.comparing(ContainerInfo::id));
    String api = ApiVersionNegotiator.choose(version).toString();
    return new RecordedDockerAnswers(containers, ContainerMapping.host(version, info, api));
  }

  private static JsonObject object(Path file) throws IOException {
    if (JsonReader.parse(Files.readString(file)) instanceof JsonObject o) {
      return o;
    }
    throw new IOException(file + ": expected a JSON object");
  }

  /** {@link #load} for callers that cannot handle checked exceptions (test fixtures). */
  public static RecordedDockerAnswers loadUnchecked(Path dir) {
    try {
      return load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<ContainerInfo> containers() {
    return containers;
  }

  @Override
  public Optional<DockerHostInfo> host() {
    return Optional.of(host);
  }

  /** Recorded answers are a daemon that is always up and never reconnected. */
  @Override
  public InventoryStatus status() {
    return new InventoryStatus(true, "", 0, Instant.EPOCH);
  }
}
