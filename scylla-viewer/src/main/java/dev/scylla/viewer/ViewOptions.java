package dev.scylla.viewer;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code scylla view} serves and where.
 *
 * @param host the address to bind; {@code 127.0.0.1} unless the user names another
 * @param port the port; 0 picks any free one
 */
public record ViewOptions(List<Path> experiments, String host, int port) {
  public static final String LOOPBACK = "127.0.0.1";

  public ViewOptions {
    experiments = List.copyOf(experiments);
    if (experiments.isEmpty()) {
      throw dev.scylla.model.ScyllaException.badInput(
          "view: name at least one experiment directory");
    }
    if (port < 0 || port > 65535) {
      throw dev.scylla.model.ScyllaException.badInput("view: --port " + port + " is not a port");
    }
  }
}
