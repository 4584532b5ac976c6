package dev.scylla.service;

import dev.scylla.status.Selection;
import java.nio.file.Path;

/** Classify an experiment's runs and judge slots. */
public record StatusRequest(Path experimentDir, Selection selection) {}
