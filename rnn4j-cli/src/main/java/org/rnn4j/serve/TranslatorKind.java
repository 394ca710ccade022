package org.rnn4j.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.seq2seq.Seq2Seq;
import org.rnn4j.seq2seq.Seq2SeqConfig;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Seq2SeqText;
import org.rnn4j.seq2seq.Translator;

/**
 * A sequence-to-sequence model with its vocabularies (a file of {@code rnn train --pairs}):
 * {@code POST /translate} {@code {"text", "beam"}} (one line; beam 1, greedy, by default) gives
 * {@code {"output"}}, the line {@code rnn translate --beam K} prints. The beam is bounded so that
 * beam × the model's longest output stays within the server's --max-steps (413 above).
 */
final class TranslatorKind implements ServedKind {
  @Override
  public String name() {
    return "translator";
  }

  @Override
  public String recognises() {
    return "metadata " + Seq2SeqConfig.KIND_KEY + ", written by rnn train --pairs";
  }

  @Override
  public boolean accepts(SafeTensorsFile contents) {
    return contents.metadata().containsKey(Seq2SeqConfig.KIND_KEY);
  }

  @Override
  public ServedModel load(Path file, SafeTensorsFile contents, Limits limits) throws IOException {
    Seq2Seq model = Seq2SeqFile.fromFile(file, contents); // read once, by the server
    Seq2SeqText text = model.text();
    if (text == null) {
      throw new IllegalArgumentException(file + ": expected a model with its vocabularies, found a model of token ids only");
    }
    Translator translator = Translator.of(model);
    Seq2SeqConfig c = model.config();
    int widest = Math.max(1, limits.maxSteps() / text.maxSteps());
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("cell", c.cell());
    description.put("hidden", c.hidden());
    description.put("attention", c.attention().id());
    description.put("source_vocabulary", text.source().size());
    description.put("target_vocabulary", text.target().size());
    description.put("max_output", text.maxSteps());
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    endpoints.put("/translate", request -> {
      String line = ClassifierKind.line(request.allow("text", "beam"), "text");
      int beam = request.integer("beam", 1, 1, Integer.MAX_VALUE);
      if (beam > widest) {
        throw new RequestException(413, "beam", "beam: expected at most " + widest + " (the server's --max-steps "
            + limits.maxSteps() + " over the model's " + text.maxSteps() + " output steps), found " + beam);
      }
      try {
        return Map.of("output", beam > 1 ? translator.beam(line, beam) : translator.greedy(List.of(line)).get(0));
      } catch (IllegalArgumentException e) { // what rnn translate reports for a line
        throw RequestException.badField("text", e.getMessage());
      }
    });
    return new ServedModel(name(), description, endpoints);
  }
}
