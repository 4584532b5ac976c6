package dev.scylla.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs an experiment expects: every tier it runs, the subtests recorded for each, runs {@code
 * 1..runsPerSubtest}, and the judge models bound to slots {@code 1..judgeModels.size()}.
 *
 * @param subtests tier to subtest ids, both in order
 * @param source where the subtests came from ("plan.json", "directories", ...), for messages
 */
public record RunMatrix(
    Map<String, List<String>> subtests,
    int runsPerSubtest,
    List<String> judgeModels,
    String source) {

  public RunMatrix {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    subtests.forEach((t, s) -> copy.put(t, List.copyOf(s)));
    subtests = Collections.unmodifiableMap(copy);
    judgeModels = List.copyOf(judgeModels);
  }

  /** Every expected run key, in tier, subtest, run order. */
  public List<RunKey> runs() {
    List<RunKey> out = new ArrayList<>();
    subtests.forEach(
        (tier, ids) -> {
          for (String s : ids) {
            for (int n = 1; n <= runsPerSubtest; n++) {
              out.add(new RunKey(tier, s, n));
            }
          }
        });
    return out;
  }

  public int judgeCount() {
    return judgeModels.size();
  }

  public String judgeModel(int slot) {
    return slot >= 1 && slot <= judgeModels.size() ? judgeModels.get(slot - 1) : "unknown";
  }
}
