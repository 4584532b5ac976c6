package dev.scylla.judge;

import dev.scylla.process.Cancellation;
import java.io.IOException;

/**
 * A judge backend. Implementations persist the raw bytes they receive (and the request they sent,
 * secrets excluded) into {@link JudgeCall#outputDir()} before returning, so that a parsing bug can
 * be fixed by parsing again; they never throw for a failed call, only for a file they cannot write.
 */
public interface JudgeClient {

  /** The backend's name in the config: {@code claude-cli}, {@code anthropic-api}, ... */
  String backend();

  /** A version line for {@code MODEL.md} (e.g. the CLI's {@code --version}), or null. */
  String version();

  /** The names of the raw files a call leaves in the output directory. */
  java.util.List<String> rawFiles();

  ClientReply call(JudgeCall call, Cancellation cancellation) throws IOException;
}
