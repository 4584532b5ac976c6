package dev.scylla.model;

import java.util.List;

/**
 * Everything the store read for one expected run, as plain values; the status package classifies it
 * without further IO.
 *
 * @param location the run directory relative to the experiment (e.g. {@code T0/00/run_01})
 * @param output {@code agent/output.txt}
 * @param stdout {@code agent/stdout.log}
 * @param extraSlots judge slot numbers found on disk beyond the configured judges
 * @param journal our attempt journal of the run (missing for runs the reference made)
 * @param judgeTurnLimited whether the experiment judges runs whose agent used up its turns ({@link
 *     ExperimentConfig#judgesTurnLimited()}); when not, such runs are scored as failures unjudged
 */
public record RunSnapshot(
    RunKey key,
    String location,
    DirState dir,
    boolean agentDir,
    FileFact output,
    FileFact stdout,
    FileFact stderr,
    Loaded<AgentResult> agentResult,
    Loaded<AgentTiming> timing,
    Loaded<CommandLog> commandLog,
    Loaded<RunResult> runResult,
    Loaded<Consensus> consensus,
    boolean judgeDir,
    List<SlotSnapshot> slots,
    List<Integer> extraSlots,
    boolean workspace,
    boolean judgePrompt,
    Loaded<RunJournal> journal,
    boolean judgeTurnLimited) {

  public RunSnapshot {
    slots = List.copyOf(slots);
    extraSlots = List.copyOf(extraSlots);
  }

  /** The state of the run directory itself. */
  public enum DirState {
    /** No such directory. */
    ABSENT,
    /** The directory exists and holds nothing. */
    EMPTY,
    /** The directory exists and holds entries. */
    PRESENT,
    /** The path exists but is not a readable directory (a file, a broken or looping symlink). */
    NOT_A_DIRECTORY
  }

  /** A snapshot of a run whose directory is absent or unusable: nothing else was read. */
  public static RunSnapshot without(
      RunKey key,
      String location,
      DirState dir,
      List<SlotSnapshot> slots,
      Loaded<RunJournal> journal) {
    return new RunSnapshot(
        key,
        location,
        dir,
        false,
        FileFact.ABSENT,
        FileFact.ABSENT,
        FileFact.ABSENT,
        Loaded.missing(),
        Loaded.missing(),
        Loaded.missing(),
        Loaded.missing(),
        Loaded.missing(),
        false,
        slots,
        List.of(),
        false,
        false,
        journal,
        true);
  }
}
