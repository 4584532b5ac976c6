package dev.scylla.cli;

import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import java.io.PrintWriter;

/**
 * Renders library events: a one-line progress bar redrawn in place when a terminal is attached,
 * plain log lines otherwise. Messages go to standard error so standard output stays parseable.
 */
final class ConsoleEvents implements EventSink {
  private final PrintWriter err;
  private final boolean bar;
  private final boolean quiet;
  private boolean barShown;
  private long lastPlain;
  private long firstPlain;
  private boolean plainShown;

  ConsoleEvents(PrintWriter err, boolean bar, boolean quiet) {
    this.err = err;
    this.bar = bar;
    this.quiet = quiet;
  }

  @Override
  public synchronized void accept(Event event) {
    if (event instanceof Event.Progress p) {
      progress(p);
    } else if (event instanceof Event.Message m) {
      if (quiet && m.level().compareTo(Event.Level.WARN) < 0) {
        return;
      }
      if (m.level() == Event.Level.DEBUG) {
        return;
      }
      clearBar();
      String prefix =
          switch (m.level()) {
            case WARN -> "warning: ";
            case ERROR -> "error: ";
            default -> "";
          };
      err.println(prefix + m.text());
      err.flush();
    }
  }

  private void progress(Event.Progress p) {
    if (quiet) {
      return;
    }
    if (bar) {
      int width = 30;
      String gauge;
      String count;
      if (p.total() > 0) {
        int filled = (int) Math.min(width, (p.done() * width) / p.total());
        gauge = "#".repeat(filled) + "-".repeat(width - filled);
        count = p.done() + "/" + p.total();
      } else {
        gauge = "-".repeat(width);
        count = String.valueOf(p.done());
      }
      String line =
          String.format(
              "%-8s [%s] %s %s", p.task(), gauge, count, p.detail() == null ? "" : p.detail());
      if (line.length() > 100) {
        line = line.substring(0, 100);
      }
      err.print("\r\033[2K" + line);
      err.flush();
      barShown = true;
      if (p.total() > 0 && p.done() >= p.total()) {
        clearBar();
      }
    } else {
      // Plain lines only for work that takes a while: none in the first two seconds, then one
      // every five seconds, and the final count if anything was shown.
      long now = System.nanoTime();
      if (firstPlain == 0 || p.done() <= 1) {
        firstPlain = now;
        plainShown = false;
      }
      boolean last = p.total() > 0 && p.done() >= p.total();
      boolean due = now - firstPlain > 2_000_000_000L && now - lastPlain > 5_000_000_000L;
      if (due || (last && plainShown)) {
        lastPlain = now;
        plainShown = !last;
        err.println(
            p.task()
                + ": "
                + p.done()
                + (p.total() > 0 ? "/" + p.total() : "")
                + (p.detail() == null || p.detail().isEmpty() ? "" : " " + p.detail()));
        err.flush();
      }
    }
  }

  private void clearBar() {
    if (barShown) {
      err.print("\r\033[2K");
      err.flush();
      barShown = false;
    }
  }
}
