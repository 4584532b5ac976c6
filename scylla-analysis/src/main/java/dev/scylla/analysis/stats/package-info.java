/**
 * Small, pure statistics: descriptive statistics computed the way numpy and pandas compute them (so
 * exported numbers agree to the last digit), ranks, Mann–Whitney U (Commons Statistics),
 * Kruskal–Wallis, Cliff's δ, BCa bootstrap intervals, Holm–Bonferroni, Spearman and Pearson
 * correlation, Krippendorff's α and Shapiro–Wilk. Every function is deterministic; bootstraps take
 * their seed as an argument.
 */
package dev.scylla.analysis.stats;
