package dev.tally.agent.docker.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An HTTP/1.1 chunked body (RFC 9112 §7.1) as plain bytes. The daemon sends its event stream this
 * way, one chunk per event, so {@link #available()} reports only what is already here: a reader
 * above never blocks for bytes of an event that has not happened.
 */
final class ChunkedInputStream extends BulkInputStream {
  private final InputStream in;
  /** Bytes left in the current chunk; -1 before the first chunk header. */
  private long left = -1;
  private boolean ended;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!nextChunkIfNeeded()) {
      return -1;
    }
    int read = in.read(into, offset, (int) Math.min(length, left));
    if (read == -1) {
      throw new EOFException("Docker answer ended inside a chunk");
    }
    left -= read;
    if (left == 0) {
      HttpHead.expectCrlf(in);
    }
    return read;
  }

  @Override
  public int available() throws IOException {
    return ended || left <= 0 ? 0 : (int) Math.min(left, in.available());
  }

  /** False at the last (zero-size) chunk, after its trailers. */
  private boolean nextChunkIfNeeded() throws IOException {
    if (ended) {
      return false;
    }
    if (left > 0) {
      return true;
    }
    String line = HttpHead.line(in);
    if (line == null) {
      throw new EOFException("Docker answer ended before its last chunk");
    }
    int extension = line.indexOf(';');
    String size = (extension < 0 ? line : line.substring(0, extension)).trim();
    try {
      left = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size from the Docker daemon: " + line);
    }
    if (left < 0) {
      throw new IOException("bad chunk size from the Docker daemon: " + line);
    }
    if (left == 0) {
      ended = true;
      while (!HttpHead.line(in).isEmpty()) {
        // Trailers: none that matter to us.
      }
      return false;
    }
    return true;
  }
}
