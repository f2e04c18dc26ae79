package dev.tally.agent.http;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An answer as gzip (RFC 1952) in one call, at deflate's fastest level, with the deflater kept from
 * one answer to the next. A {@code GZIPOutputStream} per answer made zlib allocate and free its
 * ~270 KB of state on every scrape, which glibc keeps as fragmented, resident heap; compressing is
 * also most of the cost of a large answer: 200 containers' 1.5 MB of text took 16 ms at the default
 * level 6 and 7 ms at level 1, for 9 % more bytes. Not thread-safe: one answer at a time.
 */
final class GzipEncoder {
  /** Header of a gzip member: magic, deflate, no flags, no time, no extra flags, OS 0 (as the JDK writes it). */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};
  private static final int TRAILER = 8;

  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private byte[] out = new byte[64 * 1024];

  /** Compresses {@code text[0, length)}; the result is {@link #bytes()}{@code [0, return value)}. */
  int encode(byte[] text, int length) {
    deflater.reset();
    crc.reset();
    crc.update(text, 0, length);
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    int at = HEADER.length;
    deflater.setInput(text, 0, length);
    deflater.finish();
    while (!deflater.finished()) {
      if (out.length - at < TRAILER + 1) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      at += deflater.deflate(out, at, out.length - at - TRAILER);
    }
    at = littleEndian((int) crc.getValue(), at);
    return littleEndian(length, at); // ISIZE: the input length modulo 2^32
  }

  /** The buffer {@link #encode} wrote into; replaced when an answer outgrows it. */
  byte[] bytes() {
    return out;
  }

  /** Releases zlib's memory now rather than when the collector gets to it. */
  void close() {
    deflater.end();
  }

  private int littleEndian(int value, int at) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
    return at + 4;
  }
}
