package dev.scylla.event;

/** Receives events; must be safe to call from several threads. */
@FunctionalInterface
public interface EventSink {
  /** A sink that drops everything. */
  EventSink NONE = e -> {};

  void accept(Event event);

  default void info(String text) {
    accept(Event.info(text));
  }

  default void warn(String text) {
    accept(Event.warn(text));
  }

  default void error(String text) {
    accept(Event.error(text));
  }

  default void progress(String task, long done, long total, String detail) {
    accept(new Event.Progress(task, done, total, detail));
  }
}
