package dev.scylla.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Loaded;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.JsonFields;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link PipelineResult} as JSON: the reference's {@code BuildPipelineResult} fields ({@code
 * language}, {@code <step>_passed}, {@code <step>_output}, {@code <step>_na}, {@code all_passed})
 * followed by our {@code measured_at} and a {@code steps} object with each step's status, reason,
 * exit code, timeout flag, duration and command. An N/A step is written with {@code _passed: false}
 * and {@code _na: true}: N/A is not a pass. Files written by the reference (no {@code steps}) are
 * read with its meaning: {@code _na} wins, else {@code _passed}.
 */
public final class PipelineJson {
  private PipelineJson() {}

  public static ObjectNode toJson(PipelineResult r) {
    ObjectNode o = Json.object();
    o.put("language", r.language());
    for (BuildStepResult s : r.steps()) {
      String k = s.kind().jsonName();
      o.put(k + "_passed", s.passed());
      o.put(k + "_output", s.output());
      o.put(k + "_na", s.na());
    }
    o.put("all_passed", r.allPassed());
    if (r.measuredAt() == null) {
      o.putNull("measured_at");
    } else {
      o.put("measured_at", r.measuredAt());
    }
    ObjectNode steps = o.putObject("steps");
    for (BuildStepResult s : r.steps()) {
      ObjectNode st = steps.putObject(s.kind().jsonName());
      st.put("status", s.status().jsonName());
      putNullable(st, "reason", s.reason());
      if (s.exitCode() == null) {
        st.putNull("exit_code");
      } else {
        st.put("exit_code", s.exitCode());
      }
      st.put("timed_out", s.timedOut());
      st.put("duration_seconds", s.durationSeconds());
      putNullable(st, "command", s.command());
    }
    return o;
  }

  private static void putNullable(ObjectNode o, String k, String v) {
    if (v == null) {
      o.putNull(k);
    } else {
      o.put(k, v);
    }
  }

  /** Reads ours or the reference's format. */
  public static PipelineResult fromJson(ObjectNode o) throws CorruptFileException {
    String language = JsonFields.optString(o, "language", "python");
    JsonNode steps = JsonFields.optObject(o, "steps");
    BuildStepResult[] r = new BuildStepResult[4];
    for (StepKind kind : StepKind.values()) {
      String k = kind.jsonName();
      boolean passed = JsonFields.optBoolean(o, k + "_passed", kind == StepKind.PRECOMMIT);
      boolean na = JsonFields.optBoolean(o, k + "_na", false);
      String output = JsonFields.optString(o, k + "_output", "");
      StepStatus status = na ? StepStatus.NA : passed ? StepStatus.PASSED : StepStatus.FAILED;
      String reason = null;
      Integer exit = null;
      boolean timedOut = false;
      double duration = 0.0;
      String command = null;
      JsonNode st = steps == null ? null : steps.get(k);
      if (st != null && !st.isNull()) {
        if (!st.isObject()) {
          throw new CorruptFileException(
              "field \"steps." + k + "\": expected an object, found " + JsonFields.kind(st));
        }
        String s = JsonFields.optString(st, "status", null);
        if (s != null) {
          try {
            status = StepStatus.parse(s);
          } catch (IllegalArgumentException e) {
            throw new CorruptFileException("field \"steps." + k + ".status\": " + e.getMessage());
          }
        }
        reason = JsonFields.optString(st, "reason", null);
        exit = JsonFields.optIntOrNull(st, "exit_code");
        timedOut = JsonFields.optBoolean(st, "timed_out", false);
        duration = JsonFields.optDouble(st, "duration_seconds", 0.0);
        command = JsonFields.optString(st, "command", null);
      }
      r[kind.ordinal()] =
          new BuildStepResult(kind, status, output, reason, exit, timedOut, duration, command);
    }
    return new PipelineResult(
        language, r[0], r[1], r[2], r[3], JsonFields.optString(o, "measured_at", null));
  }

  /** Reads a pipeline result file: missing, corrupt, or the result. */
  public static Loaded<PipelineResult> read(Path file) {
    return FileReads.readJson(file, PipelineJson::fromJson);
  }

  /** Writes a pipeline result file atomically. */
  public static void write(Path file, PipelineResult r) throws IOException {
    AtomicFiles.writeJson(file, toJson(r));
  }
}
