/**
 * The only code that knows paths and files: the two experiment layouts (flat and phased), strict
 * but tolerant JSON reading, atomic writing through {@link dev.scylla.store.AtomicFiles}, and the
 * experiment lock.
 */
package dev.scylla.store;
