/** The command line: picocli commands, output formatting and progress rendering; nothing else. */
package dev.scylla.cli;
