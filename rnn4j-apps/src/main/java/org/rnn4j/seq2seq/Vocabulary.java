package org.rnn4j.seq2seq;

/**
 * Characters ↔ token ids. A target vocabulary reserves ids 0 and 1 for {@link Seq2Seq#BOS} and
 * {@link Seq2Seq#EOS}, so its characters start at 2; a source vocabulary reserves nothing.
 */
public final class Vocabulary {
  private final String alphabet;
  private final int reserved;

  private Vocabulary(String alphabet, int reserved) {
    this.alphabet = alphabet;
    this.reserved = reserved;
  }

  public static Vocabulary source(String alphabet) {
    return new Vocabulary(alphabet, 0);
  }

  public static Vocabulary target(String alphabet) {
    return new Vocabulary(alphabet, 2);
  }

  public int size() {
    return reserved + alphabet.length();
  }

  public int[] encode(String text) {
    int[] ids = new int[text.length()];
    for (int i = 0; i < ids.length; i++) {
      int c = alphabet.indexOf(text.charAt(i));
      if (c < 0) {
        throw new IllegalArgumentException("text: expected characters from \"" + alphabet + "\", found '"
            + text.charAt(i) + "' in \"" + text + "\"");
      }
      ids[i] = reserved + c;
    }
    return ids;
  }

  /** The text of ids; the reserved BOS and EOS show as ^ and $. */
  public String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      sb.append(id < reserved ? (id == Seq2Seq.BOS ? '^' : '$') : alphabet.charAt(id - reserved));
    }
    return sb.toString();
  }
}
