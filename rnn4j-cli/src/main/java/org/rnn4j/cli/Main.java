package org.rnn4j.cli;

/** Entry point of the rnn command. */
public final class Main {
  public static void main(String[] args) {
    System.out.println("rnn4j");
  }
}
