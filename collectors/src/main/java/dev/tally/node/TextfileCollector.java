package dev.tally.node;

import dev.tally.host.KernelFiles;
import dev.tally.metrics.MetricFamilies;
import dev.tally.metrics.MetricFamily;
import dev.tally.metrics.MetricType;
import dev.tally.parsers.PrometheusTextParser;
import dev.tally.parsers.PrometheusTextParser.Family;
import dev.tally.parsers.PrometheusTextParser.Sample;
import dev.tally.parsers.PrometheusTextParser.Type;
import dev.tally.spi.BaseProvider;
import dev.tally.spi.Collector;
import dev.tally.spi.CollectorOption;
import dev.tally.spi.CollectorOption.Kind;
import dev.tally.spi.Endpoint;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * node_exporter's {@code textfile}: the families of every {@code *.prom} file in the
 * {@code --collector.textfile.directory} directories (repeatable, glob patterns allowed), plus
 * {@code node_textfile_mtime_seconds{file}} for each file read and {@code node_textfile_scrape_error}.
 * A file that cannot be read or parsed, or carries client-side timestamps, is skipped whole and
 * sets the error gauge; the collector itself always succeeds, as node_exporter's does.
 *
 * <p>Families merge across files as node_exporter's registry merges them: the first file (in
 * directory then name order) fixes the HELP and type; samples from a later file whose HELP or type
 * differ are dropped with an error log, and a repeated series keeps its first value. A family
 * without HELP gets node_exporter's {@code "Metric read from <files>"}. Label sets are filled with
 * "" to the union of the family's label names, which Prometheus reads as the same series
 * (node_exporter fills within one file only; across files it prints the shorter label set).
 */
public final class TextfileCollector implements Collector {
  private static final Logger LOG = System.getLogger(TextfileCollector.class.getName());
  static final String DIRECTORY = "collector.textfile.directory";
  private static final String MTIME = "node_textfile_mtime_seconds";
  private static final String SCRAPE_ERROR = "node_textfile_scrape_error";

  private final List<String> directories;
  /** Last error per file or directory, so a file that stays broken is logged once, not per scrape. */
  private final Map<String, String> lastError = new ConcurrentHashMap<>();

  public TextfileCollector(List<String> directories) {
    this.directories = List.copyOf(directories);
  }

  private record ParsedFile(Path path, List<Family> families, long mtimeSeconds) {}

  /** A family gathered from all files; {@code type} is the type the files declared. */
  private static final class Merged {
    final Type type;
    final String help;
    final Set<String> labelNames = new LinkedHashSet<>();
    final List<Sample> samples = new ArrayList<>();

    Merged(Type type, String help) {
      this.type = type;
      this.help = help;
    }
  }

  @Override
  public void collect(MetricFamilies out) throws IOException {
    boolean failed = false;
    List<ParsedFile> parsed = new ArrayList<>();
    for (Path dir : TextfileDirectories.expand(directories)) {
      if (!Files.isDirectory(dir)) {
        failed = true;
        report(dir.toString(), "failed to read textfile collector directory: no such directory");
        continue;
      }
      for (Path file : KernelFiles.list(dir, "*.prom")) {
        if (Files.isDirectory(file)) {
          continue; // node_exporter 1.5 "reads" a directory named x.prom as an empty file; we skip it
        }
        try {
          parsed.add(read(file));
          lastError.remove(file.toString());
        } catch (Exception e) {
          failed = true;
          report(file.toString(), e.getMessage());
        }
      }
    }
    for (Map.Entry<String, Merged> entry : merge(parsed).entrySet()) {
      emit(out, entry.getKey(), entry.getValue());
    }
    for (ParsedFile file : parsed) {
      out.gauge(MTIME, "Modification time of the text files read, in seconds since the epoch.", "file")
          .add(file.mtimeSeconds(), file.path().toString());
    }
    out.gauge(SCRAPE_ERROR, "1 if a text file or directory could not be read or parsed, else 0.").add(failed ? 1 : 0);
  }

