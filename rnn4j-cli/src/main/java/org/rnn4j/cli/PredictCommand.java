package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.csv.CsvFile;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesForecaster;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.esn.EchoStateNetwork;
import org.rnn4j.esn.EsnBenchmark;
import org.rnn4j.esn.EsnModelFile;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
    header = "Continue a time series with a forecaster from 'rnn train' or an echo state network from 'rnn esn'.",
    description = {"Continue a time series beyond its last row with a model from 'rnn train --data FILE.csv --forecast COLUMNS'",
        "or an echo state network from 'rnn esn --data FILE.csv --forecast COLUMN --save FILE' (the file says which).",
        "Prints (and with --out writes) CSV rows 'row,COLUMN...' in the data's units; rows continue the data's numbering from 0.",
        "Models of only their forecast columns feed each forecast back as the next input, carrying the state one step at a time;",
        "an echo state network reads the whole series first (default --steps: 1)."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN/model.safetensors", description = "A time-series model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The series to continue (the training CSV's columns).")
  Path data;

  @Option(names = "--steps", description = "How many rows to forecast (default: the model's horizon).")
  Integer steps;

  @Option(names = "--out", paramLabel = "PRED.csv", description = "Also write the forecast to this CSV file.")
  Path outFile;

  @Mixin CsvOptions csv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SafeTensorsFile file = SafeTensors.read(model);
    SeriesSpec series = SeriesSpec.fromMetadata(file.metadata(), model.toString());
    NumericTable table = csv.read(data, series.features()).table();
    int n = steps != null ? steps : series.horizon();
    float[][] values;
    if (EsnModelFile.isEsn(file.metadata())) {
      values = esn(EsnModelFile.fromFile(model, file), series, table, n);
    } else {
      values = SeriesForecaster.forecast(ModelFile.fromFile(model, file), series, table, n);
    }
    write(out, table.rows(), series.forecast(), values);
    return 0;
  }

  /** An echo state network from 'rnn esn --save': it reads the whole column, then runs free. */
  private static float[][] esn(EchoStateNetwork esn, SeriesSpec series, NumericTable table, int steps) {
    float[] column = table.column(series.forecast().get(0));
    double[] values = new double[column.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = column[i];
    }
    double[] next = EsnBenchmark.continueSeries(esn, values, series.mean()[0], series.std()[0], steps);
    float[][] out = new float[steps][1];
    for (int k = 0; k < steps; k++) {
      out[k][0] = (float) next[k];
    }
    return out;
  }

  /** Prints the forecast rows (numbered on from {@code firstRow}) and writes them to {@code --out}. */
  private void write(PrintWriter out, int firstRow, List<String> columns, float[][] values) throws java.io.IOException {
    List<String> header = new ArrayList<>(List.of("row"));
    header.addAll(columns);
    double[][] table = new double[header.size()][values.length];
    out.println(String.join(",", header));
    for (int s = 0; s < values.length; s++) {
      StringBuilder line = new StringBuilder().append(firstRow + s);
      table[0][s] = firstRow + s;
      for (int k = 0; k < columns.size(); k++) {
        line.append(',').append(values[s][k]);
        table[k + 1][s] = values[s][k];
      }
      out.println(line);
    }
    if (outFile != null) {
      CsvFile.write(outFile, header, table);
      out.println("forecast written to " + outFile);
    }
  }
}
