package dev.tally.agent.docker.api;

import java.io.IOException;

/**
 * GET requests to the Docker Engine API, the only method the agent needs (it never changes the
 * daemon). {@link SocketTransport} is the live one; tests script a daemon by implementing this.
 */
public interface DockerTransport {
  /** An answer bounded by the transport's response timeout ({@code /info}, list, inspect). */
  DockerResponse get(String pathAndQuery) throws IOException;

  /** A stream that may stay silent for hours ({@code /events}): no response timeout. */
  DockerResponse stream(String pathAndQuery) throws IOException;
}
