package org.rnn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.PackedClassifier;
import org.rnn4j.classify.Sequence;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.classify.TokenEncoding;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.loss.OutputActivation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "classify", mixinStandardHelpOptions = true,
    header = "Classify texts or sequences with a model from 'rnn train --classify'.",
    description = {
        "A text model reads one text per line (UTF-8) and prints 'LABEL<TAB>text' per line;",
        "a CSV model reads a CSV (--delimiter) with the id and feature columns it was trained on and prints 'LABEL<TAB>id'",
        "per sequence.",
        "--json prints one JSON object per input instead: {\"label\",\"probabilities\":{label: p, ...},\"text\" or \"id\"}."})
final class ClassifyCommand implements Callable<Integer> {
  /** Texts per forward call: lines are answered in groups of this many, so a pipe sees output as it goes. */
  private static final int GROUP = 64;

  @Option(names = "--model", required = true, paramLabel = "M.safetensors", description = "A classifier (RUN/model.safetensors).")
  Path model;

  @Option(names = "--input", paramLabel = "FILE", description = "Read the inputs from FILE (default: standard input).")
  Path input;

  @Option(names = "--json", description = "One JSON object per input, with every class's probability.")
  boolean json;

  @Option(names = "--labeled", description = {"Text models: the input lines are 'label<TAB>text' (as in training);",
      "the text is classified, the true label kept (JSON: \"true_label\") and the accuracy printed to standard error at the end."})
  boolean labeled;

  @Mixin CsvOptions csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Standard input; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() throws Exception {
    SafeTensorsFile f = SafeTensors.read(model);
    if (!ModelInfo.kind(f.metadata()).equals(ModelInfo.CLASSIFIER)) {
      throw new IllegalArgumentException(model + ": expected a classifier (written by rnn train --classify), found "
          + ModelInfo.describeKind(f.metadata()));
    }
    PackedClassifier classifier = SequenceClassifier.fromFile(model, f).packed(); // weights packed once for all inputs
    PrintWriter out = spec.commandLine().getOut();
    String name = input == null ? "standard input" : input.toString();
    try (Reader reader = reader()) {
      if (classifier.classifier().encoding() instanceof TokenEncoding tokens) {
        classifyLines(classifier, tokens, new BufferedReader(reader), name, out);
      } else {
        if (labeled) {
          throw new IllegalArgumentException("--labeled: expected a text classifier (its input lines carry labels), found a "
              + "CSV classifier (its file's other columns are ignored)");
        }
        if (!csv.missing.equals("error")) {
          throw new IllegalArgumentException("--missing: expected error for a classifier's CSV (filling a gap from a "
              + "neighbouring row could take it from another sequence), found " + csv.missing);
        }
        FeatureEncoding features = (FeatureEncoding) classifier.classifier().encoding();
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
          text.append(buffer, 0, n);
        }
        SequenceCsv sequences = SequenceCsv.read(CsvFile.parse(text.toString(), name, csv.delimiter()), features.idColumn(),
            null, features.features());
        print(classifier, sequences.rows().stream().map(features::encode).toList(), sequences.ids(), List.of(), "id", out);
      }
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(name + ": expected UTF-8 text, found an invalid byte sequence");
    }
    out.flush();
    return 0;
  }

  /** Strict UTF-8, so a wrong encoding is an error rather than replacement characters. */
  private Reader reader() throws IOException {
    InputStream in = input == null ? stdin : Files.newInputStream(input);
    return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private void classifyLines(PackedClassifier classifier, TokenEncoding tokens, BufferedReader lines, String name,
      PrintWriter out) throws IOException {
    List<String> texts = new ArrayList<>(), truth = new ArrayList<>();
    int right = 0, total = 0, lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (labeled) {
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new IllegalArgumentException(name + " line " + lineNumber + ": expected 'label<TAB>text' (--labeled), found "
              + (tab < 0 ? "no tab" : "an empty label"));
        }
        truth.add(line.substring(0, tab));
        line = line.substring(tab + 1);
      }
      texts.add(line);
      if (texts.size() == GROUP) {
        right += print(classifier, texts.stream().map(tokens::encode).toList(), texts, truth, "text", out);
        total += texts.size();
        out.flush();
        texts.clear();
        truth.clear();
      }
    }
    right += print(classifier, texts.stream().map(tokens::encode).toList(), texts, truth, "text", out);
    total += texts.size();
    if (labeled) {
      out.flush();
      spec.commandLine().getErr().printf("accuracy %.4f (%d of %d texts)%n", total == 0 ? 0.0 : right / (double) total, right,
          total);
    }
  }

  /**
   * One line per input: the label and the input's text or id, or a JSON object with every
   * probability. {@code truth} holds the true labels (--labeled) or nothing; returns how many of
   * them were predicted.
   */
  private int print(PackedClassifier classifier, List<Sequence> sequences, List<String> inputs, List<String> truth,
      String inputName, PrintWriter out) {
    float[][] p = classifier.probabilities(sequences);
    List<String> labels = classifier.classifier().labels().names();
    int right = 0;
    for (int i = 0; i < p.length; i++) {
      String label = labels.get(OutputActivation.argmax(p[i], 0, p[i].length));
      if (!truth.isEmpty() && truth.get(i).equals(label)) {
        right++;
      }
      if (!json) {
        out.println(label + "\t" + inputs.get(i));
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", label);
      m.put("probabilities", classifier.classifier().labels().rounded(p[i]));
      if (!truth.isEmpty()) {
        m.put("true_label", truth.get(i));
      }
      m.put(inputName, inputs.get(i));
      out.println(Json.line(m));
    }
    return right;
  }
}
