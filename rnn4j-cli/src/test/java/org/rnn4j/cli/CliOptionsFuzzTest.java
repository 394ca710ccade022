package org.rnn4j.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.lm.CharModel;
import org.rnn4j.task.TaskRunner;
import org.rnn4j.task.Tasks;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Any option values for {@code rnn train} (the character language model) and {@code rnn task}:
 * the command line is parsed and every value converted and validated as the command does before
 * it trains (model config, training config), without training. Accepted outcomes: success,
 * picocli's ParameterException (exit 2 with a usage hint) or an IllegalArgumentException with a
 * message (exit 2 with that line). The first byte picks the command; the rest, split at line
 * breaks, are the arguments. Inputs: {@code src/test/resources/org/rnn4j/cli/CliOptionsFuzzTestInputs/parse/}.
 */
class CliOptionsFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] data) {
    if (data.length == 0) {
      return;
    }
    List<String> args = new ArrayList<>();
    args.add((data[0] & 1) != 0 ? "train" : "task"); // the seeds start with a (train) or b (task)
    String rest = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    if (!rest.isEmpty()) {
      args.addAll(List.of(rest.split("\n", -1)));
    }
    try {
      validate(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("documented " + e.getClass().getSimpleName() + " without a message", e);
      }
    }
  }

  /** What {@code rnn train|task ARGS} checks before training, the way the commands do it. */
  private static void validate(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    ParseResult parsed = cl.parseArgs(args).subcommand();
    if (parsed == null || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
      return;
    }
    Object command = parsed.commandSpec().userObject();
    if (command instanceof TrainCommand train) {
      if (train.series.forecast != null || train.arrays.inputs != null || train.task != null || train.pairs.pairs != null
          || train.classify.file != null) {
        return; // these read data files first; their parsers have targets of their own
      }
      train.charLm.config = null; // a file name, not a value: the config file is TrainConfig's target
      train.charLm.resume = null;
      try {
        CharLmConfig c = CharLmConfig.resolve(CharLmConfig.defaults(), train.charLm.given(train.data, train.training, parsed));
        // The model config the run builds once it knows the text's vocabulary (here: 2 symbols).
        CharModel.config(c.cell(), 2, c.hidden(), c.layers(), c.dropout());
      } catch (java.io.IOException e) {
        throw new AssertionError("no file is read", e);
      }
      train.training.toRunnerOptions();
    } else if (command instanceof TaskCommand task) {
      TaskRunner.Options options = task.training.toRunnerOptions();
      if (!"all".equalsIgnoreCase(options.cell())) {
        TaskRunner.config(Tasks.create(task.name, task.shape.toOptions()), options);
      }
    }
  }
}
