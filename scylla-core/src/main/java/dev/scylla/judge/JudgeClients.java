package dev.scylla.judge;

/** Makes the client that judges with a model; tests supply fakes. */
@FunctionalInterface
public interface JudgeClients {

  /**
   * The client for {@code model} with these settings.
   *
   * @throws dev.scylla.model.ScyllaException BAD_INPUT when the backend cannot work as configured
   *     (no executable, no API key), before anything is written
   */
  JudgeClient create(String model, ClientSettings settings);
}
