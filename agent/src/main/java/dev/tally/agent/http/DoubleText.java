package dev.tally.agent.http;

/**
 * A sample value spelled exactly as {@link Double#toString(double)} spells it (client_java's text
 * writer uses it, and the golden tests compare with that writer byte for byte), written straight
 * into the answer for the common case, an integral value: byte and event counts, most of an
 * answer's values. {@code Double.toString} builds a String through a digit generator for each; this
 * is digits and a fixed layout ({@code 123.0}, and from 10⁷ on {@code 6.7108864E7}).
 */
final class DoubleText {
  /** Longest text {@link #writeIntegral} writes: {@code -9.007199254740991E15}. */
  static final int MAX_LENGTH = 21;
  /** Integers up to 2⁵³ are exact doubles, so their decimal digits are Double.toString's digits. */
  private static final double EXACT = 9007199254740992.0;
  /** Double.toString switches to computerized scientific notation at 10⁷. */
  private static final long SCIENTIFIC_FROM = 10_000_000L;

  private DoubleText() {}

  /**
   * Writes {@code value} at {@code buffer[at]} when it is an integer of magnitude below 2⁵³ (and
   * not -0.0), returning the index after the text; -1 for any other value (write
   * {@code Double.toString} then). The buffer needs {@link #MAX_LENGTH} bytes free.
   */
  static int writeIntegral(double value, byte[] buffer, int at) {
    if (!(value > -EXACT && value < EXACT) || value != Math.rint(value)
        || (value == 0 && Double.doubleToRawLongBits(value) != 0)) {
      return -1; // NaN, infinities, fractions, huge values, -0.0
    }
    long v = (long) value;
    if (v < 0) {
      buffer[at++] = '-';
      v = -v;
    }
    if (v < SCIENTIFIC_FROM) {
      at = digits(v, buffer, at);
      buffer[at++] = '.';
      buffer[at++] = '0';
      return at;
    }
    int start = at;
    int end = digits(v, buffer, at + 1); // one byte left free for the point
    int exponent = end - (at + 1) - 1;
    buffer[start] = buffer[start + 1];
    buffer[start + 1] = '.';
    while (end > start + 3 && buffer[end - 1] == '0') {
      end--; // trailing zeros of the fraction go; one digit after the point stays
    }
    buffer[end++] = 'E';
    return digits(exponent, buffer, end);
  }

  /** The decimal digits of {@code v ≥ 0}; returns the index after them. */
  private static int digits(long v, byte[] buffer, int at) {
    int length = 1;
    for (long rest = v / 10; rest > 0; rest /= 10) {
      length++;
    }
    for (int i = at + length - 1; i >= at; i--) {
      buffer[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return at + length;
  }
}
