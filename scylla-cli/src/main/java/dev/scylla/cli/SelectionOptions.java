package dev.scylla.cli;

import dev.scylla.model.ScyllaException;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The run filters shared by status, regenerate and the rerun commands. */
public final class SelectionOptions {
  @Option(
      names = "--tier",
      paramLabel = "T",
      split = ",",
      description = "Only these tiers (T0..T6). Repeatable, comma-separated.")
  List<String> tiers = new ArrayList<>();

  @Option(
      names = "--subtest",
      paramLabel = "S",
      split = ",",
      description = "Only these subtests (e.g. 00). Repeatable, comma-separated.")
  List<String> subtests = new ArrayList<>();

  @Option(
      names = "--runs",
      paramLabel = "N",
      split = ",",
      description = "Only these run numbers (e.g. 1,2,3). Repeatable, comma-separated.")
  List<String> runs = new ArrayList<>();

  Set<String> tiers() {
    Set<String> out = new LinkedHashSet<>();
    for (String t : tiers) {
      out.add(Tiers.parseTier(t));
    }
    return out;
  }

  Set<String> subtests() {
    Set<String> out = new LinkedHashSet<>();
    for (String s : subtests) {
      String id = s.trim();
      if (!Tiers.isSubtest(id)) {
        throw ScyllaException.badInput(
            "--subtest '" + s + "': expected a two-digit subtest id such as 00");
      }
      out.add(id);
    }
    return out;
  }

  Set<Integer> runs() {
    Set<Integer> out = new LinkedHashSet<>();
    for (String r : runs) {
      try {
        int n = Integer.parseInt(r.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        out.add(n);
      } catch (NumberFormatException e) {
        throw ScyllaException.badInput("--runs '" + r + "': expected a positive run number");
      }
    }
    return out;
  }
}
