/**
 * Judging one run: the judge prompt, the judge clients (the {@code claude} CLI, the Anthropic
 * Messages API, OpenAI-compatible chat endpoints), verdict parsing and scoring against the rubric,
 * and the persistence of each judge slot {@code judge/judge_NN/} with a bounded, restart-proof
 * attempt budget. {@link dev.scylla.judge.JudgeService} is the entry point.
 */
package dev.scylla.judge;
