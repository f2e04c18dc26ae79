/**
 * The container table the container collectors read: plain records and the {@link
 * dev.tally.container.ContainerInventory} interface, free of Docker's JSON so collectors stay a
 * library. The agent's {@code dev.tally.agent.docker} package fills it from the Docker daemon (or
 * from recorded answers in tests).
 */
package dev.tally.container;
