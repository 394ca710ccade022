package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Vocabulary.Level;

/** Character and word vocabularies, reserved ids, the unknown-symbol policy and both JSON forms. */
class VocabularyTest {

  @Test
  void reservedNamesTakeTheFirstIdsAndSortedSymbolsFollow() {
    Vocabulary v = Vocabulary.build(Level.CHAR, List.of(Vocabulary.BOS, Vocabulary.EOS), List.of("cab", "bad"));
    assertThat(v.size()).isEqualTo(6);
    assertThat(v.encode("abcd")).containsExactly(2, 3, 4, 5);
    assertThat(v.decode(new int[] {0, 4, 2, 3, 1})).isEqualTo("<bos>cab<eos>");
    assertThat(v.id(Vocabulary.EOS)).isEqualTo(1);
    assertThat(v.codePoint(2)).isEqualTo('a');
    assertThatThrownBy(() -> v.codePoint(1)).hasMessageContaining("expected the id of a character symbol in [2, 6), found 1");
  }

  @Test
  void wordsSplitOnAnyWhitespaceAndJoinWithOneSpace() {
    Vocabulary v = Vocabulary.build(Level.WORD, List.of(Vocabulary.UNK), List.of("the cat\tsat", "  on\u2003the mat "));
    assertThat(Vocabulary.split(Level.WORD, " a  b\u00a0c\n")).containsExactly("a", "b\u00a0c"); // U+00A0 is no separator
    assertThat(v.size()).isEqualTo(6); // <unk> cat mat on sat the
    assertThat(v.encode("the  cat sat")).containsExactly(5, 1, 4);
    assertThat(v.decode(v.encode(" the cat\n sat on the mat"))).isEqualTo("the cat sat on the mat");
    assertThat(v.encode("")).isEmpty();
  }

  @Test
  void unknownSymbolsMapToUnkWhenReservedAndAreNamedOtherwise() {
    Vocabulary withUnk = Vocabulary.build(Level.CHAR, List.of(Vocabulary.UNK), List.of("ab"));
    assertThat(withUnk.encode("azb")).containsExactly(1, 0, 2);
    Vocabulary words = Vocabulary.build(Level.WORD, List.of(Vocabulary.UNK), List.of("a b"));
    assertThat(words.encode("a zebra <unk>")).containsExactly(1, 0, 0);
    Vocabulary strict = Vocabulary.build(Level.WORD, List.of(), List.of("a b"));
    assertThatThrownBy(() -> strict.encode("a zebra")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("text: expected symbols of the model's vocabulary, found 'zebra' at word 1");
  }

  @Test
  void aTasksAlphabetKeepsItsOrder() {
    Vocabulary v = Vocabulary.of(Level.CHAR, List.of(), List.of("z", "a", " "));
    assertThat(v.encode("a z")).containsExactly(1, 2, 0);
    assertThat(v.contains(' ')).isTrue();
    assertThat(v.contains('b')).isFalse();
  }

  @Test
  void everyFormSurvivesJsonAndTheLanguageModelFormStaysAString() {
    Vocabulary lm = Vocabulary.of("banana");
    assertThat(lm.toJson()).isEqualTo("\"abn\"");
    for (Vocabulary v : List.of(lm, Vocabulary.of(Level.CHAR, List.of(), List.of("z", "a")),
        Vocabulary.build(Level.CHAR, List.of(Vocabulary.UNK), List.of("x\"y")),
        Vocabulary.build(Level.WORD, List.of(Vocabulary.BOS, Vocabulary.EOS), List.of("ein Haus", "ein Boot")))) {
      Vocabulary back = Vocabulary.fromJson(v.toJson());
      assertThat(back.toJson()).isEqualTo(v.toJson());
      assertThat(back.level()).isEqualTo(v.level());
      assertThat(back.reserved()).isEqualTo(v.reserved());
      int[] all = java.util.stream.IntStream.range(0, v.size()).toArray();
      assertThat(back.decode(all)).isEqualTo(v.decode(all));
    }
    assertThat(Vocabulary.build(Level.WORD, List.of(), List.of("b a")).toJson())
        .isEqualTo("{\"level\":\"word\",\"reserved\":[],\"symbols\":[\"a\",\"b\"]}");
  }

  @Test
  void badVocabulariesAreNamed() {
    assertThatThrownBy(() -> Vocabulary.fromJson("{\"level\":\"byte\",\"reserved\":[],\"symbols\":[\"a\"]}"))
        .hasMessage("token level: expected char or word, found 'byte'");
    assertThatThrownBy(() -> Vocabulary.fromJson("{\"level\":\"char\",\"symbols\":[\"a\"]}"))
        .hasMessageStartingWith("vocabulary: expected an object with the keys level (a string), reserved and symbols");
    assertThatThrownBy(() -> Vocabulary.fromJson("{\"level\":\"char\",\"reserved\":[],\"symbols\":[\"ab\"]}"))
        .hasMessage("vocabulary: expected one character per symbol, found 'ab'");
    assertThatThrownBy(() -> Vocabulary.fromJson("{\"level\":\"word\",\"reserved\":[],\"symbols\":[\"a\",\"a\"]}"))
        .hasMessage("vocabulary: expected distinct reserved names and symbols, found 'a' twice");
    assertThatThrownBy(() -> Vocabulary.fromJson("{\"level\":\"word\",\"reserved\":[1],\"symbols\":[\"a\"]}"))
        .hasMessage("vocabulary 'reserved': expected a list of strings, found [1]");
    assertThatThrownBy(() -> Vocabulary.build(Level.WORD, List.of(Vocabulary.UNK), List.of(" ", "<unk>")))
        .hasMessage("vocabulary: expected at least one symbol, found none");
    assertThatThrownBy(() -> Level.parse("words")).hasMessage("token level: expected char or word, found 'words'");
  }
}
