package dev.tally.agent.docker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 client against a real socket (unix-domain, and TCP on loopback) served by a scripted
 * peer that answers in the framings a Go server uses: Content-Length, chunked, close-delimited.
 * The live daemon is covered by DockerInventoryEngineTest; these are the answers it cannot be made
 * to give on demand (truncation, silence, a stream closed under a reader).
 */
class SocketTransportTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  Path dir;
  private ServerSocketChannel server;
  private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

  /** One scripted exchange per connection: what to send, in parts, with a pause before each. */
  private interface Script {
    void play(SocketChannel client) throws Exception;
  }

  private URI serveUnix(Script... connections) throws IOException {
    Path socket = dir.resolve("docker.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    serve(connections);
    return URI.create("unix://" + socket);
  }

  private void serve(Script... connections) {
    Thread peer = new Thread(() -> {
      for (Script script : connections) {
        try (SocketChannel client = server.accept()) {
          requests.add(readRequest(client));
          script.play(client);
        } catch (Exception e) {
          return;
        }
      }
    }, "scripted-daemon");
    peer.setDaemon(true);
    peer.start();
  }

  private static String readRequest(SocketChannel client) throws IOException {
    StringBuilder request = new StringBuilder();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!request.toString().endsWith("\r\n\r\n")) {
      one.clear();
      if (client.read(one) < 0) {
        break;
      }
      request.append((char) one.get(0));
    }
    return request.toString();
  }

  private static Script send(String... parts) {
    return client -> {
      for (String part : parts) {
        client.write(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
        Thread.sleep(20);
      }
    };
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void contentLengthAnswerOverAUnixSocketAndTheRequestWeSend() throws Exception {
    String body = "{\"Name\":\"node-1\",\"ServerVersion\":\"20.10.24\"}";
    URI host = serveUnix(send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body));
    try (DockerResponse response = SocketTransport.forHost(host, TIMEOUT, TIMEOUT).get("/v1.41/info")) {
      assertEquals(200, response.status());
      assertEquals("node-1", response.object().string("Name"));
    }
    String request = requests.poll(5, TimeUnit.SECONDS);
    assertTrue(request.startsWith("GET /v1.41/info HTTP/1.1\r\n"), request);
    assertTrue(request.contains("\r\nHost: docker\r\n"), request);
    assertTrue(request.contains("\r\nConnection: close\r\n"), request);
  }

  @Test
  void chunkedAnswerArrivingInPiecesWithExtensionsAndTrailers() throws Exception {
    URI host = serveUnix(send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        "5\r\n[{\"Id\r\n", "7;name=x\r\n\":\"a\"},\r\n", "a\r\n{\"Id\":\"b\"}\r\n1\r\n]\r\n", "0\r\nX-Trailer: 1\r\n\r\n"));
    try (DockerResponse response = SocketTransport.forHost(host, TIMEOUT, TIMEOUT).get("/containers/json")) {
      List<?> list = (List<?>) response.json();
      assertEquals(List.of("a", "b"), list.stream().map(c -> ((JsonObject) c).string("Id")).toList());
    }
  }

  @Test
  void closeDelimitedAnswer() throws Exception {
    URI host = serveUnix(send("HTTP/1.0 200 OK\r\n\r\n{\"ApiVersion\":", "\"1.41\"}"));
    try (DockerResponse response = SocketTransport.forHost(host, TIMEOUT, TIMEOUT).get("/version")) {
      assertEquals("1.41", response.object().string("ApiVersion"));
    }
  }

  @Test
  void eventsStreamYieldsEachEventAsItComesAndCloseFromAnotherThreadUnblocksTheReader() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    URI host = serveUnix(client -> {
      send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
          "1a\r\n{\"Action\":\"start\"}\n      \r\n").play(client);
      release.get(10, TimeUnit.SECONDS); // the daemon stays quiet, the connection open
    });
    DockerResponse stream = SocketTransport.forHost(host, TIMEOUT, Duration.ofMillis(200)).stream("/events");
    JsonReader events = stream.values();
    assertEquals("start", ((JsonObject) events.next()).string("Action"),
        "the first event is read without waiting for more bytes");
    CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        events.hasNext();
        return null;
      } catch (IOException e) {
        return e;
      }
    });
    Thread.sleep(500); // longer than the response timeout, which a stream does not have
    assertFalse(blocked.isDone(), "a quiet events stream is not a timeout");
    stream.close();
    Throwable error = blocked.get(5, TimeUnit.SECONDS);
    assertTrue(error instanceof IOException, String.valueOf(error));
    release.complete(null);
  }

  @Test
  void silentDaemonIsATimeoutForAnAnswer() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    URI host = serveUnix(client -> release.get(10, TimeUnit.SECONDS));
    SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
        () -> SocketTransport.forHost(host, TIMEOUT, Duration.ofMillis(300)).get("/info"));
    assertTrue(e.getMessage().contains("sent nothing"), e.getMessage());
    release.complete(null);
  }

  @Test
  void httpErrorCarriesTheDaemonsMessage() throws Exception {
    String body = "{\"message\":\"client version 1.41 is too old. Minimum supported API version is 1.44\"}\n";
    URI host = serveUnix(send("HTTP/1.1 400 Bad Request\r\nContent-Length: " + body.length() + "\r\n\r\n" + body),
        send("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 9\r\n\r\n<b>no</b>"));
    SocketTransport transport = SocketTransport.forHost(host, TIMEOUT, TIMEOUT);
    DockerApiException refused = assertThrows(DockerApiException.class, () -> transport.get("/v1.41/info").object());
    assertEquals(400, refused.status());
    assertEquals("GET /v1.41/info: HTTP 400: client version 1.41 is too old. Minimum supported API version is 1.44",
        refused.getMessage());
    DockerApiException proxy = assertThrows(DockerApiException.class, () -> transport.get("/v1.41/info").json());
    assertEquals("GET /v1.41/info: HTTP 502: <b>no</b>", proxy.getMessage());
  }

  @Test
  void answersCutShortAreErrorsNotPartialData() throws Exception {
    URI host = serveUnix(send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":1}"),
        send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":"),
        send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        send("HTTP/1.1 20"),
        send("SSH-2.0-OpenSSH\r\n\r\n"));
    SocketTransport transport = SocketTransport.forHost(host, TIMEOUT, TIMEOUT);
    assertThrows(EOFException.class, () -> transport.get("/a").json());
    assertThrows(EOFException.class, () -> transport.get("/b").json());
    IOException badChunk = assertThrows(IOException.class, () -> transport.get("/c").json());
    assertTrue(badChunk.getMessage().contains("bad chunk size"), badChunk.getMessage());
    assertThrows(EOFException.class, () -> transport.get("/d"));
    IOException notHttp = assertThrows(IOException.class, () -> transport.get("/e"));
    assertTrue(notHttp.getMessage().contains("not an HTTP answer"), notHttp.getMessage());
  }

  @Test
  void tcpHostOnLoopback() throws Exception {
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    serve(send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]"));
    URI host = URI.create("tcp://127.0.0.1:" + port);
    try (DockerResponse response = SocketTransport.forHost(host, TIMEOUT, TIMEOUT).get("/containers/json")) {
      assertEquals(List.of(), response.json());
    }
    assertTrue(requests.poll(5, TimeUnit.SECONDS).contains("\r\nHost: 127.0.0.1:" + port + "\r\n"));
  }

  @Test
  void unreachableOrMalformedHostsSayWhich() {
    URI missing = URI.create("unix://" + dir.resolve("absent.sock"));
    IOException e = assertThrows(IOException.class, () -> SocketTransport.forHost(missing, TIMEOUT, TIMEOUT).get("/info"));
    assertTrue(e.getMessage().startsWith("cannot connect to " + missing), e.getMessage());
    for (String bad : new String[] {"https://docker:2376", "unix:docker.sock", "tcp://docker", "npipe:////./pipe/docker_engine"}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> SocketTransport.forHost(URI.create(bad), TIMEOUT, TIMEOUT), bad);
      assertTrue(refused.getMessage().contains("unix:///path or tcp://host:port"), refused.getMessage());
    }
  }
}
