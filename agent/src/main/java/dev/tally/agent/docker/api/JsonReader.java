package dev.tally.agent.docker.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values (RFC 8259) from a character stream, one after another: a single answer
 * ({@code /info}) or the events stream, which is a run of objects separated by newlines. Objects
 * become {@link JsonObject}, arrays {@code List<Object>}, numbers {@code Long} when integral and in
 * range, else {@code Double}; strings, booleans and null as Java's own.
 *
 * <p>Ours rather than Jackson's: the five Docker answers the agent reads need a tree, not data
 * binding, and Jackson's databind with docker-java's model cost the agent about 1,300 loaded classes
 * and ~17 MiB of RSS (issue 5's footprint target is 64 MiB for the whole agent).
 */
public final class JsonReader {
  /** Docker's answers nest a few levels; a deeper document is hostile, not an answer. */
  private static final int MAX_DEPTH = 256;
  private static final int NONE = -2;

  private final Reader in;
  private int peeked = NONE;
  private final StringBuilder scratch = new StringBuilder();

  public JsonReader(Reader in) {
    this.in = in;
  }

  /** The one value in {@code text}; anything but whitespace after it is an error. */
  public static Object parse(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    Object value = reader.next();
    if (reader.hasNext()) {
      throw reader.error("more than one JSON value");
    }
    return value;
  }

  /** True when another value follows; false at a clean end of the stream (blocks until known). */
  public boolean hasNext() throws IOException {
    return skipWhitespace() != -1;
  }

  /** The next value; {@link EOFException} when the stream ends before one starts or completes. */
  public Object next() throws IOException {
    if (skipWhitespace() == -1) {
      throw new EOFException("end of JSON input");
    }
    return value(0);
  }

  private Object value(int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    int c = skipWhitespace();
    switch (c) {
      case '{':
        read();
        return object(depth);
      case '[':
        read();
        return array(depth);
      case '"':
        read();
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      case -1:
        throw new EOFException("JSON input ended inside a value");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + (char) c + "'");
    }
  }

  private JsonObject object(int depth) throws IOException {
    Map<String, Object> members = new HashMap<>();
    if (skipWhitespace() == '}') {
      read();
      return new JsonObject(members);
    }
    while (true) {
      if (skipWhitespace() != '"') {
        throw unexpected("expected a member name");
      }
      read();
      String name = string();
      expect(':');
      members.put(name, value(depth + 1));
      int c = skipWhitespace();
      read();
      if (c == '}') {
        return new JsonObject(members);
      }
      if (c != ',') {
        throw c == -1 ? new EOFException("JSON input ended inside an object") : error("expected ',' or '}' in an object");
      }
    }
  }

  private List<Object> array(int depth) throws IOException {
    List<Object> items = new ArrayList<>();
    if (skipWhitespace() == ']') {
      read();
      return items;
    }
    while (true) {
      items.add(value(depth + 1));
      int c = skipWhitespace();
      read();
      if (c == ']') {
        return items;
      }
      if (c != ',') {
        throw c == -1 ? new EOFException("JSON input ended inside an array") : error("expected ',' or ']' in an array");
      }
    }
  }

  /** After the opening quote. */
  private String string() throws IOException {
    scratch.setLength(0);
    while (true) {
      int c = read();
      if (c == '"') {
        return scratch.toString();
      }
      if (c == -1) {
        throw new EOFException("JSON input ended inside a string");
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c == '\\') {
        scratch.append(escaped());
      } else {
        scratch.append((char) c);
      }
    }
  }

  private char escaped() throws IOException {
    int c = read();
    switch (c) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u':
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(read(), 16);
          if (digit < 0) {
            throw error("bad \\u escape");
          }
          code = code * 16 + digit;
        }
        // A surrogate pair arrives as two escapes; appended one char at a time it stays a pair.
        return (char) code;
      default:
        throw error("bad escape");
    }
  }

  private Object number() throws IOException {
    scratch.setLength(0);
    boolean integral = true;
    for (int c = peek(); c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
        || (c >= '0' && c <= '9'); c = peek()) {
      integral &= c != '.' && c != 'e' && c != 'E';
      scratch.append((char) read());
    }
    String text = scratch.toString();
    try {
      if (integral) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException outOfRange) {
          // Falls through: an integer beyond long is still a number.
        }
      }
      if (text.startsWith("+") || text.endsWith(".") || text.contains(".e") || text.contains(".E")) {
        throw new NumberFormatException(text);
      }
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error("bad number " + text);
    }
  }

  private void literal(String word) throws IOException {
    for (int i = 0; i < word.length(); i++) {
      if (read() != word.charAt(i)) {
        throw error("expected " + word);
      }
    }
  }

  private void expect(char wanted) throws IOException {
    if (skipWhitespace() != wanted) {
      throw unexpected("expected '" + wanted + "'");
    }
    read();
  }

  private int skipWhitespace() throws IOException {
    int c = peek();
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      read();
      c = peek();
    }
    return c;
  }

  private int peek() throws IOException {
    if (peeked == NONE) {
      peeked = in.read();
    }
    return peeked;
  }

  private int read() throws IOException {
    int c = peek();
    peeked = NONE;
    return c;
  }

  /** At the current character: the end of input, or a wrong character. */
  private IOException unexpected(String what) throws IOException {
    return peek() == -1 ? new EOFException("JSON input ended: " + what) : error(what);
  }

  private IOException error(String what) {
    return new IOException("malformed JSON from the Docker daemon: " + what);
  }
}
