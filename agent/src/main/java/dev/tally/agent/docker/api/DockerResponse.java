package dev.tally.agent.docker.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** One answer: its status and its body, already de-chunked. Closing releases the connection. */
public final class DockerResponse implements Closeable {
  /** Far above any answer the agent asks for (an inspect is ~10 KB, a list of 1,000 ~2 MB). */
  static final int MAX_BODY_BYTES = 64 << 20;

  private final String request;
  private final int status;
  private final InputStream body;
  private final Closeable connection;

  public DockerResponse(String request, int status, InputStream body, Closeable connection) {
    this.request = request;
    this.status = status;
    this.body = body;
    this.connection = connection;
  }

  int status() {
    return status;
  }

  /**
   * The whole body as one JSON value, after checking the status: an HTTP error becomes a
   * {@link DockerApiException} carrying the daemon's own message (e.g. "client version 1.41 is
   * too old", which version negotiation looks for).
   */
  public Object json() throws IOException {
    requireOk();
    return JsonReader.parse(text());
  }

  /** {@link #json()} for answers that are one object. */
  public JsonObject object() throws IOException {
    Object value = json();
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new IOException("GET " + request + ": expected a JSON object");
  }

  /** A reader of the body's successive JSON values (the events stream), after checking the status. */
  public JsonReader values() throws IOException {
    requireOk();
    return new JsonReader(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  private void requireOk() throws IOException {
    if (status / 100 == 2) {
      return;
    }
    String text = text().trim();
    String message = text;
    try {
      if (JsonReader.parse(text) instanceof JsonObject error && error.string("message") != null) {
        message = error.string("message");
      }
    } catch (IOException notJson) {
      // A proxy's HTML page, say: keep the text as it came.
    }
    throw new DockerApiException("GET " + request + ": HTTP " + status + ": " + message, status);
  }

  private String text() throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IOException("GET " + request + ": answer larger than " + (MAX_BODY_BYTES >> 20) + " MiB");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
