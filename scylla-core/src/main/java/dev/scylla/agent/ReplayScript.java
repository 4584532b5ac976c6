package dev.scylla.agent;

import dev.scylla.process.Shell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code agent/replay.sh}: the script the adapter runs, so it is an exact record of the agent's
 * command. It finds its own directory, so the experiment can move: paths inside the agent directory
 * and the workspace (when it lies inside the run directory) are written relative to it. It holds no
 * secrets: variables with secret-looking names are left for the user to export, and their values
 * never appear.
 */
final class ReplayScript {
  private ReplayScript() {}

  static String render(
      String adapter,
      String label,
      String generatedAt,
      Path agentDir,
      Path workspace,
      Path promptFile,
      CliAgent.Command cmd,
      Map<String, String> env) {
    Path runDir = agentDir.getParent();
    String workspaceExpr =
        workspace.startsWith(runDir)
            ? "\"$AGENT_DIR/" + agentDir.relativize(workspace).toString().replace('\\', '/') + "\""
            : Shell.quote(workspace.toString());
    StringBuilder sb = new StringBuilder();
    sb.append("#!/usr/bin/env bash\n");
    sb.append("# Replays the agent command of ").append(oneLine(label)).append(" (scylla ");
    sb.append(adapter).append(" adapter).\n");
    sb.append("# Generated: ").append(generatedAt).append('\n');
    sb.append("# Runs the agent again in its workspace with the same arguments and prompt.\n");
    sb.append("# Secrets are never written here: log in, or export them yourself, e.g.\n");
    sb.append("#   export ANTHROPIC_API_KEY='your-anthropic-api-key-here'\n");
    sb.append("#   export OPENAI_API_KEY='your-openai-api-key-here'\n");
    sb.append("set -e\n");
    sb.append("AGENT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n");
    sb.append("WORKSPACE=").append(workspaceExpr).append('\n');
    List<String> secretNames = new ArrayList<>();
    for (var e : env.entrySet()) {
      String k = e.getKey();
      if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        continue;
      }
      if (e.getValue() == null) {
        sb.append("unset ").append(k).append('\n');
      } else if (Secrets.isSecretName(k)) {
        secretNames.add(k);
      } else {
        sb.append("export ")
            .append(k)
            .append('=')
            .append(word(e.getValue(), agentDir, workspace))
            .append('\n');
      }
    }
    for (String k : secretNames) {
      sb.append("# ").append(k).append(" was set for this run (a secret: export it yourself)\n");
    }
    sb.append("cd \"$WORKSPACE\"\n");
    sb.append("exec");
    for (String a : cmd.argv()) {
      sb.append(' ').append(word(a, agentDir, workspace));
    }
    if (cmd.promptOnStdin()) {
      sb.append(" < \"$AGENT_DIR/").append(promptFile.getFileName()).append('"');
    }
    sb.append('\n');
    return sb.toString();
  }

  /** A shell word for {@code value}, with the agent directory and workspace made relative. */
  private static String word(String value, Path agentDir, Path workspace) {
    String ad = agentDir.toString();
    String ws = workspace.toString();
    if (value.equals(ad) || value.startsWith(ad + "/")) {
      return "\"$AGENT_DIR\"" + quoteRest(value.substring(ad.length()));
    }
    if (value.equals(ws) || value.startsWith(ws + "/")) {
      return "\"$WORKSPACE\"" + quoteRest(value.substring(ws.length()));
    }
    return Shell.quote(value);
  }

  private static String quoteRest(String rest) {
    return rest.isEmpty() ? "" : Shell.quote(rest);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
