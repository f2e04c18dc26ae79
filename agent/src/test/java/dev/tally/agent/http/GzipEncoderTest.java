package dev.tally.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipEncoderTest {

  private static byte[] gunzip(byte[] gz, int length) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz, 0, length))) {
      return in.readAllBytes(); // GZIPInputStream checks the CRC and the length in the trailer
    }
  }

  @Test
  void oneEncoderRoundTripsAnswersOfEverySizeOneAfterAnother() throws IOException {
    GzipEncoder encoder = new GzipEncoder();
    byte[] random = new byte[300_000]; // incompressible: the output outgrows the first buffer
    new Random(7).nextBytes(random);
    byte[] text = "container_cpu_usage_seconds_total{id=\"/\"} 1.5\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
    for (byte[] answer : new byte[][] {text, new byte[0], "x".getBytes(StandardCharsets.UTF_8), random, text}) {
      // A longer array than the answer, as the reused text buffer is: only [0, length) counts.
      byte[] buffer = java.util.Arrays.copyOf(answer, answer.length + 100);
      int length = encoder.encode(buffer, answer.length);
      assertArrayEquals(answer, gunzip(encoder.bytes(), length));
    }
    int compressed = encoder.encode(text, text.length);
    assertTrue(compressed < text.length / 20, "repetitive text compresses: " + compressed + " of " + text.length);
    encoder.close();
  }
}
