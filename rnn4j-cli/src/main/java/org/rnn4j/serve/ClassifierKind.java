package org.rnn4j.serve;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.classify.FeatureEncoding;
import org.rnn4j.classify.PackedClassifier;
import org.rnn4j.classify.Sequence;
import org.rnn4j.classify.SequenceClassifier;
import org.rnn4j.classify.TokenEncoding;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.loss.OutputActivation;
import org.rnn4j.model.ModelConfig;

/**
 * A sequence classifier (a file of {@code rnn train --classify}): {@code POST /classify} labels
 * one input as {@code rnn classify --json} does: a text model takes {@code {"text"}} (one line),
 * a CSV model {@code {"columns": {feature: [values, one per step], …}}} (one sequence; other
 * columns are ignored, as the command ignores them).
 */
final class ClassifierKind implements ServedKind {
  @Override
  public String name() {
    return "classifier";
  }

  @Override
  public String recognises() {
    return "metadata " + SequenceClassifier.KIND_KEY + ", written by rnn train --classify";
  }

  @Override
  public boolean accepts(SafeTensorsFile contents) {
    return "1".equals(contents.metadata().get(SequenceClassifier.KIND_KEY));
  }

  @Override
  public ServedModel load(Path file, SafeTensorsFile contents, Limits limits) {
    PackedClassifier classifier = SequenceClassifier.fromFile(file, contents).packed();
    SequenceClassifier c = classifier.classifier();
    ModelConfig config = c.model().config();
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("cell", config.cell());
    description.put("hidden", config.hiddenSize());
    description.put("layers", config.numLayers());
    description.put("bidirectional", config.bidirectional());
    description.put("labels", c.labels().names());
    if (c.encoding() instanceof FeatureEncoding features) {
      description.put("features", features.features());
    }
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    endpoints.put("/classify", request -> {
      Sequence input = c.encoding() instanceof TokenEncoding tokens ? tokens.encode(line(request.allow("text"), "text"))
          : rows(request.allow("columns").columns("columns"), (FeatureEncoding) c.encoding());
      float[] p = classifier.probabilities(List.of(input))[0];
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("label", c.labels().name(OutputActivation.argmax(p, 0, p.length)));
      out.put("probabilities", c.labels().rounded(p));
      return out;
    });
    return new ServedModel(name(), description, endpoints);
  }

  /** A required string of one line: the command reads one input per line. */
  static String line(JsonRequest request, String field) {
    String text = request.string(field);
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw RequestException.badField(field, "expected one line of text (as the command reads), found a line break");
    }
    return text;
  }

  /** The model's feature columns, all of one length (at least 1), as one sequence's rows. */
  private static Sequence rows(Map<String, float[]> columns, FeatureEncoding encoding) {
    List<String> features = encoding.features();
    float[][] rows = null;
    for (int j = 0; j < features.size(); j++) {
      float[] column = columns.get(features.get(j));
      if (column == null) {
        throw RequestException.badField("columns", "expected the model's feature columns " + features + ", found "
            + columns.keySet());
      }
      if (rows == null) {
        if (column.length == 0) {
          throw RequestException.badField("columns." + features.get(j), "expected at least one value (a step), found none");
        }
        rows = new float[column.length][features.size()];
      } else if (column.length != rows.length) {
        throw RequestException.badField("columns." + features.get(j), "expected " + rows.length + " values like '"
            + features.get(0) + "', found " + column.length);
      }
      for (int t = 0; t < column.length; t++) {
        rows[t][j] = column[t];
      }
    }
    return encoding.encode(rows);
  }
}
