package dev.tally.agent.docker.api;

import java.io.IOException;

/** The daemon answered with an HTTP error; {@link #status()} is its status code. */
public final class DockerApiException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public DockerApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
