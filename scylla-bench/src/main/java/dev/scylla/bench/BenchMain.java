package dev.scylla.bench;

/** Runs the JMH benchmarks of this module; arguments are passed to JMH. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
