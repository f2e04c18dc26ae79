package dev.tally.agent.docker;

import dev.tally.agent.docker.api.DockerApiException;
import dev.tally.agent.docker.api.DockerResponse;
import dev.tally.agent.docker.api.DockerTransport;
import dev.tally.agent.docker.api.JsonObject;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Picks the Docker Engine API version to speak. Daemons disagree on what they accept: Docker 20.10
 * (Debian 12, Raspberry Pi OS) speaks at most 1.41, Docker 29 refuses anything below 1.44 ("client
 * version 1.41 is too old"). So, as the docker CLI does: ask {@code GET /version} unversioned (every
 * daemon answers it), then use the highest version both sides speak, never below the daemon's
 * minimum.
 */
final class ApiVersionNegotiator {
  /**
   * The newest API version the agent has been run against (Docker 29 answers 1.52 and accepts down
   * to 1.44). The members we read (inspect's Config/HostConfig/State, info's Swarm and cgroup
   * members, list's Id, the events' Action/Actor) are unchanged from 1.24 up to it; a newer daemon
   * is spoken to at this version until it drops it.
   */
  static final ApiVersion AGENT_MAX = new ApiVersion(1, 44);

  /** The daemon's 400 answer to a version outside its range, e.g. after a daemon upgrade. */
  private static final Pattern VERSION_REFUSED =
      Pattern.compile("client version \\S+ is too (old|new)");

  private final DockerTransport transport;

  ApiVersionNegotiator(DockerTransport transport) {
    this.transport = transport;
  }

  /** The negotiated version and the daemon's {@code /version} answer it came from. */
  record Negotiated(ApiVersion version, JsonObject daemon) {
  }

  /** Asks the daemon now and chooses. Throws when the ranges do not overlap. */
  Negotiated negotiate() throws IOException {
    try (DockerResponse response = transport.get("/version")) {
      JsonObject daemon = response.object();
      return new Negotiated(choose(daemon), daemon);
    }
  }

  /** min(daemon's ApiVersion, ours), refusing to go below the daemon's MinAPIVersion. */
  static ApiVersion choose(JsonObject daemon) throws IOException {
    ApiVersion max = parse(daemon.string("ApiVersion"), "ApiVersion");
    ApiVersion chosen = max.compareTo(AGENT_MAX) > 0 ? AGENT_MAX : max;
    String minText = daemon.string("MinAPIVersion");
    if (minText != null && !minText.isEmpty()) {
      ApiVersion min = parse(minText, "MinAPIVersion");
      if (min.compareTo(chosen) > 0) {
        throw new IOException("Docker daemon " + daemon.string("Version") + " requires API >= "
            + min + ", this agent speaks at most " + AGENT_MAX);
      }
    }
    return chosen;
  }

  /** True for the daemon's "client version X is too old/new" refusal, which renegotiation fixes. */
  static boolean isVersionRefused(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DockerApiException docker && docker.status() == 400
          && docker.getMessage() != null
          && VERSION_REFUSED.matcher(docker.getMessage().toLowerCase(Locale.ROOT)).find()) {
        return true;
      }
    }
    return false;
  }

  private static ApiVersion parse(String text, String member) throws IOException {
    ApiVersion version = ApiVersion.parse(text);
    if (version == null) {
      throw new IOException("Docker /version has no usable " + member + ": " + text);
    }
    return version;
  }
}
