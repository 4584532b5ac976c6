package dev.scylla.temporal;

import dev.scylla.model.ScyllaException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Where the cluster is: a Temporal frontend ({@code HOST:PORT}), a namespace and the task queue
 * scylla's workers poll. With {@code TEMPORAL_API_KEY} in the environment the connection uses TLS
 * and that key (Temporal Cloud's API keys).
 */
public record TemporalTarget(String address, String namespace, String taskQueue) {
  public static final String DEFAULT_NAMESPACE = "default";
  public static final String DEFAULT_TASK_QUEUE = "scylla";
  public static final String API_KEY_ENV = "TEMPORAL_API_KEY";

  /**
   * How long a query (a gate, the progress) may wait for its answer: a workflow bound to a dead
   * worker answers none, and a worker waiting on one must soon go on (see {@code
   * ExperimentWorkflow#wake}).
   */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  public TemporalTarget {
    if (address == null || !address.matches("[^:\\s]+:\\d{1,5}")) {
      throw ScyllaException.badInput("--temporal: expected HOST:PORT, got " + address);
    }
    if (namespace == null || namespace.isBlank()) {
      throw ScyllaException.badInput("--namespace must not be empty");
    }
    if (taskQueue == null || taskQueue.isBlank()) {
      throw ScyllaException.badInput("--task-queue must not be empty");
    }
  }

  /** A connection to the cluster; close it with {@link Connection#close()}. */
  public Connection connect(Map<String, String> environment) {
    WorkflowServiceStubsOptions.Builder b =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(address)
            .setRpcQueryTimeout(QUERY_TIMEOUT);
    String key = environment.get(API_KEY_ENV);
    if (key != null && !key.isBlank()) {
      b.setEnableHttps(true).addApiKey(() -> key);
    }
    WorkflowServiceStubs service;
    try {
      service = WorkflowServiceStubs.newConnectedServiceStubs(b.build(), null);
    } catch (RuntimeException e) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED,
          "cannot reach the Temporal server at " + address + ": " + e.getMessage(),
          e);
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    return new Connection(service, client);
  }

  /** An open connection. */
  public record Connection(WorkflowServiceStubs service, WorkflowClient client)
      implements AutoCloseable {
    @Override
    public void close() {
      service.shutdown();
    }
  }
}
