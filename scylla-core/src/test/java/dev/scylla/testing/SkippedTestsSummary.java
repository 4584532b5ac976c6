package dev.scylla.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of a module's tests, one line on the console naming how many tests were skipped and
 * why (most often: {@code ../shared} is absent, as in a bare clone), so a green build that skipped
 * the parity tests says so. Registered for the JUnit Platform through {@code META-INF/services}.
 */
public final class SkippedTestsSummary implements TestExecutionListener {
  private final Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    count(reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      count(result.getThrowable().map(Throwable::getMessage).orElse("assumption not met"));
    }
  }

  private void count(String reason) {
    String r = reason == null || reason.isBlank() ? "no reason given" : reason;
    // one reason per missing fixture: "Assumption failed: skipped: ../shared/X is not present"
    r = r.replaceFirst("^Assumption failed: ", "");
    reasons.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    String line = line(reasons);
    if (line != null) {
      System.out.println(line);
    }
  }

  /** The summary line for skip counts by reason, or null when nothing was skipped. */
  static String line(Map<String, AtomicInteger> byReason) {
    int total = byReason.values().stream().mapToInt(AtomicInteger::get).sum();
    if (total == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("[scylla] ")
        .append(total)
        .append(total == 1 ? " test" : " tests")
        .append(" skipped:");
    String sep = " ";
    // the most frequent reason first
    for (Map.Entry<String, AtomicInteger> e :
        new TreeMap<>(byReason)
            .entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue().get(), a.getValue().get()))
                .toList()) {
      sb.append(sep).append(e.getValue().get()).append(" × ").append(e.getKey());
      sep = "; ";
    }
    return sb.toString();
  }
}