  private static ParsedFile read(Path file) throws Exception {
    long mtime = Files.getLastModifiedTime(file).to(TimeUnit.SECONDS);
    List<Family> families = PrometheusTextParser.parse(file.toString(), KernelFiles.read(file));
    for (Family family : families) {
      for (Sample sample : family.samples()) {
        if (sample.timestampMs() != null) {
          throw new IOException("textfile \"" + file + "\" contains unsupported client-side timestamps, skipping entire file");
        }
      }
      // MetricFamilies has no histogram or summary type yet; refuse the file rather than expose
      // the buckets under another type.
      if (family.type() == Type.HISTOGRAM || family.type() == Type.SUMMARY) {
        throw new IOException("textfile \"" + file + "\": " + family.type().name().toLowerCase() + " family \""
            + family.name() + "\" is not supported by Tally, skipping entire file");
      }
      if (family.name().equals(MTIME) || family.name().equals(SCRAPE_ERROR)) {
        throw new IOException("textfile \"" + file + "\" redefines " + family.name() + ", skipping entire file");
      }
    }
    return new ParsedFile(file, families, mtime);
  }

  private Map<String, Merged> merge(List<ParsedFile> files) {
    Map<String, List<String>> filesByName = new LinkedHashMap<>();
    for (ParsedFile file : files) {
      for (Family family : file.families()) {
        filesByName.computeIfAbsent(family.name(), k -> new ArrayList<>()).add(file.path().toString());
      }
    }
    Map<String, Merged> merged = new LinkedHashMap<>();
    for (ParsedFile file : files) {
      for (Family family : file.families()) {
        String help = family.help() != null ? family.help()
            : "Metric read from " + String.join(", ", filesByName.get(family.name()));
        Merged m = merged.computeIfAbsent(family.name(), k -> new Merged(family.type(), help));
        if (m.type != family.type() || !m.help.equals(help)) {
          LOG.log(Level.ERROR, "collector=textfile msg=\"samples dropped: HELP or TYPE differ from the first file''s\""
              + " family={0} file={1}", family.name(), file.path());
          continue;
        }
        for (Sample sample : family.samples()) {
          m.labelNames.addAll(sample.labels().keySet());
          m.samples.add(sample);
        }
      }
    }
    return merged;
  }

  private static void emit(MetricFamilies out, String name, Merged m) {
    // Our MetricFamilies names counters with _total exactly as exposed (client_java would append
    // it otherwise). A textfile counter named without _total must keep its name, so it is
    // exposed as untyped: same name and value, only the TYPE line differs from node_exporter.
    MetricType type = switch (m.type) {
      case COUNTER -> name.endsWith("_total") ? MetricType.COUNTER : MetricType.UNTYPED;
      case GAUGE -> MetricType.GAUGE;
      default -> MetricType.UNTYPED;
    };
    String[] labelNames = m.labelNames.toArray(new String[0]);
    MetricFamily family = out.family(name, type, m.help, labelNames);
    Set<List<String>> seen = new HashSet<>();
    int repeated = 0;
    for (Sample sample : m.samples) {
      String[] values = new String[labelNames.length];
      for (int i = 0; i < labelNames.length; i++) {
        values[i] = sample.labels().getOrDefault(labelNames[i], "");
      }
      if (seen.add(List.of(values))) {
        family.add(sample.value(), values);
      } else {
        repeated++; // the first stays, as node_exporter keeps it
      }
    }
    if (repeated > 0) {
      LOG.log(Level.ERROR, "collector=textfile msg=\"samples dropped: collected before with the same label values\""
          + " family={0} count={1}", name, repeated);
    }
  }

  private void report(String key, String message) {
    String previous = lastError.put(key, message);
    LOG.log(message.equals(previous) ? Level.DEBUG : Level.ERROR,
        "collector=textfile msg=\"failed to collect textfile data\" file={0} err=\"{1}\"", key, message);
  }

  public static final class Provider extends BaseProvider {
    public Provider() {
      super("textfile", true, Endpoint.NODE, "Metrics from *.prom files written by other programs.",
          List.of(CollectorOption.of(DIRECTORY, Kind.LIST, null,
              "Directory to read text files with metrics from (repeatable; glob patterns allowed).")),
          context -> new TextfileCollector(context.options().list(DIRECTORY)));
    }
  }
}
