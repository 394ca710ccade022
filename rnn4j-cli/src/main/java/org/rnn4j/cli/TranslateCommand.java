package org.rnn4j.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.data.TextCorpus;
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
    InputStream in = new BufferedInputStream(input != null ? Files.newInputStream(input) : System.in);
    try {
      // Decoded strictly line by line: invalid UTF-8 is an error naming its line, and each line is
      // translated as soon as it has arrived.
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int number = 1; readLine(in, line); number++) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String where = name + " line " + number;
        String text = TextCorpus.decodeStrict(where, Arrays.copyOf(bytes, length));
        if (number == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        try {
          out.println(beam > 1 ? translator.beam(text, beam) : translator.greedy(List.of(text)).get(0));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
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

  /** Reads the bytes up to the next newline (which is dropped) into {@code line}; false at the end of the input. */
  private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return b != -1 || line.size() > 0;
  }
}
