package org.rnn4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's option list in sections: the command's own options, then each shared option group
 * (a mixin such as {@link TrainingOptions}) under its own heading, so a long list like
 * {@code rnn train}'s reads by purpose instead of alphabetically.
 */
final class OptionSections implements CommandLine.IHelpSectionRenderer {
  private static final Map<Class<?>, String> HEADINGS = Map.of(
      TrainingOptions.class, "Model and training:",
      CharLmOptions.class, "Character language model (--data FILE.txt):",
      SeriesOptions.class, "Time series (--data FILE.csv --forecast COLUMN):",
      CsvOptions.class, "CSV files:",
      ArrayOptions.class, "Arrays (--inputs X.npy --targets Y.npy):",
      PairsOptions.class, "Sequence to sequence (--pairs FILE.tsv):",
      ClassifyOptions.class, "Sequence classification (--classify FILE):");

  /** Puts this renderer on {@code cl} and all its subcommands. */
  static void install(CommandLine cl) {
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, new OptionSections());
    cl.getSubcommands().values().forEach(OptionSections::install);
  }

  @Override
  public String render(Help help) {
    CommandSpec spec = help.commandSpec();
    Map<String, List<OptionSpec>> sections = new LinkedHashMap<>();
    Set<String> grouped = new java.util.HashSet<>();
    for (CommandSpec mixin : spec.mixins().values()) {
      String heading = HEADINGS.get(mixin.userObject().getClass());
      if (heading != null) {
        Set<String> names = mixin.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        sections.put(heading, visible(spec, names));
        grouped.addAll(names);
      }
    }
    List<OptionSpec> own = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden() && !grouped.contains(o.longestName())) {
        own.add(o);
      }
    }
    if (sections.isEmpty()) {
      return help.optionListExcludingGroups(own);
    }
    StringBuilder text = new StringBuilder(String.format("%nOptions:%n")).append(help.optionListExcludingGroups(own));
    sections.forEach((heading, options) ->
        text.append(String.format("%n%s%n", heading)).append(help.optionListExcludingGroups(options)));
    return text.toString();
  }

  /** The command's visible options of these names, in the command's order. */
  private static List<OptionSpec> visible(CommandSpec spec, Set<String> names) {
    return spec.options().stream().filter(o -> !o.hidden() && names.contains(o.longestName())).toList();
  }
}
