package dev.tally.agent.docker.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of known {@code Content-Length}: ends there, and fails if the connection ends first. */
final class BoundedInputStream extends BulkInputStream {
  private final InputStream in;
  private long left;

  BoundedInputStream(InputStream in, long length) {
    this.in = in;
    this.left = length;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (left == 0) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int read = in.read(into, offset, (int) Math.min(length, left));
    if (read == -1) {
      throw new EOFException("the Docker daemon's answer ended " + left + " bytes short");
    }
    left -= read;
    return read;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(left, in.available());
  }
}
