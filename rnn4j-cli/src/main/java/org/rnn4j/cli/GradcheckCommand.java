package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.check.GradCheck;
import org.rnn4j.check.GradCheckCases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gradcheck", mixinStandardHelpOptions = true,
    header = "Check the hand-written gradients against finite differences.",
    description = {"Compare hand-written gradients with central finite differences on small random models:",
        "every cell, activation, loss, output activation, reduction, mapping, mask and initial state,",
        "and the window network (the feed-forward baseline).",
        "Error per tensor = ||analytic - numeric|| / max(||analytic||, ||numeric||); exit 0 only when all pass."})
final class GradcheckCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print {\"cases\", \"failed\", \"max_rel_error\"} as the last line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<GradCheck.Result> results = new ArrayList<>();
    out.printf("tolerance %.0e, epsilon %.0e (1e-3 for ReLU)%n", GradCheck.TOLERANCE, GradCheck.EPSILON);
    for (GradCheckCases.Case c : GradCheckCases.all()) {
      results.add(print(out, c.name(), GradCheck.check(c.model(), c.batch(11), c.epsilon())));
    }
    for (GradCheckCases.ModelCase c : GradCheckCases.otherModels()) {
      results.add(print(out, c.name(), GradCheck.checkParameters(c.model().get(), c.batch(), GradCheck.EPSILON)));
    }
    int cases = results.size();
    long failed = results.stream().filter(r -> r.maxError() >= GradCheck.TOLERANCE).count();
    double worst = results.stream().mapToDouble(GradCheck.Result::maxError).max().orElse(0);
    out.printf("%d cases, %d failed, max rel error %.2e%n", cases, failed, worst);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cases", cases);
      m.put("failed", failed);
      m.put("max_rel_error", worst);
      out.println(Json.line(m));
    }
    return failed == 0 ? 0 : 1;
  }

  private static GradCheck.Result print(PrintWriter out, String name, GradCheck.Result r) {
    boolean ok = r.maxError() < GradCheck.TOLERANCE;
    out.printf("%-4s %-28s max rel error %.2e (%s)%n", ok ? "ok" : "FAIL", name, r.maxError(), r.worst());
    return r;
  }
}
