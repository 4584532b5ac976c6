package dev.scylla.viewer;

import static dev.scylla.viewer.Html.esc;

import dev.scylla.status.Counts;
import dev.scylla.status.RunStatus;
import java.util.List;

/** The list of served experiments with their counters. */
final class IndexPage {
  private IndexPage() {}

  static String render(List<ServedExperiment> experiments) {
    StringBuilder b = new StringBuilder("<h1>Experiments</h1><table class=\"runs\"><thead><tr>");
    b.append("<th>experiment</th>");
    for (RunStatus s : RunStatus.values()) {
      b.append("<th>").append(s.jsonName()).append("</th>");
    }
    b.append("<th>total</th></tr></thead><tbody>");
    for (ServedExperiment e : experiments) {
      Counts c = e.counts();
      b.append("<tr><td><a href=\"/e/")
          .append(e.id())
          .append("/\">")
          .append(esc(e.name()))
          .append("</a><br><span class=\"hint\">")
          .append(esc(e.dir().toString()))
          .append("</span></td>");
      for (RunStatus s : RunStatus.values()) {
        b.append("<td>").append(c.runs(s)).append("</td>");
      }
      b.append("<td>").append(c.totalRuns()).append("</td></tr>");
    }
    b.append("</tbody></table><p><a href=\"/compare\">compare two experiments or tiers</a></p>");
    return b.toString();
  }
}
