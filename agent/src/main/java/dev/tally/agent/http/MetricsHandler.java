package dev.tally.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tally.metrics.MetricFamilies;
import dev.tally.scrape.ScrapeRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The telemetry path: runs the collectors (all, or those {@code collect[]}/{@code exclude[]} pick),
 * adds the agent's own metrics and writes Prometheus text 0.0.4, gzipped when the scraper accepts
 * gzip. At most {@code --web.max-requests} scrapes run at once; more get 503. Concurrent scrapes of
 * the same collector set share one collection, so a burst of scrapers costs one pass over /proc.
 */
final class MetricsHandler implements HttpHandler {
  private static final Logger LOG = System.getLogger(MetricsHandler.class.getName());

  private final ScrapeRunner runner;
  private final Set<String> known;
  private final List<String> enabled;
  private final ExporterMetrics exporter;
  /** Null when {@code --web.max-requests} is 0 (no limit). */
  private final Semaphore limit;
  private final int maxRequests;
  private final ConcurrentHashMap<Set<String>, CompletableFuture<MetricFamilies>> inFlight = new ConcurrentHashMap<>();
  /**
   * The text buffer of the last answer, for the next one to write into: the answer of a scrape with
   * 50 containers is about 400 KB, allocated and copied on every scrape otherwise. Taken by one
   * request at a time (a concurrent one allocates its own); not kept past {@link #KEEP_AT_MOST}.
   */
  private final AtomicReference<byte[]> spare = new AtomicReference<>();
  private static final int KEEP_AT_MOST = 8 << 20;
  /** The gzip encoder of the last answer, taken and given back the same way. */
  private final AtomicReference<GzipEncoder> spareEncoder = new AtomicReference<>();

  /**
   * @param known every collector name of this endpoint, enabled or not (for node_exporter's
   *              "missing" versus "disabled" answers)
   */
  MetricsHandler(ScrapeRunner runner, Set<String> known, ExporterMetrics exporter, int maxRequests) {
    this.runner = runner;
    this.known = Set.copyOf(known);
    this.enabled = runner.collectorNames();
    this.exporter = exporter;
    this.maxRequests = maxRequests;
    this.limit = maxRequests > 0 ? new Semaphore(maxRequests) : null;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (limit != null && !limit.tryAcquire()) {
      count(503);
      Responses.text(exchange, 503, "Limit of concurrent requests reached (" + maxRequests + "), try again later.\n");
      return;
    }
    exporter.inFlight().incrementAndGet();
    try {
      serve(exchange);
    } finally {
      exporter.inFlight().decrementAndGet();
      if (limit != null) {
        limit.release();
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    CollectorFilter.Selection selection = CollectorFilter.select(exchange.getRequestURI().getRawQuery(), known, enabled);
    if (selection.error() != null) {
      LOG.log(Level.WARNING, "msg=\"refused scrape\" err=\"{0}\"", selection.error().replace('"', '\''));
      Responses.text(exchange, 400, selection.error() + "\n");
      return;
    }
    byte[] body;
    int length;
    byte[] reusable = null;
    GzipEncoder encoder = null;
    boolean gzip = acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
    try {
      MetricFamilies collected = collect(selection.collectors());
      // Text 0.0.4 whatever the Accept header asks, as node_exporter and cAdvisor answer: the same
      // bytes for Prometheus 2 and 3, curl and every other scraper.
      TextExposition.Text text = TextExposition.write(collected, exporter.families(), spare.getAndSet(null));
      reusable = text.bytes();
      if (gzip) {
        encoder = spareEncoder.getAndSet(null);
        if (encoder == null) {
          encoder = new GzipEncoder();
        }
        length = encoder.encode(text.bytes(), text.length());
        body = encoder.bytes();
      } else {
        body = text.bytes(); // the text as written, no copy
        length = text.length();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "msg=\"scrape failed\" err=\"{0}\"", String.valueOf(e).replace('"', '\''));
      count(500);
      Responses.text(exchange, 500, "An error has occurred while serving metrics:\n\n" + e + "\n");
      return;
    }
    count(200);
    exchange.getResponseHeaders().set("Content-Type", TextExposition.CONTENT_TYPE);
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    try {
      exchange.sendResponseHeaders(200, head ? -1 : length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body, 0, length);
        }
      }
    } finally {
      if (reusable != null && reusable.length <= KEEP_AT_MOST) {
        spare.set(reusable);
      }
      if (encoder != null) {
        GzipEncoder other = spareEncoder.getAndSet(encoder);
        if (other != null) {
          other.close(); // a concurrent answer's: one is enough to keep
        }
      }
    }
    exchange.close();
  }

  /** Runs the selection, or joins a scrape of the same selection already running. */
  private MetricFamilies collect(Set<String> selection) {
    CompletableFuture<MetricFamilies> mine = new CompletableFuture<>();
    CompletableFuture<MetricFamilies> running = inFlight.putIfAbsent(selection, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      MetricFamilies collected = runner.collect(selection::contains);
      mine.complete(collected);
      return collected;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(selection, mine);
    }
  }

  private void count(int status) {
    exporter.requestServed(status);
  }

  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] codingAndParams = part.trim().split(";");
      if (codingAndParams[0].trim().equalsIgnoreCase("gzip")) {
        return codingAndParams.length < 2 || !codingAndParams[1].replace(" ", "").equals("q=0");
      }
    }
    return false;
  }
}
