package dev.tally.parsers;

import dev.tally.spi.ParseException;

/**
 * Cgroup single-value files ({@code cpuacct.usage}, {@code memory.usage_in_bytes},
 * {@code memory.current}, {@code pids.current}, {@code cpu.shares}, {@code cpu.weight}) and the v2
 * limit files that may say {@code max} ({@code memory.max}, {@code memory.swap.max}, {@code pids.max};
 * Documentation/admin-guide/cgroup-v2.rst, "Format"). v1 {@code cpu.cfs_quota_us} is signed
 * ({@code -1} = no quota).
 */
public final class CgroupValue {
  private CgroupValue() {}

  /** The value: an unsigned 64-bit integer as a double, {@code +Infinity} for {@code max}. */
  public static double parse(String source, String text) throws ParseException {
    String token = single(source, text);
    if (token.equals("max")) {
      return Double.POSITIVE_INFINITY;
    }
    return Fields.parseU64(token, source, 1, token);
  }

  /** A signed value ({@code cpu.cfs_quota_us}). */
  public static long parseSigned(String source, String text) throws ParseException {
    String token = single(source, text);
    return Fields.parseLong(token, source, 1, token);
  }

  private static String single(String source, String text) throws ParseException {
    String value = text.strip();
    if (!value.isEmpty() && value.indexOf(' ') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0) {
      return value; // the usual case, read on every scrape: no split
    }
    String[] f = Fields.split(value);
    if (f.length != 1) {
      throw new ParseException(source, 1, value, "expected one value, found " + f.length);
    }
    return f[0];
  }
}
