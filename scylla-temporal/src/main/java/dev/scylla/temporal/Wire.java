package dev.scylla.temporal;

import dev.scylla.model.JudgeSpend;
import dev.scylla.model.RunKey;
import dev.scylla.model.TokenStats;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.run.Ports;
import dev.scylla.run.RunFinal;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Work;
import java.time.Duration;
import java.util.List;

/**
 * What travels between the starter, the workflow and the workers: flat records of strings and
 * numbers (Temporal's JSON payloads), converted from and to the library's types here only.
 */
public final class Wire {
  private Wire() {}

  /** {@link RunSettings}, durations in milliseconds. */
  public record Settings(
      int agentAttempts,
      boolean retryExhausted,
      boolean keepWorkspaces,
      Double maxCostUsd,
      long defaultRateLimitWaitMs,
      boolean writeSummaries,
      long maxRateLimitWaitMs) {

    static Settings of(RunSettings s) {
      return new Settings(
          s.agentAttempts(),
          s.retryExhausted(),
          s.keepWorkspaces(),
          s.maxCostUsd(),
          s.defaultRateLimitWait().toMillis(),
          s.writeSummaries(),
          s.maxRateLimitWait().toMillis());
    }

    RunSettings toSettings() {
      return new RunSettings(
          agentAttempts,
          retryExhausted,
          keepWorkspaces,
          maxCostUsd,
          Duration.ofMillis(defaultRateLimitWaitMs),
          writeSummaries,
          Duration.ofMillis(maxRateLimitWaitMs));
    }

    Settings withMaxCost(Double usd) {
      return new Settings(
          agentAttempts,
          retryExhausted,
          keepWorkspaces,
          usd,
          defaultRateLimitWaitMs,
          writeSummaries,
          maxRateLimitWaitMs);
    }
  }

  /** {@link Work}: one run, driven to its end (slots null) or judged again on these slots. */
  public record Task(
      String tier,
      String subtest,
      int run,
      List<Integer> slots,
      String modelOverride,
      boolean slotRetryExhausted) {

    static Task of(Work w) {
      return new Task(
          w.key().tier(),
          w.key().subtest(),
          w.key().run(),
          w.slots(),
          w.options().modelOverride(),
          w.options().retryExhausted());
    }

    RunKey key() {
      return new RunKey(tier, subtest, run);
    }

    Work toWork() {
      return new Work(key(), slots, new Ports.SlotOptions(modelOverride, slotRetryExhausted));
    }
  }

  /**
   * A session's plan as the workflow carries it out.
   *
   * @param experimentDir the experiment, at the same absolute path on every worker
   * @param heartbeatTimeoutMs how long a worker may stay silent before its run is retried elsewhere
   */
  public record ExperimentInput(
      String experimentDir,
      List<List<Task>> phases,
      int concurrency,
      Settings settings,
      double estimatePerRun,
      long heartbeatTimeoutMs) {}

  /** One run for one activity. */
  public record RunTask(
      String experimentDir, Task task, Settings settings, double estimatePerRun) {}

  /** {@link RunFinal}, flattened. */
  public record RunEnd(
      String tier,
      String subtest,
      int run,
      String kind,
      String reason,
      Boolean passed,
      double costUsd,
      int agentLaunches,
      int judgeCalls,
      int judgeSpendCalls,
      int judgeUnpricedCalls,
      double judgeCostUsd,
      long inputTokens,
      long outputTokens,
      long cacheCreationTokens,
      long cacheReadTokens) {

    static RunEnd of(RunFinal f) {
      JudgeSpend s = f.judgeSpend();
      TokenStats t = s.tokens();
      return new RunEnd(
          f.key().tier(),
          f.key().subtest(),
          f.key().run(),
          f.kind().name(),
          f.reason(),
          f.passed(),
          f.costUsd(),
          f.agentLaunches(),
          f.judgeCalls(),
          s.calls(),
          s.unpricedCalls(),
          s.costUsd(),
          t.inputTokens(),
          t.outputTokens(),
          t.cacheCreationTokens(),
          t.cacheReadTokens());
    }

    /** A run that did not start, or whose activity ended without a result. */
    static RunEnd without(Task t, RunFinal.Kind kind, String reason) {
      return new RunEnd(
          t.tier(), t.subtest(), t.run(), kind.name(), reason, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    RunKey key() {
      return new RunKey(tier, subtest, run);
    }

    double totalCostUsd() {
      return costUsd + judgeCostUsd;
    }

    RunFinal toFinal() {
      return new RunFinal(
          key(),
          RunFinal.Kind.valueOf(kind),
          reason,
          passed,
          costUsd,
          agentLaunches,
          judgeCalls,
          new JudgeSpend(
              judgeSpendCalls,
              judgeUnpricedCalls,
              judgeCostUsd,
              new TokenStats(inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens)));
    }
  }

  /** What a workflow did. */
  public record ExperimentResult(
      List<RunEnd> runs, double spentUsd, long elapsedMs, String stopReason) {

    OrchestrationReport toReport() {
      return new OrchestrationReport(
          runs.stream().map(RunEnd::toFinal).sorted((a, b) -> a.key().compareTo(b.key())).toList(),
          spentUsd,
          Duration.ofMillis(elapsedMs),
          stopReason);
    }
  }

  /**
   * One model's gate as the workflow holds it, and the workflow's stop.
   *
   * @param givenUp why the gate gave up on the model, or null
   * @param closedUntilMs until when the model is paused (epoch ms; in the past: lifted), or null
   * @param streak limits in a row on the model
   * @param stopReason why launching stopped (cancelled, cost limit), or null
   */
  public record GateState(String givenUp, Long closedUntilMs, int streak, String stopReason) {}

  /** The workflow's progress, for the starter's progress line. */
  public record Progress(
      int total, int done, int running, int failed, double spentUsd, String stopReason) {}

  /** A subtest whose summaries are to be rewritten. */
  public record Subtest(String tier, String subtest) {}
}
