package dev.scylla.store;

import dev.scylla.model.Tiers;
import java.nio.file.Path;

/**
 * The files of one run directory, named in one place. Every path is derived from the run
 * directory's current location.
 *
 * @param dir the run directory ({@code .../T0/00/run_01})
 */
public record RunFiles(Path dir) {

  public Path agentDir() {
    return dir.resolve("agent");
  }

  public Path agentResult() {
    return agentDir().resolve("result.json");
  }

  public Path agentTiming() {
    return agentDir().resolve("timing.json");
  }

  public Path commandLog() {
    return agentDir().resolve("command_log.json");
  }

  public Path agentStdout() {
    return agentDir().resolve("stdout.log");
  }

  public Path agentStderr() {
    return agentDir().resolve("stderr.log");
  }

  public Path agentOutput() {
    return agentDir().resolve("output.txt");
  }

  public Path agentModel() {
    return agentDir().resolve("MODEL.md");
  }

  public Path judgeDir() {
    return dir.resolve("judge");
  }

  /** {@code judge/result.json}: the consensus. */
  public Path consensus() {
    return judgeDir().resolve("result.json");
  }

  /** {@code judge/timing.json}: the wall time of all judges of the run. */
  public Path judgeTiming() {
    return judgeDir().resolve("timing.json");
  }

  public Path slotDir(int slot) {
    return judgeDir().resolve(Tiers.slotDirName(slot));
  }

  public Path slotJudgment(int slot) {
    return slotDir(slot).resolve("judgment.json");
  }

  public Path slotModel(int slot) {
    return slotDir(slot).resolve("MODEL.md");
  }

  public Path slotTiming(int slot) {
    return slotDir(slot).resolve("timing.json");
  }

  public Path runResult() {
    return dir.resolve("run_result.json");
  }

  public Path workspace() {
    return dir.resolve("workspace");
  }

  /** A path relative to the run directory, for messages ({@code judge/judge_01/MODEL.md}). */
  public String relative(Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
  }
}
