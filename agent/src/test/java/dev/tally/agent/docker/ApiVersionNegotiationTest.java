package dev.tally.agent.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.tally.agent.docker.api.DockerApiException;
import dev.tally.agent.docker.api.DockerResponse;
import dev.tally.agent.docker.api.DockerTransport;
import dev.tally.agent.docker.api.JsonObject;
import dev.tally.agent.docker.api.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Version negotiation. A real engine cannot be made to change its API range under a connected
 * client, so a scripted daemon answers {@code /version} with its current range and refuses versioned
 * paths outside it with Docker's own 400 wording (the transport, then, is the only part not real).
 */
class ApiVersionNegotiationTest {

  /** A daemon whose API range the test changes mid-session, as an upgrade or downgrade would. */
  private static final class ScriptedDaemon {
    String min;
    String max;
    /** When set, what {@code /version} claims instead of {@link #max} (a broken daemon). */
    String claimedMax;
    final List<String> requests = new ArrayList<>();
    final DockerTransport transport = new DockerTransport() {
      @Override
      public DockerResponse get(String path) {
        return answer(path);
      }

      @Override
      public DockerResponse stream(String path) {
        return answer(path);
      }
    };

    ScriptedDaemon(String min, String max) {
      this.min = min;
      this.max = max;
    }

    private DockerResponse answer(String path) {
      requests.add(path);
      if (path.equals("/version")) {
        return json(200, "{\"Version\":\"test\",\"ApiVersion\":\"" + (claimedMax != null ? claimedMax : max) + "\",\"MinAPIVersion\":\"" + min + "\"}");
      }
      String asked = path.substring(2, path.indexOf('/', 1));
      if (ApiVersion.parse(asked).compareTo(ApiVersion.parse(max)) > 0) {
        return json(400, "{\"message\":\"client version " + asked + " is too new. Maximum supported API version is " + max + "\"}");
      }
      if (ApiVersion.parse(asked).compareTo(ApiVersion.parse(min)) < 0) {
        return json(400, "{\"message\":\"client version " + asked + " is too old. Minimum supported API version is "
            + min + ", please upgrade your client to a newer version\"}");
      }
      if (path.contains("/containers/json?")) {
        return json(200, "[]");
      }
      if (path.endsWith("/info")) {
        return json(200, "{\"Name\":\"node-1\"}");
      }
      if (path.contains("/events?")) {
        return json(200, ""); // an open stream the daemon then ends
      }
      return json(404, "{\"message\":\"page not found\"}");
    }
  }

  private static DockerResponse json(int status, String body) {
    return new DockerResponse("scripted", status,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), () -> { });
  }

  private static DockerSession session(ScriptedDaemon daemon) throws Exception {
    return new DockerSession(daemon.transport);
  }

  @Test
  void asksVersionUnversionedThenSpeaksTheHighestCommonVersion() throws Exception {
    ScriptedDaemon daemon = new ScriptedDaemon("1.12", "1.41");
    DockerSession session = session(daemon);
    assertEquals("1.41", session.negotiated().version().toString());
    session.list();
    assertEquals(List.of("/version", "/v1.41/containers/json?all=true"), daemon.requests);
  }

  @Test
  void newerDaemonIsSpokenToAtTheAgentsMaximum() throws Exception {
    ScriptedDaemon daemon = new ScriptedDaemon("1.44", "1.52"); // Docker 29
    assertEquals(ApiVersionNegotiator.AGENT_MAX.toString(), session(daemon).negotiated().version().toString());
  }

  @Test
  void daemonDowngradedMidSessionRefusesOnceThenTheCallIsRetriedAtTheNewVersion() throws Exception {
    ScriptedDaemon daemon = new ScriptedDaemon("1.24", "1.44");
    DockerSession session = session(daemon);
    session.info();
    daemon.max = "1.41"; // replaced by Docker 20.10 under us
    daemon.min = "1.12";
    assertEquals("node-1", session.info().string("Name"));
    assertEquals("1.41", session.negotiated().version().toString());
    assertEquals(List.of("/version", "/v1.44/info", "/v1.44/info", "/version", "/v1.41/info"), daemon.requests);
  }

  @Test
  void daemonUpgradedWhileTheEventsStreamReconnectsIsRenegotiated() throws Exception {
    ScriptedDaemon daemon = new ScriptedDaemon("1.12", "1.41");
    DockerSession session = session(daemon);
    daemon.min = "1.44"; // Docker 29: "client version 1.41 is too old"
    daemon.max = "1.52";
    try (EventStream stream = session.openEvents()) {
      assertNull(stream.next(), "the scripted daemon ends the stream at once");
    }
    assertEquals("1.44", session.negotiated().version().toString());
    assertEquals("/version", daemon.requests.get(2));
    assertTrue(daemon.requests.get(3).startsWith("/v1.44/events?filters="), daemon.requests.toString());
  }

  @Test
  void secondRefusalInARowIsAnErrorForTheReconnectLoop() throws Exception {
    ScriptedDaemon daemon = new ScriptedDaemon("1.24", "1.44");
    DockerSession session = session(daemon);
    // /version keeps claiming 1.44 while versioned calls refuse it: a broken daemon, not a loop.
    daemon.max = "1.41";
    daemon.claimedMax = "1.44";
    DockerApiException error = assertThrows(DockerApiException.class, session::info);
    assertEquals(400, error.status());
    assertTrue(error.getMessage().contains("client version 1.44 is too new"), error.getMessage());
    // The session's own /version, one refusal, one renegotiation, one refusal: then it gives up.
    assertEquals(List.of("/version", "/v1.44/info", "/version", "/v1.44/info"), daemon.requests);
  }

  @Test
  void otherBadRequestsAreNotRetried() {
    assertTrue(ApiVersionNegotiator.isVersionRefused(new DockerApiException(
        "GET /v1.41/info: HTTP 400: client version 1.41 is too old. Minimum supported API version is 1.44", 400)));
    assertTrue(!ApiVersionNegotiator.isVersionRefused(new DockerApiException("GET /v1.41/events: HTTP 400: bad filter", 400)));
    assertTrue(!ApiVersionNegotiator.isVersionRefused(new DockerApiException("client version 1.41 is too old", 500)));
    assertTrue(!ApiVersionNegotiator.isVersionRefused(new IOException("client version 1.41 is too old")));
  }

  @Test
  void choiceIsTheLowerMaximumAndNeverBelowTheDaemonsMinimum() throws IOException {
    assertEquals("1.41", ApiVersionNegotiator.choose(version("1.41", "1.12")).toString());
    assertEquals("1.44", ApiVersionNegotiator.choose(version("1.52", "1.44")).toString());
    assertEquals("1.9", ApiVersionNegotiator.choose(version("1.9", "")).toString());
    assertEquals("1.40", ApiVersionNegotiator.choose(version("1.40", null)).toString());
    IOException tooNew = assertThrows(IOException.class, () -> ApiVersionNegotiator.choose(version("1.60", "1.50")));
    assertTrue(tooNew.getMessage().contains("requires API >= 1.50"), tooNew.getMessage());
    IOException garbage = assertThrows(IOException.class, () -> ApiVersionNegotiator.choose(version("v2", null)));
    assertTrue(garbage.getMessage().contains("no usable ApiVersion: v2"), garbage.getMessage());
  }

  private static JsonObject version(String max, String min) throws IOException {
    String json = "{\"ApiVersion\":\"" + max + "\"" + (min == null ? "" : ",\"MinAPIVersion\":\"" + min + "\"") + "}";
    return (JsonObject) JsonReader.parse(json);
  }
}
