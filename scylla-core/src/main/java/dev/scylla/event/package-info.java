/**
 * Progress and log events. The library never prints: it emits events to an {@link
 * dev.scylla.event.EventSink}, and the CLI decides how to render them (a progress bar on a
 * terminal, plain lines otherwise).
 */
package dev.scylla.event;
