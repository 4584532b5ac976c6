package dev.scylla.model;

import java.util.Optional;
import java.util.function.Function;

/**
 * What reading one file gave: its value, nothing (the file is absent), or a corrupt file with a
 * human reason. Corrupt is a state of the data, never an exception.
 */
public sealed interface Loaded<T> {

  /** The file was read and holds a valid value. */
  record Present<T>(T value) implements Loaded<T> {}

  /** The file does not exist. */
  record Missing<T>() implements Loaded<T> {}

  /** The file exists but does not parse or lacks a required field. */
  record Corrupt<T>(String reason) implements Loaded<T> {}

  static <T> Loaded<T> present(T value) {
    return new Present<>(value);
  }

  static <T> Loaded<T> missing() {
    return new Missing<>();
  }

  static <T> Loaded<T> corrupt(String reason) {
    return new Corrupt<>(reason);
  }

  default boolean isPresent() {
    return this instanceof Present;
  }

  default boolean isMissing() {
    return this instanceof Missing;
  }

  default boolean isCorrupt() {
    return this instanceof Corrupt;
  }

  default Optional<T> optional() {
    return this instanceof Present<T> p ? Optional.of(p.value()) : Optional.empty();
  }

  default T orNull() {
    return this instanceof Present<T> p ? p.value() : null;
  }

  /** A short description for reasons: "missing", "corrupt: ..." or "present". */
  default String describe() {
    if (this instanceof Corrupt<T> c) {
      return "corrupt (" + c.reason() + ")";
    }
    return isMissing() ? "missing" : "present";
  }

  default <R> Loaded<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Present<T> p) {
      return new Present<>(f.apply(p.value()));
    }
    if (this instanceof Corrupt<T> c) {
      return new Corrupt<>(c.reason());
    }
    return new Missing<>();
  }
}
