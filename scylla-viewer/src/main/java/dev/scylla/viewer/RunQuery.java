package dev.scylla.viewer;

import dev.scylla.status.RunStatus;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters and sort order of the experiment page's run list, from its query string. Unknown or
 * malformed values are ignored (a filter that does not parse filters nothing).
 */
record RunQuery(
    Set<RunStatus> states,
    String tier,
    String subtest,
    SlotStatus judge,
    Double min,
    Double max,
    String text,
    String sort,
    boolean attention,
    int page) {

  static final int PAGE_SIZE = 100;
  static final List<String> SORTS = List.of("run", "score", "-score", "cost", "-cost", "state");

  static RunQuery parse(Map<String, List<String>> q) {
    Set<RunStatus> states = EnumSet.noneOf(RunStatus.class);
    for (String s : q.getOrDefault("state", List.of())) {
      for (RunStatus r : RunStatus.values()) {
        if (r.jsonName().equals(s)) {
          states.add(r);
        }
      }
    }
    SlotStatus judge = null;
    for (SlotStatus s : SlotStatus.values()) {
      if (s.jsonName().equals(first(q, "judge"))) {
        judge = s;
      }
    }
    String sort = first(q, "sort");
    int page = 1;
    try {
      page = Math.max(1, Integer.parseInt(first(q, "page")));
    } catch (NumberFormatException e) {
      // first page
    }
    return new RunQuery(
        states,
        blankToNull(first(q, "tier")),
        blankToNull(first(q, "subtest")),
        judge,
        number(first(q, "min")),
        number(first(q, "max")),
        blankToNull(first(q, "q")),
        SORTS.contains(sort) ? sort : "run",
        "1".equals(first(q, "attention")),
        page);
  }

  private static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static Double number(String s) {
    try {
      double d = Double.parseDouble(s.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether a run needs attention the way {@code scylla status} lists it. */
  static boolean needsAttention(RunRow r) {
    return r.view().status() != RunStatus.COMPLETED || !r.view().attention().isEmpty();
  }

  boolean matches(RunRow r) {
    if (!states.isEmpty() && !states.contains(r.view().status())) {
      return false;
    }
    if (tier != null && !tier.equals(r.key().tier())) {
      return false;
    }
    if (subtest != null && !subtest.equals(r.key().subtest())) {
      return false;
    }
    if (judge != null) {
      boolean any = false;
      for (SlotView s : r.view().slots()) {
        any |= s.status() == judge;
      }
      if (!any) {
        return false;
      }
    }
    if (min != null && (r.score() == null || r.score() < min)) {
      return false;
    }
    if (max != null && (r.score() == null || r.score() > max)) {
      return false;
    }
    if (attention && !needsAttention(r)) {
      return false;
    }
    return text == null || r.search().contains(text.toLowerCase(Locale.ROOT));
  }

  List<RunRow> apply(List<RunRow> rows) {
    List<RunRow> out = new ArrayList<>();
    for (RunRow r : rows) {
      if (matches(r)) {
        out.add(r);
      }
    }
    Comparator<RunRow> byScore =
        Comparator.comparing(RunRow::score, Comparator.nullsLast(Comparator.naturalOrder()));
    Comparator<RunRow> byCost = Comparator.comparingDouble(r -> r.agentCost() + r.judgeCost());
    switch (sort) {
      case "score" -> out.sort(byScore);
      case "-score" ->
          out.sort(
              Comparator.comparing(RunRow::score, Comparator.nullsLast(Comparator.reverseOrder())));
      case "cost" -> out.sort(byCost);
      case "-cost" -> out.sort(byCost.reversed());
      case "state" -> out.sort(Comparator.comparing(r -> r.view().status()));
      default -> {}
    }
    return out;
  }

  /** This query's parameters as a query string, with {@code page} replaced (0: left out). */
  String toQuery(int pageNumber) {
    StringBuilder sb = new StringBuilder();
    for (RunStatus s : states) {
      add(sb, "state", s.jsonName());
    }
    add(sb, "tier", tier);
    add(sb, "subtest", subtest);
    add(sb, "judge", judge == null ? null : judge.jsonName());
    add(sb, "min", min == null ? null : String.valueOf(min));
    add(sb, "max", max == null ? null : String.valueOf(max));
    add(sb, "q", text);
    add(sb, "sort", sort.equals("run") ? null : sort);
    add(sb, "attention", attention ? "1" : null);
    if (pageNumber > 1) {
      add(sb, "page", String.valueOf(pageNumber));
    }
    return sb.length() == 0 ? "" : "?" + sb;
  }

  private static void add(StringBuilder sb, String name, String value) {
    if (value == null) {
      return;
    }
    sb.append(sb.length() == 0 ? "" : "&").append(name).append('=').append(Html.url(value));
  }
}
