package org.rnn4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
        "every cell, activation, loss, output activation, reduction, mapping, mask and initial state.",
        "Error per tensor = ||analytic - numeric|| / max(||analytic||, ||numeric||); exit 0 only when all pass."})
final class GradcheckCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print {\"cases\", \"failed\", \"max_rel_error\"} as the last line.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int failed = 0, cases = 0;
    double worst = 0;
    out.printf("tolerance %.0e, epsilon %.0e (1e-3 for ReLU)%n", GradCheck.TOLERANCE, GradCheck.EPSILON);
    for (GradCheckCases.Case c : GradCheckCases.all()) {
      GradCheck.Result r = GradCheck.check(c.model(), c.batch(11), c.epsilon());
      boolean ok = r.maxError() < GradCheck.TOLERANCE;
      cases++;
      failed += ok ? 0 : 1;
      worst = Math.max(worst, r.maxError());
      out.printf("%-4s %-28s max rel error %.2e (%s)%n", ok ? "ok" : "FAIL", c.name(), r.maxError(), r.worst());
    }
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
}
