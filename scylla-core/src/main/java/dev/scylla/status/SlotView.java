package dev.scylla.status;

/** The classification of one judge slot. */
public record SlotView(int slot, String model, SlotStatus status, String reason) {}
