package dev.tally.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/cds/classes.lst, from which the service and the image make the agent's class-data sharing
 * archive, still names the agent's classes: a class renamed or removed since the list was made would
 * load the ordinary way, and the saving would fade without anyone noticing. Regenerate it with
 * deploy/cds/update-classlist.sh.
 */
class ClassListTest {
  private static final Path LIST = Path.of("..", "deploy", "cds", "classes.lst");

  @Test
  void everyClassOfOursInTheListExists() throws IOException {
    List<String> ours = new ArrayList<>();
    for (String line : Files.readAllLines(LIST)) {
      if (line.startsWith("dev/tally/")) {
        ours.add(line.split(" ")[0]);
      }
    }
    assertTrue(ours.size() > 200, "the list names " + ours.size() + " classes of ours; the agent loads ~290");
    assertTrue(ours.contains("dev/tally/agent/Main"));
    assertTrue(ours.contains("dev/tally/container/ContainerCollector"), "the list was made with containers scraped");
    List<String> missing = new ArrayList<>();
    for (String name : ours) {
      if (getClass().getClassLoader().getResource(name + ".class") == null) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "classes in " + LIST + " that no longer exist: run deploy/cds/update-classlist.sh");
  }
}
