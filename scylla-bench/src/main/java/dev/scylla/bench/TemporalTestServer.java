package dev.scylla.bench;

import io.temporal.testserver.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Temporal's in-memory test server on loopback, for {@code bench/cluster}: prints {@code
 * 127.0.0.1:PORT} on its first line once it listens, then serves until killed. Real time (no time
 * skipping): the workers heartbeat and time out as on a real server.
 *
 * <pre>
 *   java -cp scylla-bench/target/benchmarks.jar dev.scylla.bench.TemporalTestServer [PORT]
 * </pre>
 */
public final class TemporalTestServer {
  private TemporalTestServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : freePort();
    TestServer.createPortBoundServer(port, false);
    System.out.println("127.0.0.1:" + port);
    System.out.flush();
    Thread.currentThread().join();
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
