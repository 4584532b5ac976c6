package dev.scylla.event;

/** Something the library reports while it works. */
public sealed interface Event permits Event.Progress, Event.Message {

  /** Progress of a named task: {@code done} of {@code total} units; total is -1 when unknown. */
  record Progress(String task, long done, long total, String detail) implements Event {}

  /** A line for the user. */
  record Message(Level level, String text) implements Event {}

  /** Severity of a message. */
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  static Message info(String text) {
    return new Message(Level.INFO, text);
  }

  static Message warn(String text) {
    return new Message(Level.WARN, text);
  }

  static Message error(String text) {
    return new Message(Level.ERROR, text);
  }
}
