package dev.tally.agent.docker.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** An HTTP/1.1 response's status line and the two headers that frame its body. */
record HttpHead(int status, long contentLength, boolean chunked) {
  /** A status line or header longer than this is not the Docker daemon talking. */
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;

  static HttpHead read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new EOFException("the Docker daemon closed the connection without answering");
    }
    String[] parts = statusLine.split(" ", 3);
    int status;
    try {
      status = parts.length >= 2 && parts[0].startsWith("HTTP/1.") ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      status = -1;
    }
    if (status < 100 || status > 999) {
      throw new IOException("not an HTTP answer from the Docker daemon: " + statusLine);
    }
    long length = -1;
    boolean chunked = false;
    for (int i = 0; ; i++) {
      String header = line(in);
      if (header == null) {
        throw new EOFException("the Docker daemon's answer ended inside its headers");
      }
      if (header.isEmpty()) {
        return new HttpHead(status, length, chunked);
      }
      if (i == MAX_HEADERS) {
        throw new IOException("more than " + MAX_HEADERS + " headers from the Docker daemon");
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("bad Content-Length from the Docker daemon: " + value);
        }
      } else if (name.equals("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
      }
    }
  }

  /** One CRLF- (or LF-) terminated line without its terminator; null at end of input before any byte. */
  static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        if (line.length() == 0) {
          return null;
        }
        throw new EOFException("the Docker daemon's answer ended inside a line");
      }
      if (line.length() == MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes from the Docker daemon");
      }
      line.append((char) c);
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  /** The CRLF after a chunk's data. */
  static void expectCrlf(InputStream in) throws IOException {
    String rest = line(in);
    if (rest == null) {
      throw new EOFException("the Docker daemon's answer ended after a chunk");
    }
    if (!rest.isEmpty()) {
      throw new IOException("chunk not followed by CRLF in the Docker daemon's answer");
    }
  }
}
