package dev.scylla.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.store.Json;

/**
 * How much the counted judges of one run agree.
 *
 * @param scoreMin the lowest counted score
 * @param scoreMax the highest counted score
 * @param scoreRange {@code scoreMax - scoreMin}
 * @param scoreStdDev the population standard deviation of the counted scores (0 for one judge)
 * @param passVotes counted judges that passed the run
 * @param failVotes counted judges that failed it
 * @param unanimous whether every counted judge voted the same way
 */
public record Agreement(
    double scoreMin,
    double scoreMax,
    double scoreRange,
    double scoreStdDev,
    int passVotes,
    int failVotes,
    boolean unanimous) {

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("score_min", scoreMin);
    o.put("score_max", scoreMax);
    o.put("score_range", scoreRange);
    o.put("score_stdev", scoreStdDev);
    o.put("pass_votes", passVotes);
    o.put("fail_votes", failVotes);
    o.put("unanimous", unanimous);
    return o;
  }
}
