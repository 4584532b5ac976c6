package dev.scylla.bench;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The untimed steps of {@code bench/process}: {@code generate N DIR} writes a synthetic experiment
 * of about N runs x the template's judges into DIR (see {@link ExperimentGenerator}); {@code strip
 * DIR} deletes what {@code regenerate} derives (run results, consensus files, summaries, backups),
 * so the next timed regenerate rebuilds everything.
 */
public final class ProcessBenchData {
  private ProcessBenchData() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("generate")) {
      RunTemplate template = RunTemplate.fromSharedOrBuiltIn(CommandBench.detectShared());
      int made =
          new ExperimentGenerator(template, 42, false)
              .writeTo(Paths.get(args[2]), Integer.parseInt(args[1]));
      System.out.println(made);
    } else if (args.length == 2 && args[0].equals("strip")) {
      CommandBench.prepareRegenerate(Path.of(args[1]));
    } else {
      System.err.println("usage: ProcessBenchData generate N DIR | strip DIR");
      System.exit(2);
    }
  }
}
