package dev.tally.agent.log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Points java.util.logging — where System.Logger, and so every collector, ends up — at one stream,
 * one line per record, at {@code --log.level}. JUL's root logger is the only global state touched.
 */
public final class LogSetup {
  private LogSetup() {}

  public static void configure(LogLevel level, LogFormat format, PrintStream stream) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(level.julLevel());
    Handler handler = new FlushingHandler(stream, new LineFormatter(format));
    handler.setLevel(level.julLevel());
    root.addHandler(handler);
  }

  /** A StreamHandler that flushes every record, so lines appear when written, and never closes the stream. */
  private static final class FlushingHandler extends StreamHandler {
    FlushingHandler(OutputStream stream, LineFormatter formatter) {
      super(stream, formatter);
      try {
        setEncoding("UTF-8");
      } catch (java.io.UnsupportedEncodingException e) {
        throw new IllegalStateException(e); // every JVM has UTF-8
      }
    }

    @Override
    public synchronized void publish(LogRecord record) {
      super.publish(record);
      flush();
    }

    @Override
    public synchronized void close() {
      flush();
    }
  }
}
