package org.rnn4j.seq2seq;

import java.util.Locale;

/**
 * How the decoder looks at the encoder. NONE conditions it on the encoder's final state only;
 * ADDITIVE is Bahdanau et al. (2015); DOT and GENERAL are Luong et al. (2015).
 */
public enum AttentionKind {
  NONE, ADDITIVE, DOT, GENERAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AttentionKind parse(String s) {
    for (AttentionKind k : values()) {
      if (k.id().equals(s.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("attention: expected none, additive, dot or general, found '" + s + "'");
  }
}
