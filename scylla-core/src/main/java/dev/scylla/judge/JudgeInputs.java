package dev.scylla.judge;

import dev.scylla.model.Fingerprint;
import dev.scylla.model.Loaded;
import dev.scylla.store.FileReads;
import dev.scylla.store.RunFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fingerprint of what a judge slot judges with: the rubric ({@code rubric.yaml}), the judge
 * prompt's template (the system prompt and the layout of {@code judge_prompt.md}), the judge model
 * and its backend with the settings that shape the answer. The same function fingerprints a slot
 * when it is judged and the experiment's current inputs, so the two compare.
 */
public final class JudgeInputs {
  /**
   * The version of the judge prompt's layout ({@link JudgePrompt}); raise it when the sections
   * change.
   */
  public static final String TEMPLATE_VERSION = "1";

  private JudgeInputs() {}

  /**
   * @param systemPrompt the experiment's system prompt text, or null for the built-in one
   */
  public static Fingerprint fingerprint(
      Path experimentRoot, String systemPrompt, String model, ClientSettings client) {
    Map<String, String> parts = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Loaded<byte[]> rubric =
        FileReads.readBytes(new RunFiles(experimentRoot, experimentRoot).rubric());
    parts.put(
        Fingerprint.RUBRIC,
        rubric.orNull() == null
            ? Fingerprint.sha256("(no rubric.yaml)")
            : Fingerprint.sha256(rubric.orNull()));
    String system = systemPrompt != null ? systemPrompt : JudgeService.builtinSystemPrompt();
    parts.put(
        Fingerprint.JUDGE_PROMPT_TEMPLATE,
        Fingerprint.sha256("layout " + TEMPLATE_VERSION + "\n" + system));
    parts.put(Fingerprint.JUDGE_MODEL, Fingerprint.sha256(model));
    labels.put(Fingerprint.JUDGE_MODEL, model);
    String backend =
        "backend="
            + client.backend().jsonName()
            + "\napi_model="
            + client.apiModel()
            + "\nbase_url="
            + client.baseUrl()
            + "\noutput_format="
            + client.outputFormat()
            + "\nmax_tokens="
            + client.maxTokens()
            + "\ntemperature="
            + client.temperature();
    parts.put(Fingerprint.JUDGE_BACKEND, Fingerprint.sha256(backend));
    labels.put(Fingerprint.JUDGE_BACKEND, client.backend().jsonName());
    return new Fingerprint(parts, labels);
  }

  /** The fingerprint of a slot job. */
  public static Fingerprint of(SlotJob job) {
    return fingerprint(
        job.prompt().experimentRoot(), job.systemPrompt(), job.model(), job.client());
  }
}
