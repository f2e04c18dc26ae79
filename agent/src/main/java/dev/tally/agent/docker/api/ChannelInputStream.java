package dev.tally.agent.docker.api;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A connected socket's input with an idle timeout, for unix and TCP sockets alike: a unix-domain
 * {@link SocketChannel} has no {@code SO_TIMEOUT}, so reads wait on a selector instead. Closing it
 * from another thread wakes a blocked read, which then fails (how the events stream is stopped).
 */
final class ChannelInputStream extends BulkInputStream {
  private final SocketChannel channel;
  private final Selector selector;
  /** 0: wait forever (the events stream). */
  private final long timeoutMillis;
  private volatile boolean closed;

  ChannelInputStream(SocketChannel channel, Duration timeout) throws IOException {
    this.channel = channel;
    this.timeoutMillis = timeout.toMillis();
    channel.configureBlocking(false);
    this.selector = Selector.open();
    try {
      channel.register(selector, SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    try {
      while (true) {
        int read = channel.read(buffer);
        if (read != 0) {
          return read;
        }
        long left = timeoutMillis == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000;
        if (timeoutMillis > 0 && left <= 0) {
          throw new SocketTimeoutException("the Docker daemon sent nothing for " + timeoutMillis / 1000 + " s");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        if (closed) {
          throw new IOException("connection to the Docker daemon closed");
        }
      }
    } catch (ClosedSelectorException e) {
      throw new IOException("connection to the Docker daemon closed", e);
    }
  }

  /** Safe from any thread. */
  @Override
  public void close() throws IOException {
    closed = true;
    try {
      channel.close();
    } finally {
      selector.close(); // wakes a thread blocked in select
    }
  }
}
