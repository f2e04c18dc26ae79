package dev.tally.agent.http;

import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.metrics.MetricType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The Prometheus text format 0.0.4 — what node_exporter and cAdvisor answer every scraper — written
 * straight into bytes from the agent's families. client_java's writer produces the same text from
 * snapshots through a synchronized {@code BufferedWriter} one character at a time, which was a
 * fifth of the agent's CPU per scrape, and building the snapshots (client_java validates and sorts
 * every label set) cost more than writing; this writer appends ASCII runs to one array and only
 * looks at characters that may need escaping. Byte-for-byte equality with client_java's output is
 * checked on every golden scenario.
 */
public final class TextExposition {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private byte[] buffer;
  private int size;
  /**
   * Label values already written, by identity, with whether they needed escaping: a container's
   * id, name and image are the same String in each of its ~40 samples, and checking them again
   * character by character was a tenth of the writing.
   */
  private final IdentityHashMap<String, Boolean> plainValues = new IdentityHashMap<>();
  /**
   * Label sets already written, by the identity of their values array, with their text: a
   * container's base labels are one array shared by its ~30 samples without labels of their own
   * ({@link MetricFamily#addShared}), written once and copied after that.
   */
  private final IdentityHashMap<String[], RenderedLabels> renderedLabels = new IdentityHashMap<>();

  /** Where a label set's text already is in this answer: {@code buffer[start, start + length)}. */
  private record RenderedLabels(String[] names, int start, int length) {}

  private TextExposition(byte[] reuse, int capacity) {
    buffer = reuse != null && reuse.length >= capacity ? reuse : new byte[capacity];
  }

  /** Written text: {@code bytes[0, length)}; {@code bytes} may be longer, and may be the array given to reuse. */
  public record Text(byte[] bytes, int length) {}

  /** One family to write and the name client_java would sort it by. */
  private record Entry(String sortName, MetricFamily family) {}

  /**
   * The collectors' families and the agent's own (each family's samples sorted first,
   * {@link MetricFamilies#sortForExposition}), in one list ordered by name as client_java orders
   * snapshots (a counter by its name without {@code _total}). An own family whose name a collector
   * already used is left out, as node_exporter drops the later of two clashing families.
   */
  public static byte[] write(MetricFamilies collected, MetricFamilies own) {
    Text text = write(collected, own, null);
    return Arrays.copyOf(text.bytes(), text.length());
  }

  /**
   * {@link #write(MetricFamilies, MetricFamilies)} into {@code reuse} when it is large enough (a
   * handler keeps the array of its last answer: at 50 containers it is about 400 KB, which
   * otherwise is allocated and then copied to its exact size on every scrape).
   */
  public static Text write(MetricFamilies collected, MetricFamilies own, byte[] reuse) {
    collected.sortForExposition(); // already done by the scrape runner before sharing: a no-op
    own.sortForExposition();
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int points = 0;
    for (MetricFamilies families : List.of(collected, own)) {
      for (MetricFamily family : families.families()) {
        String sortName = sortName(family);
        if (family.size() > 0 && names.add(sortName)) {
          entries.add(new Entry(sortName, family));
          points += family.size();
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::sortName));
    // A first guess of the size (a container series line is about 160 bytes) saves regrowing.
    TextExposition text = new TextExposition(reuse, 64 * 1024 + 160 * points);
    for (Entry entry : entries) {
      text.family(entry.family());
    }
    return new Text(text.buffer, text.size);
  }

  private static String sortName(MetricFamily family) {
    String name = family.name();
    return family.type() == MetricType.COUNTER ? name.substring(0, name.length() - "_total".length()) : name;
  }

  private void family(MetricFamily family) {
    String name = family.name();
    String type = switch (family.type()) {
      case COUNTER -> "counter";
      case GAUGE -> "gauge";
      default -> "untyped";
    };
    if (family.help() != null) {
      ascii("# HELP ").ascii(name).ascii(" ").escaped(family.help(), false).newline();
    }
    ascii("# TYPE ").ascii(name).ascii(" ").ascii(type).newline();
    for (int i = 0, n = family.size(); i < n; i++) {
      ascii(name);
      labels(family.sampleLabelNames(i), family.sampleLabelValues(i));
      ascii(" ").value(family.sampleValue(i));
      newline();
    }
  }

  private void labels(String[] names, String[] values) {
    if (names.length == 0) {
      return;
    }
    RenderedLabels rendered = renderedLabels.get(values);
    if (rendered != null && Arrays.equals(rendered.names(), names)) {
      ensure(rendered.length());
      System.arraycopy(buffer, rendered.start(), buffer, size, rendered.length());
      size += rendered.length();
      return;
    }
    int start = size;
    writeLabels(names, values);
    renderedLabels.put(values, new RenderedLabels(names, start, size - start));
  }

  private void writeLabels(String[] names, String[] values) {
    byteOut('{');
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        byteOut(',');
      }
      ascii(names[i]).ascii("=\"");
      String value = values[i];
      Boolean plain = plainValues.get(value);
      if (plain == null) {
        plain = plainAscii(value);
        plainValues.put(value, plain);
      }
      if (plain) {
        ascii(value);
      } else {
        escaped(value, true);
      }
      byteOut('"');
    }
    byteOut('}');
  }

  private TextExposition value(double value) {
    ensure(DoubleText.MAX_LENGTH);
    int end = DoubleText.writeIntegral(value, buffer, size);
    if (end >= 0) {
      size = end;
      return this;
    }
    if (value == Double.POSITIVE_INFINITY) {
      return ascii("+Inf");
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return ascii("-Inf");
    }
    return ascii(Double.toString(value));
  }

  /**
   * Names, numbers and fixed words: ASCII by construction (the agent sanitises every name it
   * serves), so the low byte of each char is the byte. {@code String.getBytes(int, int, byte[], int)}
   * does exactly that in one intrinsic copy, where a charAt loop costs a bounds check per char.
   */
  @SuppressWarnings("deprecation")
  private TextExposition ascii(String s) {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, buffer, size);
    size += n;
    return this;
  }

  /** HELP text ({@code \} and newline escaped) or a label value (also {@code "}), in UTF-8. */
  private TextExposition escaped(String s, boolean quote) {
    int n = s.length();
    if (plainAscii(s)) {
      return ascii(s);
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        ascii("\\\\");
      } else if (c == '\n') {
        ascii("\\n");
      } else if (c == '"' && quote) {
        ascii("\\\"");
      } else if (c < 0x80) {
        byteOut(c);
      } else {
        int end = i + 1;
        while (end < n && s.charAt(end) >= 0x80) {
          end++;
        }
        byte[] utf8 = s.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
        i = end - 1;
      }
    }
    return this;
  }

  /** Most HELP texts and label values need no escaping and no UTF-8 encoding. */
  private static boolean plainAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == '\\' || c == '\n' || c == '"') {
        return false;
      }
    }
    return true;
  }

  private void newline() {
    byteOut('\n');
  }

  private void byteOut(int c) {
    if (size == buffer.length) {
      ensure(1);
    }
    buffer[size++] = (byte) c;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
