package dev.tally.agent.docker.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 GETs to a Docker daemon on {@code unix:///path} (JDK 16+ unix-domain channels) or
 * {@code tcp://host:port} (plain, as {@code --docker.host} allows), one connection per request with
 * {@code Connection: close}. The agent makes one request per container start and keeps one events
 * stream open, so pooling would buy nothing; a fresh connection also means a restarted daemon never
 * meets a stale one.
 */
public final class SocketTransport implements DockerTransport {
  private final URI host;
  private final Duration connectTimeout;
  private final Duration responseTimeout;

  private SocketTransport(URI host, Duration connectTimeout, Duration responseTimeout) {
    this.host = host;
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
  }

  /**
   * @param responseTimeout the longest the daemon may stay silent in an answer to {@link #get}
   * @throws IllegalArgumentException for a scheme other than unix or tcp
   */
  public static SocketTransport forHost(URI host, Duration connectTimeout, Duration responseTimeout) {
    String scheme = host.getScheme();
    if ("unix".equals(scheme) ? host.getPath() == null || host.getPath().isEmpty()
        : !"tcp".equals(scheme) || host.getHost() == null || host.getPort() < 0) {
      throw new IllegalArgumentException("Docker host must be unix:///path or tcp://host:port, not " + host);
    }
    return new SocketTransport(host, connectTimeout, responseTimeout);
  }

  @Override
  public DockerResponse get(String pathAndQuery) throws IOException {
    return request(pathAndQuery, responseTimeout);
  }

  @Override
  public DockerResponse stream(String pathAndQuery) throws IOException {
    return request(pathAndQuery, Duration.ZERO);
  }

  private DockerResponse request(String pathAndQuery, Duration timeout) throws IOException {
    SocketChannel channel = connect();
    ChannelInputStream socket;
    try {
      channel.write(ByteBuffer.wrap(("GET " + pathAndQuery + " HTTP/1.1\r\n"
          + "Host: " + hostHeader() + "\r\n"
          + "User-Agent: tally\r\n"
          + "Accept: application/json\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
      socket = new ChannelInputStream(channel, timeout);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    try {
      InputStream in = new BufferedInputStream(socket, 16 * 1024);
      HttpHead head = HttpHead.read(in);
      InputStream body = head.chunked() ? new ChunkedInputStream(in)
          : head.contentLength() >= 0 ? new BoundedInputStream(in, head.contentLength()) : in;
      return new DockerResponse(pathAndQuery, head.status(), body, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private SocketChannel connect() throws IOException {
    if ("unix".equals(host.getScheme())) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(host.getPath()));
        return channel;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw new IOException("cannot connect to " + host + ": " + e.getMessage(), e);
      }
    }
    SocketChannel channel = SocketChannel.open();
    try {
      // The socket adaptor is the one place a TCP channel takes a connect timeout.
      channel.socket().connect(new InetSocketAddress(host.getHost(), host.getPort()), (int) connectTimeout.toMillis());
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new IOException("cannot connect to " + host + ": " + e.getMessage(), e);
    }
  }

  private String hostHeader() {
    // Go's server insists on a Host header in HTTP/1.1; the docker CLI sends a placeholder on unix.
    return "unix".equals(host.getScheme()) ? "docker" : host.getHost() + ":" + host.getPort();
  }
}
