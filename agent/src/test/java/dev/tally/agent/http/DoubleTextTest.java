package dev.tally.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The integral fast path against Double.toString itself, which it must reproduce byte for byte. */
class DoubleTextTest {

  private static String written(double value) {
    byte[] buffer = new byte[40];
    buffer[0] = 'x';
    int end = DoubleText.writeIntegral(value, buffer, 1);
    return end < 0 ? null : new String(buffer, 1, end - 1, StandardCharsets.US_ASCII);
  }

  @Test
  void boundariesAndPowers() {
    long[] edges = {0, 1, 9, 10, 99, 100, 9_999_999, 10_000_000, 10_000_001, 12_345_678, 67_108_864,
        100_000_000, 1_000_000_000_000L, 9_007_199_254_740_991L, 4_503_599_627_370_496L, 1_700_000_000L};
    for (long edge : edges) {
      for (long v : new long[] {edge, -edge}) {
        assertEquals(Double.toString((double) v), written(v), "integral " + v + " takes the fast path");
      }
    }
    for (int p = 0; p < 53; p++) {
      assertEquals(Double.toString(Math.pow(2, p)), written(Math.pow(2, p)));
      assertEquals(Double.toString(Math.pow(2, p) - 1), written(Math.pow(2, p) - 1));
    }
    for (int p = 0; p < 16; p++) {
      assertEquals(Double.toString(Math.pow(10, p)), written(Math.pow(10, p)));
    }
  }

  @Test
  void randomIntegersOfEveryMagnitude() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 1_000_000; i++) {
      long bound = 1L << random.nextInt(1, 54);
      double v = random.nextLong(-bound + 1, bound);
      assertEquals(Double.toString(v), written(v));
    }
  }

  @Test
  void everythingElseIsLeftToDoubleToString() {
    for (double v : new double[] {0.5, -0.25, 1.5e-3, 12345.678, 1.7e9 + 0.001, 9007199254740992.0, 1e300,
        -9007199254740994.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE}) {
      assertEquals(null, written(v), "value " + v);
    }
    assertEquals("0.0", written(0.0));
  }
}
