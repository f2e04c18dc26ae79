package dev.tally.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricFamiliesTest {

  @Test
  void repeatedLabelValuesKeepTheFirstSampleWithinAndAcrossCollectorsOnceSorted() {
    MetricFamilies all = new MetricFamilies();
    all.gauge("x_bytes", "help", "device", "mode")
        .add(1, "sda", "read").add(2, "sda", "write").add(3, "sda", "read");
    MetricFamilies second = new MetricFamilies();
    second.gauge("x_bytes", "help", "device", "mode").add(4, "sda", "write").add(5, "nvme0n1", "read");
    assertEquals(0, all.absorb(second).size());
    all.sortForExposition();
    MetricFamily x = all.families().iterator().next();
    assertEquals(2, x.duplicatesDropped());
    assertEquals(3, x.size());
    assertArrayEquals(new String[] {"nvme0n1", "read"}, x.sampleLabelValues(0));
    assertEquals(5, x.sampleValue(0));
    assertEquals(1, x.sampleValue(1), "the first sda/read stays");
    assertEquals(2, x.sampleValue(2), "the first sda/write stays");
    assertThrows(IllegalStateException.class, () -> x.add(6, "sdb", "read"));
  }

  @Test
  void labelsAreSortedByNameAndSamplesByValuesAsClientJavaOrdersThem() {
    MetricFamilies all = new MetricFamilies();
    MetricFamily f = all.gauge("y", "help", "zone", "app");
    f.add(1, "b", "web").add(2, "a", "web").add(3, "a", "db");
    all.sortForExposition();
    assertArrayEquals(new String[] {"app", "zone"}, f.sampleLabelNames(0));
    assertEquals(3, f.sampleValue(0)); // app=db, zone=a
    assertEquals(2, f.sampleValue(1)); // app=web, zone=a
    assertEquals(1, f.sampleValue(2)); // app=web, zone=b
    assertEquals(0, f.duplicatesDropped());
  }
}
