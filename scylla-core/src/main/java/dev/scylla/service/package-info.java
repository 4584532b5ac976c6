/**
 * The library's entry points: request values in, result values out. {@link
 * dev.scylla.service.Scylla} is the composition root; each CLI command makes one call into it.
 * Services combine the store (files) with the pure domain packages.
 */
package dev.scylla.service;
