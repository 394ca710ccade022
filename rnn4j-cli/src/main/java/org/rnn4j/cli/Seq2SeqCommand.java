package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.seq2seq.AttentionKind;
import org.rnn4j.seq2seq.Seq2SeqConfig;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Seq2SeqRunner;
import org.rnn4j.seq2seq.Seq2SeqTask;
import org.rnn4j.seq2seq.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "seq2seq", mixinStandardHelpOptions = true,
    header = "Train and score an encoder-decoder with attention on a built-in task.",
    description = {"Train an encoder-decoder (with or without attention) on a built-in task and score the",
        "exact match of whole output sequences on a held-out set.",
        "Tasks: reverse (a digit string), sort (its digits), dates (\"24 nov 2026\" -> \"2026-11-24\")."})
final class Seq2SeqCommand implements Callable<Integer> {
  private static final int EXAMPLES = 5;

  @Parameters(index = "0", paramLabel = "TASK", description = "One of: ${COMPLETION-CANDIDATES}", completionCandidates = TaskNames.class)
  String name;

  @Option(names = "--attention", defaultValue = "additive",
      description = "none, additive (Bahdanau), dot or general (Luong) (default: ${DEFAULT-VALUE}).")
  String attention;

  @Option(names = "--cell", defaultValue = "elman", description = "Recurrent cell of encoder and decoder (default: ${DEFAULT-VALUE}).")
  String cell;

  @Option(names = "--hidden", description = "Decoder state size H; the bidirectional encoder has H/2 per direction.")
  Integer hidden;

  @Mixin OptimizerOptions optimization;

  @Option(names = "--train-size", description = "Training pairs (default: the task's, 10000).")
  Integer trainSize;

  @Option(names = "--beam", defaultValue = "1", description = "Beam width of the final scoring; 1 is greedy (default: ${DEFAULT-VALUE}).")
  int beam;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the trained model with its vocabularies to this "
      + ".safetensors file (then 'rnn translate --model FILE').")
  Path save;

  @Option(names = "--json", description = "Print a JSON object as the last line.")
  boolean json;

  @Option(names = "--plot-attention", paramLabel = "FILE.png", description = "Write a heat map of one example's attention weights.")
  Path plot;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static final class TaskNames extends java.util.ArrayList<String> {
    TaskNames() {
      super(Seq2SeqTask.NAMES);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Seq2SeqTask task = Seq2SeqTask.create(name);
    AttentionKind kind = AttentionKind.parse(attention);
    if (plot != null && kind == AttentionKind.NONE) {
      throw new IllegalArgumentException("--plot-attention: expected --attention additive, dot or general, found none");
    }
    if (beam < 1) {
      throw new IllegalArgumentException("--beam: expected a width of at least 1, found " + beam);
    }
    out.printf("task %s: %s%n", task.name(), task.description());
    out.flush();
    Seq2SeqRunner.Result r = Seq2SeqRunner.run(task,
        new Seq2SeqRunner.Options(kind, cell, hidden, optimization::applyTo, beam, trainSize, seed), p -> {
          out.printf("epoch %3d  loss %.5f  exact_match %.4f  (%.1f s)%n", p.epoch(), p.loss(), p.accuracy(), p.seconds());
          out.flush();
        });
    Seq2SeqConfig c = r.config();
    out.printf("model: %s, encoder %s%d x %d, decoder %d, attention %s, embedding %d%n", c.cell(),
        c.bidirectional() ? "bidirectional " : "", c.encoderLayers(), c.encoderHidden(), c.hidden(), kind.id(), c.embedding());
    out.printf("result: exact_match = %.4f (%s; baseline copy-the-source %.4f) after %d epochs in %.1f s%n", r.value(),
        beam > 1 ? "beam " + beam : "greedy", r.baseline(), r.epochs(), r.seconds());
    for (Seq2SeqRunner.Example e : r.examples().subList(0, Math.min(EXAMPLES, r.examples().size()))) {
      out.printf("  %-20s -> %-16s %s%n", e.source(), e.output(), e.output().equals(e.target()) ? "ok" : "expected " + e.target());
    }
    if (save != null) {
      Seq2SeqFile.save(save, r.translator().model());
      out.println("model written to " + save);
    }
    if (plot != null) {
      writeAttention(r.translator().attend(r.examples().get(0).source()), kind);
      out.println("attention heat map written to " + plot);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", r.task());
      m.put("metric", "exact_match");
      m.put("value", r.value());
      m.put("baseline", r.baseline());
      m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      m.put("epochs", r.epochs());
      m.put("attention", kind.id());
      out.println(Json.line(m));
    }
    return 0;
  }

  /** Rows are output steps, flipped so the first one is at the top (Plots draws row 0 at the bottom). */
  private void writeAttention(Translator.Attended a, AttentionKind kind) throws java.io.IOException {
    double[][] w = a.weights();
    double[][] flipped = new double[w.length][];
    for (int t = 0; t < w.length; t++) {
      flipped[t] = w[w.length - 1 - t];
    }
    Plots.heatmap(plot, kind.id() + " attention: \"" + a.source() + "\" -> \"" + a.output() + "\"",
        "input step (source characters \"" + a.source() + "\", 0 = first)",
        "output step: \"" + a.output() + "\" then EOS, first at the top (ticks count from the last)", flipped);
  }
}
