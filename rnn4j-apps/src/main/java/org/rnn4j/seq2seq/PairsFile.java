package org.rnn4j.seq2seq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.data.Batching;
import org.rnn4j.data.TextCorpus;
import org.rnn4j.data.Vocabulary;
import org.rnn4j.math.Rng;

/**
 * Sequence pairs from a text file: UTF-8, one {@code source<TAB>target} per line (LF or CRLF; a
 * leading byte-order mark and empty lines are skipped). At word level each side is normalised to
 * its words joined by one space, the form translations come out in, so references compare
 * exactly; at character level every character counts, spaces included. A line without exactly
 * one tab, a side without tokens, or invalid UTF-8 is an error naming the file and the line.
 */
public final class PairsFile {
  private PairsFile() {}

  public static List<Seq2SeqTask.Pair> read(Path file, Vocabulary.Level level) throws IOException {
    return parse(file.toString(), Files.readAllBytes(file), level);
  }

  /** The pairs of a file's bytes; {@code name} is used in error messages. */
  public static List<Seq2SeqTask.Pair> parse(String name, byte[] utf8, Vocabulary.Level level) {
    List<Seq2SeqTask.Pair> pairs = new ArrayList<>();
    int start = 0;
    for (int line = 1; start < utf8.length; line++) {
      int end = start;
      while (end < utf8.length && utf8[end] != '\n') {
        end++;
      }
      int stop = end > start && utf8[end - 1] == '\r' ? end - 1 : end;
      byte[] bytes = Arrays.copyOfRange(utf8, start, stop);
      String where = name + " line " + line;
      String text = TextCorpus.decodeStrict(where, bytes);
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (!text.isEmpty()) {
        pairs.add(pair(where, text, level));
      }
      start = end + 1;
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected lines 'source<TAB>target', found no pairs");
    }
    return pairs;
  }

  private static Seq2SeqTask.Pair pair(String where, String text, Vocabulary.Level level) {
    int tab = text.indexOf('\t');
    int tabs = (int) text.chars().filter(c -> c == '\t').count();
    if (tabs != 1) {
      throw new IllegalArgumentException(where + ": expected 'source<TAB>target' (one tab), found " + (tabs == 0
          ? "no tab" : tabs + " tabs") + " in '" + abbreviate(text) + "'");
    }
    return new Seq2SeqTask.Pair(side(where, "source", text.substring(0, tab), level),
        side(where, "target", text.substring(tab + 1), level));
  }

  private static String side(String where, String what, String text, Vocabulary.Level level) {
    List<String> tokens = Vocabulary.split(level, text);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(where + ": expected a " + what + " of at least one " + (level
          == Vocabulary.Level.CHAR ? "character" : "word") + ", found '" + text + "'");
    }
    return level == Vocabulary.Level.WORD ? String.join(" ", tokens) : text;
  }

  /**
   * A seeded random split: {@code round(fraction · n)} pairs (at least 1) validate, the rest train;
   * each part keeps the file's order. Both parts must be non-empty.
   */
  public static List<List<Seq2SeqTask.Pair>> split(List<Seq2SeqTask.Pair> pairs, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("--val-fraction: expected a fraction in (0, 1), found " + fraction);
    }
    int n = pairs.size(), validation = Math.max(1, (int) Math.round(fraction * n));
    if (validation >= n) {
      throw new IllegalArgumentException("pairs: expected at least 2 pairs, so that one trains and one validates, found "
          + n);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Batching.shuffle(order, new Rng(seed));
    boolean[] validates = new boolean[n];
    order.subList(0, validation).forEach(i -> validates[i] = true);
    List<Seq2SeqTask.Pair> train = new ArrayList<>(), held = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (validates[i] ? held : train).add(pairs.get(i));
    }
    return List.of(train, held);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
