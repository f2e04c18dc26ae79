package dev.tally.parsers;

import dev.tally.spi.ParseException;

/**
 * {@code /proc/<pid>/stat} and {@code /proc/<pid>/task/<tid>/stat}: the state (field 3) and the
 * thread count (field 20, {@code num_threads}), read after the last {@code ')'} because the command
 * name in field 2 may hold blanks and parentheses (man 5 proc).
 */
public final class ProcPidStat {
  private ProcPidStat() {}

  /** The one-letter state: R, S, D, T, t, Z, X, I, … */
  public static char state(String source, String text) throws ParseException {
    int close = text.lastIndexOf(')');
    int i = close + 1;
    while (close >= 0 && i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    if (close < 0 || i >= text.length()) {
      String line = text.strip();
      throw new ParseException(source, 1, line, "no state after the command name");
    }
    return text.charAt(i);
  }

  /** Field 20, {@code num_threads}: the threads of the process (1 for a single-threaded one). */
  public static long numThreads(String source, String text) throws ParseException {
    // Read on every scrape for every container process: the 17 fields before it are skipped in
    // place rather than split into 50 strings.
    int i = text.lastIndexOf(')') + 1;
    int n = text.length();
    for (int field = 3; i > 0; field++) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '\n') {
        i++;
      }
      if (start == i) {
        break;
      }
      if (field == 20) {
        return Fields.parseLong(text.substring(start, i), source, 1, text.strip());
      }
    }
    throw new ParseException(source, 1, text.strip(), "no num_threads (field 20)");
  }
}
