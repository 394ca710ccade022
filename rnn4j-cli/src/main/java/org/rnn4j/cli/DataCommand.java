package org.rnn4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.data.ExampleData;
import org.rnn4j.data.NumericTable;
import org.rnn4j.io.Npy;
import org.rnn4j.seq2seq.Seq2SeqTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Write small seeded example data sets for 'rnn train --data', '--inputs' and '--pairs'.",
    subcommands = {DataCommand.Sine.class, DataCommand.Waves.class, DataCommand.Pairs.class})
final class DataCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "sine", mixinStandardHelpOptions = true,
      description = "A CSV series with columns t, value = sin(0.5t) + 0.5 sin(1.3t) + 0.05*noise, cos = cos(0.5t).")
  static final class Sine implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.csv") Path out;
    @Option(names = "--rows", defaultValue = "1000", description = "Rows (default: ${DEFAULT-VALUE}).") int rows;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).") long seed;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (rows < 1) {
        throw new IllegalArgumentException("--rows: expected a positive integer, found " + rows);
      }
      NumericTable t = ExampleData.sineSeries(rows, seed);
      double[][] columns = new double[t.names().size()][rows];
      for (int c = 0; c < columns.length; c++) {
        float[] values = t.column(t.names().get(c));
        for (int r = 0; r < rows; r++) {
          columns[c][r] = values[r];
        }
      }
      CsvFile.write(out, t.names(), columns);
      spec.commandLine().getOut().println("wrote " + rows + " rows " + t.names() + " to " + out);
      return 0;
    }
  }

  @Command(name = "waves", mixinStandardHelpOptions = true,
      description = {"Which of three frequencies is a noisy wave? Writes DIR/inputs.npy (N, T, 1) zero-padded,",
          "DIR/targets.npy (N) class indices and DIR/lengths.npy (N), lengths from --min-steps to --steps."})
  static final class Waves implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--count", defaultValue = "1000", description = "Sequences N (default: ${DEFAULT-VALUE}).") int count;
    @Option(names = "--steps", defaultValue = "30", description = "Padded length T (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--min-steps", defaultValue = "15", description = "Shortest sequence (default: ${DEFAULT-VALUE}).") int minSteps;
    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (count < 1) {
        throw new IllegalArgumentException("--count: expected a positive integer, found " + count);
      }
      ExampleData.Arrays a = ExampleData.waves(count, minSteps, steps, seed);
      Files.createDirectories(out);
      Npy.write(out.resolve("inputs.npy"), a.inputs());
      Npy.write(out.resolve("targets.npy"), a.targets());
      Npy.write(out.resolve("lengths.npy"), a.lengths());
      spec.commandLine().getOut().println("wrote inputs " + a.inputs().shapeString() + ", targets " + a.targets().shapeString()
          + " and lengths " + a.lengths().shapeString() + " to " + out);
      return 0;
    }
  }

  @Command(name = "pairs", mixinStandardHelpOptions = true,
      description = {"Source<TAB>target lines from a built-in sequence-to-sequence task (as 'rnn seq2seq' draws them):",
          "reverse (digit strings), sort (their digits) or dates (\"24 nov 2026\" -> \"2026-11-24\")."})
  static final class Pairs implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "reverse, sort or dates.") String task;
    @Option(names = "--out", required = true, paramLabel = "FILE.tsv") Path out;
    @Option(names = "--count", defaultValue = "2000", description = "Pairs (default: ${DEFAULT-VALUE}).") int count;
    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (count < 1) {
        throw new IllegalArgumentException("--count: expected a positive integer, found " + count);
      }
      Seq2SeqTask generator = Seq2SeqTask.create(task);
      Random rng = new Random(seed);
      StringBuilder tsv = new StringBuilder();
      for (int i = 0; i < count; i++) {
        Seq2SeqTask.Pair p = generator.generate(rng);
        tsv.append(p.source()).append('\t').append(p.target()).append('\n');
      }
      Files.writeString(out, tsv, StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote " + count + " " + task + " pairs to " + out);
      return 0;
    }
  }
}
