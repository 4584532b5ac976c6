package dev.scylla.viewer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The numbered changes browsers hear of. Every change gets the next sequence number and is kept in
 * a bounded history, so a browser that reconnects with {@code Last-Event-ID} is sent exactly what
 * it missed (or told to reload everything when the history no longer reaches back that far).
 */
final class ChangeFeed {
  /**
   * One change.
   *
   * @param run the run's label ({@code T0/00/run_01}), or {@code *} when the whole experiment was
   *     read again
   */
  record Change(long seq, int experiment, String run, String status) {
    String json() {
      return "{\"seq\":"
          + seq
          + ",\"experiment\":"
          + experiment
          + ",\"run\":\""
          + jsonText(run)
          + "\",\"status\":\""
          + jsonText(status)
          + "\"}";
    }
  }

  private final int capacity;
  private final ArrayDeque<Change> history = new ArrayDeque<>();
  private final List<BlockingQueue<Change>> subscribers = new CopyOnWriteArrayList<>();
  private long seq;

  ChangeFeed(int capacity) {
    this.capacity = capacity;
  }

  /** Records a change and hands it to every subscriber. */
  Change publish(int experiment, String run, String status) {
    Change c;
    synchronized (this) {
      c = new Change(++seq, experiment, run, status);
      history.addLast(c);
      while (history.size() > capacity) {
        history.removeFirst();
      }
      for (BlockingQueue<Change> q : subscribers) {
        q.offer(c);
      }
    }
    return c;
  }

  synchronized long last() {
    return seq;
  }

  /**
   * Subscribes; the returned queue first holds every change after {@code lastSeen} still in the
   * history. Returns null when changes after {@code lastSeen} were already dropped from the history
   * (the caller must tell the browser to reload) — the subscription is made anyway in {@code out}.
   */
  synchronized boolean subscribe(long lastSeen, BlockingQueue<Change> out) {
    boolean complete = true;
    if (lastSeen >= 0 && lastSeen < seq) {
      Change oldest = history.peekFirst();
      if (oldest == null || oldest.seq() > lastSeen + 1) {
        complete = false;
      }
      for (Change c : history) {
        if (c.seq() > lastSeen) {
          out.offer(c);
        }
      }
    }
    subscribers.add(out);
    return complete;
  }

  void unsubscribe(BlockingQueue<Change> q) {
    subscribers.remove(q);
  }

  int subscribers() {
    return subscribers.size();
  }

  synchronized List<Change> history() {
    return new ArrayList<>(history);
  }

  static BlockingQueue<Change> queue() {
    return new LinkedBlockingQueue<>();
  }

  static String jsonText(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&') {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
