package dev.scylla.model;

/** Whether a file exists and how many bytes it holds. */
public record FileFact(boolean exists, long size) {
  public static final FileFact ABSENT = new FileFact(false, 0);

  public boolean nonEmpty() {
    return exists && size > 0;
  }
}
