package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
  @Test
  void aReconnectingSubscriberGetsExactlyWhatItMissed() {
    ChangeFeed feed = new ChangeFeed(100);
    for (int i = 1; i <= 5; i++) {
      feed.publish(0, "T0/00/run_0" + i, "completed");
    }
    BlockingQueue<ChangeFeed.Change> q = ChangeFeed.queue();
    assertThat(feed.subscribe(2, q)).isTrue();
    feed.publish(0, "T0/00/run_06", "missing");
    List<Long> seqs = new ArrayList<>();
    q.forEach(c -> seqs.add(c.seq()));
    assertThat(seqs).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void aSubscriberBehindTheHistoryIsToldToReload() {
    ChangeFeed feed = new ChangeFeed(3);
    for (int i = 1; i <= 10; i++) {
      feed.publish(0, "T0/00/run_01", "completed");
    }
    BlockingQueue<ChangeFeed.Change> q = ChangeFeed.queue();
    assertThat(feed.subscribe(2, q)).isFalse();
    assertThat(q).extracting(ChangeFeed.Change::seq).containsExactly(8L, 9L, 10L);
    assertThat(feed.subscribe(9, ChangeFeed.queue())).isTrue();
    assertThat(feed.subscribe(-1, ChangeFeed.queue())).isTrue();
  }

  @Test
  void eventJsonEscapesWhatCouldEndAScriptOrAString() {
    String json = new ChangeFeed.Change(1, 0, "T0/\"</script>", "x").json();
    assertThat(json).doesNotContain("</script>").contains("\\\"").contains("\\u003c");
  }
}
