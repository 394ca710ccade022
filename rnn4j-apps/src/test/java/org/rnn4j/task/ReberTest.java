package org.rnn4j.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnn4j.data.Example;

/** The embedded Reber generator against an independent acceptor, and an LSTM learning the grammar. */
class ReberTest {
  /**
   * The Reber language as a regular expression, derived from the automaton by hand: from state
   * 4 the string ends in S, or goes X T* V to state 5; from 5 it ends in V or goes P to 4.
   */
  static final String FROM_4 = "(XT*VP)*(S|XT*VV)";
  static final String REBER = "B(TS*X" + FROM_4 + "|PT*V(V|P" + FROM_4 + "))E";
  static final Pattern EMBEDDED = Pattern.compile("B(T" + REBER + "T|P" + REBER + "P)E");

  /** True when s is a word of the embedded grammar or can be extended to one. */
  static boolean isPrefixOfWord(String s) {
    Matcher m = EMBEDDED.matcher(s);
    return m.matches() || m.hitEnd();
  }

  @Test
  void theAcceptorAcceptsKnownWordsAndRejectsOthers() {
    assertThat(EMBEDDED.matcher("BTBTXSETE").matches()).isTrue();
    assertThat(EMBEDDED.matcher("BPBPVVEPE").matches()).isTrue();
    assertThat(EMBEDDED.matcher("BTBPTTVPXVPSETE").matches()).isTrue();
    assertThat(EMBEDDED.matcher("BTBTXSEPE").matches()).isFalse(); // wrapping symbols differ
    assertThat(EMBEDDED.matcher("BTBTSSETE").matches()).isFalse(); // S S cannot end the inner string
    assertThat(isPrefixOfWord("BTBTS")).isTrue();
    assertThat(isPrefixOfWord("BTBTV")).isFalse();
  }

  @Test
  void legalNextSetsOfAKnownString() {
    // B T B T X S E T E: after B {T,P}, T {B}, B {T,P}, T {S,X}, X {X,S}, S {E}, E {T}, T {E}
    assertThat(Reber.legalNext("BTBTXSETE")).containsExactly(
        set("TP"), set("B"), set("TP"), set("SX"), set("XS"), set("E"), set("T"), set("E"));
  }

  @Test
  void everyGeneratedStringIsAcceptedAndItsLegalNextSetsAreExactlyTheExtendableSymbols() {
    Random rng = new Random(11);
    for (int i = 0; i < 2000; i++) {
      String s = Reber.embeddedString(rng);
      assertThat(EMBEDDED.matcher(s).matches()).as(s).isTrue();
      int[] legal = Reber.legalNext(s);
      assertThat(legal).hasSize(s.length() - 1);
      for (int t = 0; t < legal.length; t++) {
        String prefix = s.substring(0, t + 1);
        for (int k = 0; k < Reber.N; k++) {
          boolean extendable = isPrefixOfWord(prefix + Reber.SYMBOLS.charAt(k));
          assertThat((legal[t] >> k & 1) == 1).as(prefix + " then " + Reber.SYMBOLS.charAt(k)).isEqualTo(extendable);
        }
      }
    }
  }

  @Test
  void examplesAreOneHotInputsAndLegalSetTargets() {
    Example e = Reber.example("BTBTXSETE");
    assertThat(e.x().shape()).containsExactly(8, 7);
    assertThat(e.y().shape()).containsExactly(8, 7);
    assertThat(e.x().data()[0]).isEqualTo(1f); // B
    assertThat(e.y().data()[1]).isEqualTo(1f); // after B: T
    assertThat(e.y().data()[2]).isEqualTo(1f); //          and P
  }

  @Test
  void lstmPredictsTheLegalSetsOfNearlyEveryTestString() {
    TaskRunner.Result r = TaskRunner.run(new Reber(), TaskRunner.Options.defaults(1), null);
    assertThat(r.value()).isGreaterThan(0.95);
    assertThat(r.baseline()).isBetween(0.5, 0.6); // the more frequent wrapping symbol
  }

  private static int set(String symbols) {
    int bits = 0;
    for (char c : symbols.toCharArray()) {
      bits |= 1 << Reber.SYMBOLS.indexOf(c);
    }
    return bits;
  }
}
