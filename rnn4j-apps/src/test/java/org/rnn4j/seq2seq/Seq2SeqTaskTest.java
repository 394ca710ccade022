package org.rnn4j.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each task learns to a clear exact-match accuracy on its held-out set, at sizes that train in seconds. */
class Seq2SeqTaskTest {

  static Seq2SeqRunner.Result run(Seq2SeqTask task, AttentionKind attention, int epochs, int trainSize) {
    Seq2SeqRunner.Result r = Seq2SeqRunner.run(task, new Seq2SeqRunner.Options(attention, "elman", 32,
        train -> train.toBuilder().epochs(epochs).build(), 1, trainSize, 1), null);
    System.out.printf("%s %s: %.3f after %d epochs, %.1f s%n", task.name(), attention.id(), r.value(), r.epochs(),
        r.seconds());
    return r;
  }

  @Test
  void reverseOfFiveDigitsWithAttention() {
    Seq2SeqRunner.Result r = run(DigitTask.reverse(5, 5), AttentionKind.ADDITIVE, 5, 2000);
    assertThat(r.value()).isGreaterThan(0.9);
    assertThat(r.baseline()).isLessThan(0.01); // copying the source is right only for palindromes
  }

  @Test
  void reverseOfFiveDigitsWithoutAttentionLearnsToo() {
    assertThat(run(DigitTask.reverse(5, 5), AttentionKind.NONE, 5, 2000).value()).isGreaterThan(0.5);
  }

  @Test
  void sortOfThreeToFiveDigits() {
    assertThat(run(DigitTask.sort(3, 5), AttentionKind.ADDITIVE, 5, 3000).value()).isGreaterThan(0.8);
  }

  @Test
  void datesInSixFormats() {
    Seq2SeqRunner.Result r = run(new DateTask(), AttentionKind.GENERAL, 2, 4000);
    assertThat(r.value()).isGreaterThan(0.8);
    assertThat(r.examples()).allSatisfy(e -> assertThat(e.target()).matches("\\d{4}-\\d{2}-\\d{2}"));
  }

  @Test
  void dateSourcesSpellTheirTargetInEveryFormat() {
    Seq2SeqTask task = new DateTask();
    Random rng = new Random(1);
    java.util.Set<String> shapes = new java.util.HashSet<>();
    for (int i = 0; i < 500; i++) {
      Seq2SeqTask.Pair p = task.generate(rng);
      LocalDate d = LocalDate.parse(p.target());
      assertThat(d.getYear()).isBetween(1950, 2049);
      assertThat(p.source()).contains(Integer.toString(d.getYear()));
      shapes.add(p.source().replaceAll("[0-9]", "9").replaceAll("[a-z]+", "m").replaceAll("9+", "9"));
    }
    // "9 m 9", "m 9, 9", "9/9/9", "9.9.9": full and abbreviated month names share a shape.
    assertThat(shapes).containsExactlyInAnyOrder("9 m 9", "m 9, 9", "9/9/9", "9.9.9");
    Seq2SeqTask.Pair a = task.generate(new Random(7)), b = task.generate(new Random(7));
    assertThat(a).isEqualTo(b);
  }
}
