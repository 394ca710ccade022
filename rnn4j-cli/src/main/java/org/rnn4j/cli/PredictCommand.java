package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.data.CsvTable;
import org.rnn4j.data.SeriesForecaster;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensors;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.model.RnnModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Continue a time series beyond its last row with a model from 'rnn train --data FILE.csv --forecast COLUMN'.",
        "Prints (and with --out writes) CSV rows 'row,COLUMN' in the data's units; rows continue the data's numbering from 0.",
        "Horizon 1 models feed each forecast back as the next input, carrying the state one step at a time."})
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN/model.safetensors", description = "A time-series model file.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "The series to continue (the training CSV's columns).")
  Path data;

  @Option(names = "--steps", description = "How many rows to forecast (default: the model's horizon).")
  Integer steps;

  @Option(names = "--out", paramLabel = "PRED.csv", description = "Also write the forecast to this CSV file.")
  Path outFile;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SafeTensorsFile file = SafeTensors.read(model);
    SeriesSpec series = SeriesSpec.fromMetadata(file.metadata(), model.toString());
    RnnModel rnn = ModelFile.fromFile(model, file);
    CsvTable table = CsvTable.read(data);
    float[] values = SeriesForecaster.forecast(rnn, series, table, steps != null ? steps : series.horizon());
    double[] rows = new double[values.length], forecast = new double[values.length];
    out.println("row," + series.forecast());
    for (int k = 0; k < values.length; k++) {
      rows[k] = table.rows() + k;
      forecast[k] = values[k];
      out.println(table.rows() + k + "," + values[k]);
    }
    if (outFile != null) {
      CsvTable.write(outFile, List.of("row", series.forecast()), new double[][] {rows, forecast});
      out.println("forecast written to " + outFile);
    }
    return 0;
  }
}
