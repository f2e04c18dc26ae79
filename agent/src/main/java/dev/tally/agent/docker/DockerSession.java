package dev.tally.agent.docker;

import dev.tally.agent.docker.api.DockerApiException;
import dev.tally.agent.docker.api.DockerResponse;
import dev.tally.agent.docker.api.DockerTransport;
import dev.tally.agent.docker.api.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One connection's worth of talking to the daemon at a negotiated API version. Only read-only
 * calls exist here (version, info, list, inspect, events). Every call renegotiates once when the
 * daemon refuses our version (it was upgraded or downgraded under us) and is retried; a second
 * refusal is an error for the reconnect loop.
 */
final class DockerSession {
  /** A read-only Docker call at the negotiated version's path prefix ({@code /v1.41}). */
  private interface Call<T> {
    T run(String prefix) throws IOException;
  }

  private final DockerTransport transport;
  private final ApiVersionNegotiator negotiator;
  private ApiVersionNegotiator.Negotiated negotiated;

  DockerSession(DockerTransport transport) throws IOException {
    this.transport = transport;
    this.negotiator = new ApiVersionNegotiator(transport);
    negotiated = negotiator.negotiate();
  }

  ApiVersionNegotiator.Negotiated negotiated() {
    return negotiated;
  }

  JsonObject info() throws IOException {
    return call(prefix -> object(prefix + "/info"));
  }

  /** The ids of all containers, running or not (the table keeps stopped ones with init pid 0). */
  List<String> list() throws IOException {
    return call(prefix -> {
      try (DockerResponse response = transport.get(prefix + "/containers/json?all=true")) {
        List<String> ids = new ArrayList<>();
        if (!(response.json() instanceof List<?> containers)) {
          throw new IOException("GET /containers/json: expected a JSON array");
        }
        for (Object c : containers) {
          if (c instanceof JsonObject container && container.string("Id") != null) {
            ids.add(container.string("Id"));
          }
        }
        return ids;
      }
    });
  }

  /** Empty when the container was removed between the event or list and this call. */
  Optional<JsonObject> inspect(String id) throws IOException {
    return call(prefix -> {
      try {
        return Optional.of(object(prefix + "/containers/" + id + "/json"));
      } catch (DockerApiException e) {
        if (e.status() == 404) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** Opens the container events stream now; events from this moment on are buffered for us. */
  EventStream openEvents() throws IOException {
    return call(prefix -> EventStream.open(transport, prefix));
  }

  private JsonObject object(String path) throws IOException {
    try (DockerResponse response = transport.get(path)) {
      return response.object();
    }
  }

  private <T> T call(Call<T> call) throws IOException {
    try {
      return call.run("/v" + negotiated.version());
    } catch (IOException e) {
      if (!ApiVersionNegotiator.isVersionRefused(e)) {
        throw e;
      }
      negotiated = negotiator.negotiate();
      return call.run("/v" + negotiated.version());
    }
  }
}
