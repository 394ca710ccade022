package org.rnn4j.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.data.TextCorpus;

/**
 * Labelled texts from a UTF-8 file of {@code label<TAB>text} lines: the label is everything before
 * the first tab, the text everything after it (further tabs included). Blank lines are skipped; a
 * line without a tab or with an empty label is an error naming the file and the line.
 */
public record LabeledTexts(List<String> labels, List<String> texts) {
  public LabeledTexts {
    labels = List.copyOf(labels);
    texts = List.copyOf(texts);
  }

  public static LabeledTexts read(Path file) throws IOException {
    return parse(file.toString(), TextCorpus.decodeStrict(file.toString(), Files.readAllBytes(file)));
  }

  /** Parses the lines of {@code text}; {@code name} (a file name) goes into error messages. */
  public static LabeledTexts parse(String name, String text) {
    List<String> labels = new ArrayList<>(), texts = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte-order mark
      }
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": expected 'label<TAB>text', found "
            + (tab < 0 ? "no tab" : "an empty label") + " in '" + abbreviate(line) + "'");
      }
      labels.add(line.substring(0, tab));
      texts.add(line.substring(tab + 1));
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected 'label<TAB>text' lines, found none");
    }
    return new LabeledTexts(labels, texts);
  }

  public int size() {
    return labels.size();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
