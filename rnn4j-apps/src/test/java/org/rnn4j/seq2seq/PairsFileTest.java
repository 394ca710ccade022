package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Vocabulary.Level;

/** The pairs reader, its errors, the seeded split, and the translation scores. */
class PairsFileTest {
  static List<Seq2SeqTask.Pair> parse(String text, Level level) {
    return PairsFile.parse("p.tsv", text.getBytes(StandardCharsets.UTF_8), level);
  }

  @Test
  void linesAreSourceTabTargetWithCrlfBomAndEmptyLinesHandled() {
    List<Seq2SeqTask.Pair> pairs = parse("\uFEFFcat\tKatze\r\n\n the  dog \tder Hund\n", Level.CHAR);
    assertThat(pairs).containsExactly(new Seq2SeqTask.Pair("cat", "Katze"), new Seq2SeqTask.Pair(" the  dog ", "der Hund"));
    assertThat(parse("\uFEFFcat\tKatze\r\n\n the  dog \tder Hund", Level.WORD)).containsExactly(
        new Seq2SeqTask.Pair("cat", "Katze"), new Seq2SeqTask.Pair("the dog", "der Hund"));
  }

  @Test
  void badLinesNameTheFileAndLine() {
    assertThatThrownBy(() -> parse("a\tb\nno tab here\n", Level.CHAR)).hasMessage(
        "p.tsv line 2: expected 'source<TAB>target' (one tab), found no tab in 'no tab here'");
    assertThatThrownBy(() -> parse("a\tb\tc\n", Level.CHAR)).hasMessage(
        "p.tsv line 1: expected 'source<TAB>target' (one tab), found 2 tabs in 'a\tb\tc'");
    assertThatThrownBy(() -> parse("a\tb\n\tb\n", Level.CHAR)).hasMessage(
        "p.tsv line 2: expected a source of at least one character, found ''");
    assertThatThrownBy(() -> parse("a\t  \n", Level.WORD)).hasMessage(
        "p.tsv line 1: expected a target of at least one word, found '  '");
    byte[] bad = {'a', '\t', 'b', '\n', 'c', '\t', (byte) 0xFF, '\n'};
    assertThatThrownBy(() -> PairsFile.parse("p.tsv", bad, Level.CHAR)).hasMessage(
        "p.tsv line 2: expected UTF-8 text, found invalid bytes FF at byte offset 2");
    assertThatThrownBy(() -> parse("\n\r\n", Level.CHAR)).hasMessage("p.tsv: expected lines 'source<TAB>target', found no pairs");
  }

  @Test
  void theSplitIsSeededKeepsFileOrderAndHoldsAtLeastOnePair() {
    List<Seq2SeqTask.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pairs.add(new Seq2SeqTask.Pair("s" + i, "t" + i));
    }
    List<List<Seq2SeqTask.Pair>> a = PairsFile.split(pairs, 0.25, 3), b = PairsFile.split(pairs, 0.25, 3);
    assertThat(a).isEqualTo(b);
    assertThat(a.get(0)).hasSize(15);
    assertThat(a.get(1)).hasSize(5).isSortedAccordingTo((p, q) -> pairs.indexOf(p) - pairs.indexOf(q));
    assertThat(PairsFile.split(pairs, 0.25, 4).get(1)).isNotEqualTo(a.get(1));
    assertThat(PairsFile.split(pairs.subList(0, 2), 0.01, 1).get(1)).hasSize(1);
    assertThatThrownBy(() -> PairsFile.split(pairs.subList(0, 1), 0.5, 1)).hasMessage(
        "pairs: expected at least 2 pairs, so that one trains and one validates, found 1");
    assertThatThrownBy(() -> PairsFile.split(pairs, 1.0, 1)).hasMessage(
        "--val-fraction: expected a fraction in (0, 1), found 1.0");
  }

  @Test
  void exactMatchAndCharacterErrorRate() {
    assertThat(TranslationScore.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(TranslationScore.editDistance("", "abc")).isEqualTo(3);
    assertThat(TranslationScore.editDistance("🍌a", "a")).isEqualTo(1); // code points, not UTF-16 units
    TranslationScore s = TranslationScore.of(List.of("abc", "abd", ""), List.of("abc", "abc", "ab"));
    assertThat(s.exactMatch()).isEqualTo(1 / 3.0);
    assertThat(s.characterErrorRate()).isEqualTo(3 / 8.0); // 0 + 1 + 2 edits over 3 + 3 + 2 characters
    TranslationScore oneMore = TranslationScore.of(List.of("abc", "abc", "zzzzzzzz"), List.of("abc", "abc", "ab"));
    assertThat(oneMore.validationScore()).isLessThan(s.validationScore()); // exact match first, whatever the CER
    TranslationScore closer = TranslationScore.of(List.of("abc", "abd", "a"), List.of("abc", "abc", "ab"));
    assertThat(closer.validationScore()).isLessThan(s.validationScore()); // equal exact match: lower CER wins
  }
}
