package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.io.SafeTensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
    header = "Describe any model file: its kind, layers, tensors, parameters, vocabulary and provenance.",
    description = {"Describe any model file: its kind (language model, classifier, forecaster, seq2seq, ESN, conv + RNN,",
        "task or array model, PyTorch state_dict, checkpoint), the recurrent layers, the tensors and their shapes,",
        "the parameter count, vocabulary and labels, and the training provenance stored in it.",
        "--json prints the same as one JSON object."})
final class InfoCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "The file to describe.")
  Path model;

  @Option(names = "--json", description = "Print one JSON object instead.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long bytes = Files.size(model);
    Map<String, Object> info = ModelInfo.describe(model, bytes, SafeTensors.read(model));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(info));
    } else {
      ModelInfo.print(info, out);
    }
    return 0;
  }
}
