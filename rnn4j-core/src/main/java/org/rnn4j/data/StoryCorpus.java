package org.rnn4j.data;

import org.rnn4j.math.Rng;

/**
 * The built-in training text: short chronicles of a small harbour town, generated from a seed
 * by a small probabilistic grammar (sentence templates over word lists), so the project ships
 * no third-party text and every run sees the same characters. The grammar has enough structure
 * (capitals after full stops, quotes, weather reports, recurring names and places) that a
 * character model learns visible regularities in minutes, and enough variety that it cannot
 * just memorise it.
 */
public final class StoryCorpus {
  /** The seed and size of the text {@code rnn train} uses by default. */
  public static final long DEFAULT_SEED = 2024;
  public static final int DEFAULT_CHARACTERS = 300_000;

  private static final String[] WOMEN = words("Anna|Maria|Clara|Lena|Rosa|Ida|Nora|Elsa|Greta|Hanna");
  private static final String[] MEN = words("Tom|Peter|Jonas|Karl|Oskar|Emil|Felix|Hugo|Paul|Otto");
  private static final String[] TIMES = words("In the morning|At noon|In the evening|Late at night|Before dawn|"
      + "On Monday|On Tuesday|On Wednesday|On Thursday|On Friday|On Saturday|On Sunday|After lunch|At sunset");
  private static final String[] PLACES = words("harbour|market|bakery|school|library|church|mill|lighthouse|"
      + "station|garden|forest|river|bridge|post office|town hall|inn|farm|beach|hill|square");
  private static final String[] MOVES = words("walked|ran|went|cycled|hurried|drove|wandered|sailed");
  private static final String[] PURPOSES = words("to buy bread|to meet a friend|to read the news|to sell fish|"
      + "to fetch the post|to look at the sea|to find the cat|to ask about the weather|to mend a net|"
      + "to carry apples|to ring the bell|to count the boats");
  private static final String[] THINGS = words("boat|cat|dog|lamp|letter|basket|horse|bird|kite|net|bell|"
      + "cart|hat|key|map|storm|cloud|ship|fox|goat");
  private static final String[] ADJECTIVES = words("old|small|red|quiet|strange|green|heavy|tired|bright|"
      + "little|broken|wet|grey|happy|lost|white|tall|cold");
  private static final String[] SEES = words("saw|found|watched|heard|noticed|followed|painted|lost");
  private static final String[] PREPOSITIONS = words("near the|behind the|in front of the|beside the|under the|inside the");
  private static final String[] WEATHER = words("sunny|rainy|windy|foggy|cloudy|stormy|clear|snowy|mild|cold");
  private static final String[] SKIES = words("The sky was|The sea was|The wind was|The road was|The air was|The harbour was");
  private static final String[] STATES = words("calm|grey|loud|empty|wet|still|blue|dark|warm|busy");
  private static final String[] DIRECTIONS = words("north|south|east|west|north-west|south-east");
  private static final String[] SAYINGS = words("I think it will rain tonight.|We need more flour.|"
      + "The boats are late again.|Have you seen my cat?|The bridge is closed today.|"
      + "It is too cold to sail.|Tomorrow the market opens early.|The lamp in the lighthouse is broken.|"
      + "My brother found a letter in the river.|Let us meet at the inn.|Nobody rang the bell this morning.|"
      + "The fox took two chickens.");
  private static final String[] SPEAKS = words("said|asked|whispered|shouted|answered|laughed");
  private static final String[] ENDINGS = words("went home|fell asleep|ate some soup|wrote a letter|"
      + "lit a candle|closed the door|sang a song|read a book|fed the cat|looked at the stars");
  private static final String[] NUMBERS = words("two|three|four|five|six|seven|eight|nine|ten|twelve");
  private static final String[] COUNTED = words("boats|apples|fish|letters|loaves|birds|children|candles");

  private final Rng rng;

  private StoryCorpus(long seed) {
    this.rng = new Rng(seed);
  }

  /** The default text (same characters on every machine). */
  public static String defaultText() {
    return generate(DEFAULT_SEED, DEFAULT_CHARACTERS);
  }

  /** Paragraphs separated by blank lines, from a seed, until at least {@code characters} characters. */
  public static String generate(long seed, int characters) {
    if (characters <= 0) {
      throw new IllegalArgumentException("story corpus: expected a positive number of characters, found " + characters);
    }
    StoryCorpus g = new StoryCorpus(seed);
    StringBuilder text = new StringBuilder(characters + 1000);
    int day = 1;
    while (text.length() < characters) {
      g.paragraph(text, day++);
    }
    return text.toString();
  }

  private void paragraph(StringBuilder s, int day) {
    s.append("Day ").append(day).append(". ");
    int sentences = 3 + rng.nextInt(4);
    for (int i = 0; i < sentences; i++) {
      s.append(i == 0 ? "" : " ");
      sentence(s);
    }
    s.append("\nWeather: ").append(pick(WEATHER)).append(", ").append(5 + rng.nextInt(20))
        .append(" degrees, wind from the ").append(pick(DIRECTIONS)).append(".\n\n");
  }

  private void sentence(StringBuilder s) {
    boolean woman = rng.nextInt(2) == 0;
    String name = pick(woman ? WOMEN : MEN);
    String pronoun = woman ? "she" : "he";
    switch (rng.nextInt(6)) {
      case 0 -> s.append(pick(TIMES)).append(", ").append(name).append(' ').append(pick(MOVES)).append(" to the ")
          .append(pick(PLACES)).append(' ').append(pick(PURPOSES)).append('.');
      case 1 -> s.append(name).append(' ').append(pick(SEES)).append(" a ").append(pick(ADJECTIVES)).append(' ')
          .append(pick(THINGS)).append(' ').append(pick(PREPOSITIONS)).append(' ').append(pick(PLACES)).append('.');
      case 2 -> s.append('"').append(asQuoted(pick(SAYINGS))).append("\" ").append(pick(SPEAKS)).append(' ').append(name).append('.');
      case 3 -> s.append(pick(SKIES)).append(' ').append(pick(STATES)).append(", and ").append(name).append(' ')
          .append(pick(ENDINGS)).append('.');
      case 4 -> s.append("At the ").append(pick(PLACES)).append(", ").append(name).append(" counted ")
          .append(pick(NUMBERS)).append(' ').append(pick(COUNTED)).append(" and ").append(pick(SPEAKS))
          .append(", \"").append(pick(SAYINGS)).append('"');
      default -> s.append("When the ").append(pick(THINGS)).append(" came back, ").append(name).append(' ')
          .append(pick(ENDINGS)).append(" and ").append(pronoun).append(' ').append(pick(ENDINGS)).append(" too.");
    }
  }

  /** A quoted statement before "said X" ends in a comma, a question keeps its mark. */
  private static String asQuoted(String saying) {
    return saying.endsWith(".") ? saying.substring(0, saying.length() - 1) + "," : saying;
  }

  private String pick(String[] options) {
    return options[rng.nextInt(options.length)];
  }

  private static String[] words(String alternatives) {
    return alternatives.split("\\|");
  }
}
