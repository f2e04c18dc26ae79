package dev.tally.agent.docker.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object with typed lookups that answer "absent" (null, or {@link #EMPTY} for a nested
 * object) for a missing member, a JSON null or a member of another type: Docker leaves members out
 * between API versions and writes null for empty maps, and the mapping treats all three alike.
 */
public final class JsonObject {
  public static final JsonObject EMPTY = new JsonObject(Map.of());

  private final Map<String, Object> members;

  JsonObject(Map<String, Object> members) {
    this.members = members;
  }

  /** The value as the reader produced it, or null (for tests: the mapping uses the typed lookups). */
  Object get(String name) {
    return members.get(name);
  }

  public String string(String name) {
    return members.get(name) instanceof String s ? s : null;
  }

  /** An integral number; null for absent, null, fractional or non-numbers. */
  public Long integer(String name) {
    return members.get(name) instanceof Long n ? n : null;
  }

  public Boolean bool(String name) {
    return members.get(name) instanceof Boolean b ? b : null;
  }

  /** The nested object, or {@link #EMPTY}: {@code inspect.object("State").bool("Running")}. */
  public JsonObject object(String name) {
    return members.get(name) instanceof JsonObject o ? o : EMPTY;
  }

  /** An object of strings ({@code Config.Labels}); null when absent. Non-string values are left out. */
  public Map<String, String> strings(String name) {
    if (!(members.get(name) instanceof JsonObject o)) {
      return null;
    }
    Map<String, String> strings = new LinkedHashMap<>();
    o.members.forEach((key, value) -> {
      if (value instanceof String s) {
        strings.put(key, s);
      }
    });
    return strings;
  }

  @Override
  public String toString() {
    return members.toString();
  }
}
