package org.rnn4j.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.data.NumericTable;
import org.rnn4j.data.SeriesForecaster;
import org.rnn4j.data.SeriesSpec;
import org.rnn4j.io.ModelFile;
import org.rnn4j.io.SafeTensorsFile;
import org.rnn4j.model.PackedModel;
import org.rnn4j.model.RnnModel;

/**
 * A time-series forecaster (a file of {@code rnn train --data FILE.csv --forecast COLUMN}):
 * {@code POST /predict} continues a series given as named columns, as {@code rnn predict} does.
 */
final class ForecasterKind implements ServedKind {
  private static final String FEATURES_KEY = "rnn4j.series.features";

  @Override
  public String name() {
    return "forecaster";
  }

  @Override
  public String recognises() {
    return "metadata " + FEATURES_KEY + ", written by rnn train --forecast";
  }

  @Override
  public boolean accepts(SafeTensorsFile contents) {
    return contents.metadata().containsKey(FEATURES_KEY);
  }

  @Override
  public ServedModel load(Path file, SafeTensorsFile contents, Limits limits) throws IOException {
    SeriesSpec spec = SeriesSpec.fromMetadata(contents.metadata(), file.toString());
    RnnModel model = ModelFile.fromFile(file, contents);
    // A bidirectional model cannot stream; its one forward call uses the model's own workspaces,
    // so its requests take turns.
    PackedModel packed = model.config().bidirectional() ? null : model.packed();
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("features", spec.features());
    description.put("forecast", spec.forecast());
    description.put("horizon", spec.horizon());
    description.put("window", Math.max(spec.window(), spec.horizon()));
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    endpoints.put("/predict", request -> {
      request.allow("columns", "steps");
      NumericTable table = table(request.columns("columns"), spec);
      int steps = limits.steps("steps", request.integer("steps", spec.horizon(), 1, Integer.MAX_VALUE));
      float[][] forecast; // (steps, K)
      try {
        if (packed != null) {
          forecast = SeriesForecaster.forecast(packed, spec, table, steps);
        } else {
          synchronized (model) {
            forecast = SeriesForecaster.forecast(model, spec, table, steps);
          }
        }
      } catch (IllegalArgumentException e) { // too few rows, or more steps than the model can forecast
        throw new RequestException(400, e.getMessage().startsWith("--steps") ? "steps" : "columns",
            e.getMessage().replaceFirst("^--steps", "steps"));
      }
      Map<String, List<Float>> values = new LinkedHashMap<>(); // per forecast column, its next rows
      for (int c = 0; c < spec.forecast().size(); c++) {
        List<Float> column = new ArrayList<>();
        for (float[] row : forecast) {
          column.add(row[c]);
        }
        values.put(spec.forecast().get(c), column);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("columns", spec.forecast());
      out.put("first_row", table.rows());
      out.put("forecast", values);
      return out;
    });
    return new ServedModel(name(), description, endpoints);
  }

  /** The request's columns as a table; every feature of the model must be there, all of one length. */
  private static NumericTable table(Map<String, float[]> columns, SeriesSpec spec) {
    List<String> header = new ArrayList<>(columns.keySet());
    for (String f : spec.features()) {
      if (!columns.containsKey(f)) {
        throw RequestException.badField("columns", "expected the model's feature columns " + spec.features() + ", found "
            + header);
      }
    }
    float[][] data = columns.values().toArray(new float[0][]);
    for (int c = 0; c < data.length; c++) {
      if (data[c].length != data[0].length) {
        throw RequestException.badField("columns." + header.get(c), "expected " + data[0].length + " values like '"
            + header.get(0) + "', found " + data[c].length);
      }
    }
    return NumericTable.of("columns", header, data);
  }
}
