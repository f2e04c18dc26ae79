package dev.tally.agent.docker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void inspectShapedObjectWithTypedLookups() throws IOException {
    JsonObject inspect = (JsonObject) JsonReader.parse("""
        {"Id":"4b84","Name":"/web","State":{"Running":true,"Pid":31252,"StartedAt":"2026-11-23T05:12:00.2Z"},
         "HostConfig":{"NanoCpus":500000000,"Memory":67108864,"MemorySwap":-1,"CpuShares":0,"CgroupParent":""},
         "Config":{"Labels":{"a":"1","b.c":"x y"},"Image":"busybox"},"Mounts":[],"Args":null,"Ratio":0.5}
        """);
    assertEquals("4b84", inspect.string("Id"));
    assertEquals(Boolean.TRUE, inspect.object("State").bool("Running"));
    assertEquals(31252L, inspect.object("State").integer("Pid"));
    assertEquals(500_000_000L, inspect.object("HostConfig").integer("NanoCpus"));
    assertEquals(-1L, inspect.object("HostConfig").integer("MemorySwap"));
    assertEquals(Map.of("a", "1", "b.c", "x y"), inspect.object("Config").strings("Labels"));
    assertEquals(List.of(), inspect.get("Mounts"));
    assertEquals(0.5, inspect.get("Ratio"));
    // Absent, null and mistyped members all read as absent.
    assertNull(inspect.string("Missing"));
    assertNull(inspect.string("Args"));
    assertNull(inspect.get("Args"));
    assertNull(inspect.integer("Ratio"), "a fractional number is not an integer");
    assertNull(inspect.string("State"));
    assertSame(JsonObject.EMPTY, inspect.object("Missing"));
    assertNull(inspect.object("Missing").object("Deeper").string("x"));
    assertNull(inspect.object("State").strings("Pid"));
  }

  @Test
  void stringEscapesIncludingSurrogatePairsAndRawUtf8() throws IOException {
    assertEquals("a\"b\\c/d\b\f\n\r\té😀ß",
        JsonReader.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00ß\""));
  }

  @Test
  void numbersLiteralsAndArrays() throws IOException {
    assertEquals(List.of(0L, -7L, 1.5e3, -0.25, 1.0E20, true, false), JsonReader.parse("[0,-7,1.5e3,-0.25,1E+20,true,false]"));
    assertEquals(9.223372036854776E18 * 10, JsonReader.parse("92233720368547758070"), "beyond long: a double");
    List<?> withNull = (List<?>) JsonReader.parse(" [ null , { } , [ ] ] ");
    assertNull(withNull.get(0));
    assertEquals("{}", withNull.get(1).toString());
    assertEquals(List.of(), withNull.get(2));
  }

  @Test
  void successiveValuesAsTheEventsStreamSendsThem() throws IOException {
    JsonReader events = new JsonReader(new StringReader(
        "{\"Action\":\"start\",\"Actor\":{\"ID\":\"abc\"}}\n{\"Action\":\"die\"}\n"));
    assertTrue(events.hasNext());
    assertEquals("abc", ((JsonObject) events.next()).object("Actor").string("ID"));
    assertEquals("die", ((JsonObject) events.next()).string("Action"));
    assertFalse(events.hasNext(), "a clean end between values");
    assertThrows(EOFException.class, events::next);
  }

  @Test
  void malformedInputIsAnErrorNamingWhatWasWrong() {
    for (String bad : new String[] {"{\"a\":1,}", "{\"a\" 1}", "[1 2]", "tru", "\"open", "{\"a\":01x}", "-", "1e",
        "\"tab\there\"", "\"\\x\"", "\"\\u12g4\"", "{1:2}", "[1]]", "+1", "1.e5"}) {
      IOException e = assertThrows(IOException.class, () -> JsonReader.parse(bad), bad);
      assertTrue(e instanceof EOFException || e.getMessage().startsWith("malformed JSON from the Docker daemon"),
          bad + ": " + e.getMessage());
    }
  }

  @Test
  void truncatedInputIsAnEndOfFile() {
    for (String cut : new String[] {"", "{", "{\"a\":", "[1,", "\"abc"}) {
      assertThrows(EOFException.class, () -> JsonReader.parse(cut), cut);
    }
  }

  @Test
  void hostileNestingIsRefusedNotAStackOverflow() {
    IOException e = assertThrows(IOException.class, () -> JsonReader.parse("[".repeat(100_000)));
    assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
  }
}
