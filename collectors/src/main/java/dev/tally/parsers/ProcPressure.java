package dev.tally.parsers;

import dev.tally.spi.ParseException;
import java.util.Optional;

/**
 * {@code /proc/pressure/{cpu,io,memory,irq}}: pressure stall information
 * (Documentation/accounting/psi.rst). Each file has a {@code some} and/or a {@code full} line of
 * {@code avg10=… avg60=… avg300=… total=…}; {@code irq} (6.1+) has only {@code full}, {@code cpu}
 * gained {@code full} in 5.13. Lines with other first words are ignored.
 */
public final class ProcPressure {
  private ProcPressure() {}

  /** One line: the three running averages in percent, and the total stall time in microseconds. */
  public record Line(double avg10, double avg60, double avg300, double totalMicroseconds) {}

  public record Pressure(Optional<Line> some, Optional<Line> full) {}

  public static Pressure parse(String source, String text) throws ParseException {
    LineScanner s = new LineScanner(source, text);
    Line some = null;
    Line full = null;
    while (s.nextLine()) {
      if (!s.nextToken()) {
        continue;
      }
      if (s.tokenIs("some")) {
        some = line(s);
      } else if (s.tokenIs("full")) {
        full = line(s);
      }
    }
    return new Pressure(Optional.ofNullable(some), Optional.ofNullable(full));
  }

  /** After the line's first word: {@code key=value} tokens, read in place. */
  private static Line line(LineScanner s) throws ParseException {
    double avg10 = Double.NaN;
    double avg60 = Double.NaN;
    double avg300 = Double.NaN;
    double total = Double.NaN;
    while (s.nextToken()) {
      int eq = s.tokenIndexOf('=');
      if (eq < 0) {
        throw s.error("\"" + s.token() + "\" is not key=value");
      }
      if (s.tokenPrefixIs("avg10", eq)) {
        avg10 = s.decimalFrom(eq + 1);
      } else if (s.tokenPrefixIs("avg60", eq)) {
        avg60 = s.decimalFrom(eq + 1);
      } else if (s.tokenPrefixIs("avg300", eq)) {
        avg300 = s.decimalFrom(eq + 1);
      } else if (s.tokenPrefixIs("total", eq)) {
        total = s.u64From(eq + 1);
      } // else: a later kernel's extra key
    }
    if (Double.isNaN(avg10) || Double.isNaN(avg60) || Double.isNaN(avg300) || Double.isNaN(total)) {
      throw s.error("expected avg10, avg60, avg300 and total");
    }
    return new Line(avg10, avg60, avg300, total);
  }
}
