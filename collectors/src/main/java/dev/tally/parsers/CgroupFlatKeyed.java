package dev.tally.parsers;

import dev.tally.spi.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cgroup "flat keyed" files: one {@code key value} pair per line (Documentation/admin-guide/cgroup-v2.rst,
 * "Format"): v2 {@code memory.stat}, {@code cpu.stat}, {@code memory.events}; v1 {@code memory.stat},
 * {@code cpu.stat}, {@code cpuacct.stat}, {@code memory.oom_control}
 * (Documentation/admin-guide/cgroup-v1/memory.rst, cpuacct.rst). Values are unsigned 64-bit integers
 * in the file's own unit; every key is kept, since kernels keep adding them.
 *
 * <p>A kernel writes a file's keys in the same order every time, so a caller that reads the same
 * file of many cgroups scrape after scrape passes a {@link Layouts}: the keys are then learned once
 * and each later read only checks them in place and parses the numbers. A v1 {@code memory.stat}
 * has ~70 lines; building a string and a boxed value per line, for 13 keys wanted, was most of the
 * parse (8.9 KB allocated per read).
 */
public final class CgroupFlatKeyed {
  private CgroupFlatKeyed() {}

  /** The keys of one file in the kernel's order, and where each is. */
  private record Layout(String[] keys, Map<String, Integer> index) {
    static Layout of(List<String> keys) {
      Map<String, Integer> index = new HashMap<>(keys.size() * 2);
      for (int i = 0; i < keys.size(); i++) {
        index.put(keys.get(i), i); // a repeated key: the last one counts, as it always has
      }
      return new Layout(keys.toArray(String[]::new), index);
    }
  }

  /**
   * The layouts seen so far for one file name (a few: the root cgroup's file may have fewer keys
   * than a child's). Safe to share between threads; a changed kernel is simply learned anew.
   */
  public static final class Layouts {
    private static final int KEPT = 4;
    private volatile Layout[] known = new Layout[0];

    private void learn(Layout layout) {
      Layout[] now = known;
      Layout[] next = Arrays.copyOf(now, Math.min(now.length + 1, KEPT));
      System.arraycopy(now, 0, next, 1, next.length - 1);
      next[0] = layout;
      known = next;
    }
  }

  /** The pairs of one read. */
  public static final class Values {
    private final Layout layout;
    private final double[] numbers;

    private Values(Layout layout, double[] numbers) {
      this.layout = layout;
      this.numbers = numbers;
    }

    /** The value of a key, or null when this kernel does not write it. */
    public Double value(String key) {
      Integer i = layout.index().get(key);
      return i == null ? null : numbers[i];
    }

    public boolean has(String key) {
      return layout.index().containsKey(key);
    }

    /** Every pair in file order (a copy, for inspection and tests). */
    public Map<String, Double> values() {
      Map<String, Double> all = new LinkedHashMap<>();
      for (int i = 0; i < layout.keys().length; i++) {
        all.put(layout.keys()[i], numbers[i]);
      }
      return all;
    }
  }

  public static Values parse(String source, String text) throws ParseException {
    return parse(source, text, null);
  }

  /** As {@link #parse(String, String)}, checking the keys against {@code layouts} (learning new ones). */
  public static Values parse(String source, String text, Layouts layouts) throws ParseException {
    if (layouts != null) {
      for (Layout layout : layouts.known) {
        Values values = inLayout(source, text, layout);
        if (values != null) {
          return values;
        }
      }
    }
    LineScanner s = new LineScanner(source, text);
    List<String> keys = new ArrayList<>(64);
    double[] numbers = new double[64];
    while (s.nextLine()) {
      if (!s.nextToken()) {
        continue;
      }
      String key = s.token();
      double value = value(s, key);
      if (keys.size() == numbers.length) {
        numbers = Arrays.copyOf(numbers, numbers.length * 2);
      }
      numbers[keys.size()] = value;
      keys.add(key);
    }
    Layout layout = Layout.of(keys);
    if (layouts != null) {
      layouts.learn(layout);
    }
    return new Values(layout, Arrays.copyOf(numbers, keys.size()));
  }

  /** The values when the file has exactly {@code layout}'s keys in its order, else null. */
  private static Values inLayout(String source, String text, Layout layout) throws ParseException {
    LineScanner s = new LineScanner(source, text);
    String[] keys = layout.keys();
    double[] numbers = new double[keys.length];
    int i = 0;
    while (s.nextLine()) {
      if (!s.nextToken()) {
        continue;
      }
      if (i == keys.length || !s.tokenIs(keys[i])) {
        return null;
      }
      numbers[i] = value(s, keys[i]);
      i++;
    }
    return i == keys.length ? new Values(layout, numbers) : null;
  }

  private static double value(LineScanner s, String key) throws ParseException {
    if (!s.nextToken()) {
      throw s.error("line ends before the value of " + key); // the message built only when needed
    }
    double value = s.u64();
    if (s.nextToken()) {
      throw s.error("expected \"key value\"");
    }
    return value;
  }
}
