package dev.tally.agent.docker.api;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that reads in blocks only: a single byte is a block of one. */
abstract class BulkInputStream extends InputStream {
  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] into, int offset, int length) throws IOException;
}
