package dev.scylla.pipeline;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the build pipeline runs.
 *
 * @param env variables set for every tool on top of this process's environment; its {@code PATH},
 *     when present, is also where tools are looked up
 * @param cacheDir where Python byte code and ruff's cache go, so that nothing the pipeline creates
 *     lands in the workspace the judge inspects
 * @param scriptOutputCap characters of each root script's stdout and stderr kept in the build
 *     output
 */
public record PipelineOptions(
    Map<String, String> env,
    Path cacheDir,
    Duration buildTimeout,
    Duration scriptTimeout,
    Duration formatTimeout,
    Duration testTimeout,
    Duration precommitTimeout,
    Duration modularBuildTimeout,
    int scriptOutputCap) {

  public PipelineOptions {
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** The reference's timeouts: build 300 s, each root script 30 s, format 120 s, test 600 s. */
  public static PipelineOptions defaults() {
    return new PipelineOptions(
        Map.of(),
        Paths.get(System.getProperty("java.io.tmpdir"), "scylla-pipeline-cache"),
        Duration.ofSeconds(300),
        Duration.ofSeconds(30),
        Duration.ofSeconds(120),
        Duration.ofSeconds(600),
        Duration.ofSeconds(300),
        Duration.ofSeconds(1800),
        500);
  }

  public PipelineOptions withEnv(Map<String, String> vars) {
    return new PipelineOptions(
        vars,
        cacheDir,
        buildTimeout,
        scriptTimeout,
        formatTimeout,
        testTimeout,
        precommitTimeout,
        modularBuildTimeout,
        scriptOutputCap);
  }

  public PipelineOptions withCacheDir(Path dir) {
    return new PipelineOptions(
        env,
        dir,
        buildTimeout,
        scriptTimeout,
        formatTimeout,
        testTimeout,
        precommitTimeout,
        modularBuildTimeout,
        scriptOutputCap);
  }

  /** Every timeout set to {@code t} (tests). */
  public PipelineOptions withTimeouts(Duration t) {
    return new PipelineOptions(env, cacheDir, t, t, t, t, t, t, scriptOutputCap);
  }

  /** The PATH tools are looked up on. */
  public String path() {
    return env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
  }
}
