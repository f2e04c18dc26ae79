package dev.tally.parsers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tally.spi.ParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcPressureTest {

  @Test
  void parsesSomeAndFull() throws ParseException {
    ProcPressure.Pressure p = ProcPressure.parse("io", """
        some avg10=0.54 avg60=0.14 avg300=0.07 total=3023690
        full avg10=0.41 avg60=0.11 avg300=0.03 total=2327062
        """);
    assertEquals(new ProcPressure.Line(0.54, 0.14, 0.07, 3023690), p.some().orElseThrow());
    assertEquals(new ProcPressure.Line(0.41, 0.11, 0.03, 2327062), p.full().orElseThrow());
  }

  @Test
  void irqHasOnlyFullAndUnknownLinesAndKeysAreIgnored() throws ParseException {
    ProcPressure.Pressure p = ProcPressure.parse("irq",
        "full avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551615 future=1\nnew avg10=1\n");
    assertTrue(p.some().isEmpty());
    assertEquals(1.8446744073709552e19, p.full().orElseThrow().totalMicroseconds());
    assertEquals(new ProcPressure.Pressure(Optional.empty(), Optional.empty()), ProcPressure.parse("cpu", ""));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'some avg10=0.1 avg60=0.2'|p:1: expected avg10, avg60, avg300 and total in line \"some avg10=0.1 avg60=0.2\"",
      "'some avg10=0.1 avg60=0.2 avg300=0.3 total=lots'|p:1: \"lots\" is not an unsigned integer in line \"some avg10=0.1 avg60=0.2 avg300=0.3 total=lots\"",
      "'full avg10'|p:1: \"avg10\" is not key=value in line \"full avg10\"",
  })
  void rejectsTruncatedAndNonNumeric(String text, String message) {
    assertEquals(message, assertThrows(ParseException.class, () -> ProcPressure.parse("p", text)).getMessage());
  }

  @Test
  void averagesReadInPlaceEqualParseDoubleForEveryTwoDecimalValue() throws ParseException {
    for (int hundredths = 0; hundredths <= 100_00; hundredths++) {
      String avg = (hundredths / 100) + "." + String.format("%02d", hundredths % 100);
      ProcPressure.Line line = ProcPressure.parse("p", "some avg10=" + avg + " avg60=1.5 avg300=" + avg
          + "0 total=7\n").some().orElseThrow();
      assertEquals(Double.parseDouble(avg), line.avg10(), avg);
      assertEquals(Double.parseDouble(avg + "0"), line.avg300(), avg + "0 (three decimals: parseDouble's path)");
      assertEquals(1.5, line.avg60());
    }
  }
}
