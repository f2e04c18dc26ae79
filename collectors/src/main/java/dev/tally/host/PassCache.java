package dev.tally.host;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values kept from one scrape to the next and dropped after a scrape that did not use them: what
 * belonged to a container that stopped goes with the next scrape, without a thread or a timer.
 * Not thread-safe; owners synchronize.
 *
 * @param <K> what a value is found by (a path, a container id)
 * @param <V> the value; {@code onDrop} releases what it holds
 */
public final class PassCache<K, V> {
  private final Map<K, Slot<V>> slots = new HashMap<>();
  private final Consumer<V> onDrop;
  private long pass;

  private static final class Slot<V> {
    final V value;
    long usedInPass;

    Slot(V value, long usedInPass) {
      this.value = value;
      this.usedInPass = usedInPass;
    }
  }

  /** Values that hold nothing to release. */
  public PassCache() {
    this(dropped -> { });
  }

  public PassCache(Consumer<V> onDrop) {
    this.onDrop = onDrop;
  }

  /** The value for the key, marked as used in this pass; null when there is none. */
  public V get(K key) {
    Slot<V> slot = slots.get(key);
    if (slot == null) {
      return null;
    }
    slot.usedInPass = pass;
    return slot.value;
  }

  /** The value for the key, made by {@code make} when there is none; marked as used in this pass. */
  public V computeIfAbsent(K key, Function<K, V> make) {
    V value = get(key);
    if (value == null) {
      value = make.apply(key);
      put(key, value);
    }
    return value;
  }

  /** Keeps the value for the key (dropping one it replaces), marked as used in this pass. */
  public void put(K key, V value) {
    Slot<V> old = slots.put(key, new Slot<>(value, pass));
    if (old != null && old.value != value) {
      onDrop.accept(old.value);
    }
  }

  /** Drops the value for the key, if any. */
  public void remove(K key) {
    Slot<V> old = slots.remove(key);
    if (old != null) {
      onDrop.accept(old.value);
    }
  }

  /** Drops every value whose key passes the test. */
  public void removeIf(Predicate<K> test) {
    for (Iterator<Map.Entry<K, Slot<V>>> it = slots.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<K, Slot<V>> e = it.next();
      if (test.test(e.getKey())) {
        it.remove();
        onDrop.accept(e.getValue().value);
      }
    }
  }

  /** Ends a pass: drops the values not used since the previous call. */
  public void endPass() {
    for (Iterator<Slot<V>> it = slots.values().iterator(); it.hasNext(); ) {
      Slot<V> slot = it.next();
      if (slot.usedInPass != pass) {
        it.remove();
        onDrop.accept(slot.value);
      }
    }
    pass++;
  }

  /** Drops everything. */
  public void clear() {
    removeIf(key -> true);
  }

  public int size() {
    return slots.size();
  }
}
