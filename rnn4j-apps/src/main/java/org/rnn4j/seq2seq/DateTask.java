package org.rnn4j.seq2seq;

import java.time.LocalDate;
import java.util.Random;
import org.rnn4j.data.Vocabulary;

/**
 * Dates written in one of six human formats, to ISO 8601, character by character:
 * "24 november 2026", "24 nov 2026", "november 24, 2026", "nov 24, 2026", "24/11/2026" and
 * "24.11.2026" all become "2026-11-24". Days are uniform over 1950-01-01 … 2049-12-31.
 */
public final class DateTask implements Seq2SeqTask {
  private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december"};
  private static final long FIRST = LocalDate.of(1950, 1, 1).toEpochDay();
  private static final long LAST = LocalDate.of(2049, 12, 31).toEpochDay();

  @Override public String name() { return "dates"; }

  @Override
  public String description() {
    return "translate dates like \"24 nov 2026\", \"november 24, 2026\" or \"24/11/2026\" to \"2026-11-24\"";
  }

  @Override public Vocabulary sourceVocabulary() { return Seq2SeqTask.source("abcdefghijklmnopqrstuvwxyz0123456789 ,/."); }
  @Override public Vocabulary targetVocabulary() { return Seq2SeqTask.target("0123456789-"); }

  @Override
  public Settings defaults() {
    return new Settings(10000, 1000, 8, 32, 0.01, 0.7, 32, 16);
  }

  @Override
  public Pair generate(Random rng) {
    LocalDate d = LocalDate.ofEpochDay(FIRST + (long) rng.nextInt((int) (LAST - FIRST + 1)));
    int day = d.getDayOfMonth(), month = d.getMonthValue(), year = d.getYear();
    String name = MONTHS[month - 1], abbreviation = name.substring(0, 3);
    String source = switch (rng.nextInt(6)) {
      case 0 -> day + " " + name + " " + year;
      case 1 -> day + " " + abbreviation + " " + year;
      case 2 -> name + " " + day + ", " + year;
      case 3 -> abbreviation + " " + day + ", " + year;
      case 4 -> String.format("%02d/%02d/%d", day, month, year);
      default -> String.format("%02d.%02d.%d", day, month, year);
    };
    return new Pair(source, d.toString());
  }
}
