package org.rnn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.seq2seq.Seq2Seq;
import org.rnn4j.seq2seq.Seq2SeqFile;
import org.rnn4j.seq2seq.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "translate", mixinStandardHelpOptions = true,
    description = {"Translate text line by line with a model from 'rnn train --pairs' (or 'rnn seq2seq --save').",
        "Reads UTF-8 lines from --input or standard input and writes one output line per input line as soon as it",
        "is translated. Symbols the model never saw map to its <unk> token; an empty line gives an empty line."})
final class TranslateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN/model.safetensors", description = "A sequence-to-sequence model file.")
  Path model;

  @Option(names = "--input", paramLabel = "FILE", description = "Lines to translate (default: standard input).")
  Path input;

  @Option(names = "--beam", defaultValue = "1", paramLabel = "K", description = "Beam width; 1 is greedy (default: ${DEFAULT-VALUE}).")
  int beam;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (beam < 1) {
      throw new IllegalArgumentException("--beam: expected a width of at least 1, found " + beam);
    }
    Seq2Seq loaded = Seq2SeqFile.load(model);
    if (loaded.text() == null) {
      throw new IllegalArgumentException(model + ": expected a model with its vocabularies, found a model of token ids only");
    }
    Translator translator = Translator.of(loaded);
    PrintWriter out = spec.commandLine().getOut();
    String name = input != null ? input.toString() : "standard input";
    InputStream in = input != null ? Files.newInputStream(input) : System.in;
    try {
      // Invalid UTF-8 is an error, not replacement characters the model would translate.
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
      int number = 0;
      while (true) {
        String line;
        try {
          line = lines.readLine();
        } catch (CharacterCodingException e) {
          throw new IOException(name + " line " + (number + 1) + ": expected UTF-8 text, found invalid bytes");
        }
        if (line == null) {
          break;
        }
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        try {
          out.println(beam > 1 ? translator.beam(line, beam) : translator.greedy(List.of(line)).get(0));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(name + " line " + number + ": " + e.getMessage(), e);
        }
        out.flush();
      }
    } finally {
      if (input != null) {
        in.close(); // standard input stays open: it is not ours
      }
    }
    return 0;
  }
}
