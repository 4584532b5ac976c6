/**
 * Classification of runs and judge slots: pure functions of the snapshots the store read. The same
 * rules serve {@code status}, the dry runs of the rerun commands and every "before and after"
 * count, so the views never disagree.
 */
package dev.scylla.status;
