package dev.tally.parsers;

import dev.tally.spi.ParseException;

/**
 * Walks a kernel file line by line and token by token without cutting substrings, for the hot files
 * read on every scrape ({@code /proc/stat} with its long {@code intr} line, {@code /proc/meminfo},
 * {@code /proc/vmstat}). Tokens are separated by spaces and tabs. Number parsing reads the token in
 * place; errors name the file, the 1-based line number and the line.
 *
 * <pre>{@code
 * LineScanner s = new LineScanner(source, text);
 * while (s.nextLine()) {
 *   if (s.nextToken() && s.tokenIs("ctxt") && s.nextToken()) {
 *     double switches = s.u64();
 *   }
 * }
 * }</pre>
 */
public final class LineScanner {
  private final String source;
  private final String text;
  private int lineStart;
  private int lineEnd = -1;
  private int lineNumber;
  private int pos;
  private int tokenStart;
  private int tokenEnd;

  public LineScanner(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** Moves to the next line; false at end of text. A final line without newline counts. */
  public boolean nextLine() {
    int start = lineEnd + 1;
    if (start >= text.length()) {
      lineEnd = text.length();
      return false;
    }
    int end = text.indexOf('\n', start);
    lineStart = start;
    lineEnd = end < 0 ? text.length() : end;
    lineNumber++;
    pos = lineStart;
    tokenStart = tokenEnd = lineStart;
    return true;
  }

  /** Moves to the next token of the current line; false when the line has no more. */
  public boolean nextToken() {
    int i = pos;
    while (i < lineEnd && isBlank(text.charAt(i))) {
      i++;
    }
    if (i >= lineEnd) {
      pos = lineEnd;
      return false;
    }
    int start = i;
    while (i < lineEnd && !isBlank(text.charAt(i))) {
      i++;
    }
    tokenStart = start;
    tokenEnd = i;
    pos = i;
    return true;
  }

  /** Whether the current token is exactly {@code s}. */
  public boolean tokenIs(String s) {
    return tokenEnd - tokenStart == s.length() && text.startsWith(s, tokenStart);
  }

  /** Whether the current token starts with {@code prefix}. */
  public boolean tokenStartsWith(String prefix) {
    return tokenEnd - tokenStart >= prefix.length() && text.startsWith(prefix, tokenStart);
  }

  /** Whether the current token ends with character {@code c}. */
  public boolean tokenEndsWith(char c) {
    return tokenEnd > tokenStart && text.charAt(tokenEnd - 1) == c;
  }

  /** Where {@code c} first is in the current token (0 = its first character), or -1. */
  public int tokenIndexOf(char c) {
    int i = text.indexOf(c, tokenStart);
    return i < 0 || i >= tokenEnd ? -1 : i - tokenStart;
  }

  /** Whether the current token's first {@code length} characters are exactly {@code s}. */
  public boolean tokenPrefixIs(String s, int length) {
    return s.length() == length && tokenEnd - tokenStart >= length && text.startsWith(s, tokenStart);
  }

  /** The current token from {@code offset} on, as {@link #u64()} reads a whole token. */
  public double u64From(int offset) throws ParseException {
    int start = tokenStart + offset;
    try {
      if (start >= tokenEnd) {
        throw new NumberFormatException();
      }
      return unsignedToDouble(Long.parseUnsignedLong(text, start, tokenEnd, 10));
    } catch (NumberFormatException e) {
      throw error("\"" + text.substring(Math.min(start, tokenEnd), tokenEnd) + "\" is not an unsigned integer");
    }
  }

  /**
   * The current token from {@code offset} on as a decimal number. The kernel's fixed-point
   * {@code 12.34} (two decimals, PSI's averages) is read in place, exactly as
   * {@link Double#parseDouble} reads it (one correctly rounded division); anything else goes to
   * {@code parseDouble}.
   */
  public double decimalFrom(int offset) throws ParseException {
    int start = tokenStart + offset;
    int dot = tokenEnd - 3;
    if (dot > start && dot - start <= 9 && text.charAt(dot) == '.') {
      long hundredths = 0;
      boolean digits = true;
      for (int i = start; i < tokenEnd && digits; i++) {
        char c = text.charAt(i);
        if (i != dot) {
          digits = c >= '0' && c <= '9';
          hundredths = hundredths * 10 + (c - '0');
        }
      }
      if (digits) {
        return hundredths / 100.0;
      }
    }
    String number = text.substring(Math.min(start, tokenEnd), tokenEnd);
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw error("\"" + number + "\" is not a number");
    }
  }

  /** The current token as a new string. */
  public String token() {
    return text.substring(tokenStart, tokenEnd);
  }

  /** The current token without its last {@code trim} characters (e.g. the colon of {@code MemTotal:}). */
  public String tokenWithoutSuffix(int trim) {
    return text.substring(tokenStart, Math.max(tokenStart, tokenEnd - trim));
  }

  /** The current token minus a leading prefix, as an unsigned decimal int ({@code cpu12} → 12). */
  public int intAfter(int prefixLength) throws ParseException {
    int start = tokenStart + prefixLength;
    try {
      if (start >= tokenEnd) {
        throw new NumberFormatException();
      }
      return Integer.parseUnsignedInt(text, start, tokenEnd, 10);
    } catch (NumberFormatException e) {
      throw error("\"" + token() + "\" has no number after its first " + prefixLength + " characters");
    }
  }

  /**
   * The current token as an unsigned 64-bit decimal, converted to double as Go's
   * {@code float64(uint64)} does (values above {@code Long.MAX_VALUE} kept, not wrapped).
   */
  public double u64() throws ParseException {
    return u64From(0);
  }

  /** The next token as {@link #u64()}; fails naming {@code what} when the line has no more tokens. */
  public double nextU64(String what) throws ParseException {
    if (!nextToken()) {
      throw error("line ends before " + what);
    }
    return u64();
  }

  /** The current token as a decimal floating-point number (Go's ParseFloat accepts the same inputs). */
  public double decimal() throws ParseException {
    String token = token();
    try {
      return Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw new ParseException(source, lineNumber, line(), "\"" + token + "\" is not a number");
    }
  }

  /** The whole current line, for messages. */
  public String line() {
    return text.substring(lineStart, Math.max(lineStart, lineEnd));
  }

  /** The file name given at construction, for messages. */
  public String source() {
    return source;
  }

  public int lineNumber() {
    return lineNumber;
  }

  /** A parse error at the current line. */
  public ParseException error(String problem) {
    return new ParseException(source, lineNumber, line(), problem);
  }

  /** Whether the current line has nothing but blanks. */
  public boolean lineIsBlank() {
    for (int i = lineStart; i < lineEnd; i++) {
      if (!isBlank(text.charAt(i)) && text.charAt(i) != '\r') {
        return false;
      }
    }
    return true;
  }

  static double unsignedToDouble(long bits) {
    if (bits >= 0) {
      return (double) bits;
    }
    // Halve keeping the low bit so rounding matches a direct conversion, convert, double.
    return ((double) ((bits >>> 1) | (bits & 1))) * 2.0;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
