package dev.tally.agent.docker;

/** A Docker Engine API version such as 1.41, ordered by major then minor. */
record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  /** "1.41" → (1, 41); null for anything else (empty, "1", "v1.41", "1.x"). */
  static ApiVersion parse(String text) {
    if (text == null) {
      return null;
    }
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      return null;
    }
    try {
      int major = Integer.parseInt(text.substring(0, dot));
      int minor = Integer.parseInt(text.substring(dot + 1));
      return major >= 0 && minor >= 0 ? new ApiVersion(major, minor) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
