package dev.tally.agent.docker;

import dev.tally.agent.docker.api.DockerResponse;
import dev.tally.agent.docker.api.DockerTransport;
import dev.tally.agent.docker.api.JsonObject;
import dev.tally.agent.docker.api.JsonReader;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's container events ({@code GET /events?filters={"type":["container"]}}), read on the
 * caller's thread, so the inventory's one thread stays the agent's only background activity.
 */
final class EventStream implements Closeable {
  private static final String FILTER =
      URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);

  private final DockerResponse response;
  private final JsonReader events;

  private EventStream(DockerResponse response, JsonReader events) {
    this.response = response;
    this.events = events;
  }

  /** @param prefix the negotiated version's path prefix, {@code /v1.41} */
  static EventStream open(DockerTransport transport, String prefix) throws IOException {
    DockerResponse response = transport.stream(prefix + "/events?filters=" + FILTER);
    try {
      // The daemon's 400 "client version … is too old" arrives here too, as a DockerApiException.
      return new EventStream(response, response.values());
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
  }

  /** Blocks until the next event; null when the daemon ended the stream (it stopped). */
  JsonObject next() throws IOException {
    while (events.hasNext()) {
      if (events.next() instanceof JsonObject event) {
        return event;
      }
    }
    return null;
  }

  /** Safe from another thread: closing the connection unblocks a pending {@link #next()}. */
  @Override
  public void close() throws IOException {
    response.close();
  }
}
