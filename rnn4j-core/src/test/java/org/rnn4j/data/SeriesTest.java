package org.rnn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.model.RnnModel;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.TrainConfig;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.Batches;

/** CSV series: normalisation from the training part only, windows, validation and forecasts. */
class SeriesTest {

  @Test
  void normalisationUsesOnlyTheTrainingPart() {
    // 10 rows: the first 8 train, the last 2 validate and are far away on purpose.
    NumericTable t = NumericTable.of("s", List.of("v"), new float[][] {{1, 2, 3, 4, 5, 6, 7, 8, 1000, 2000}});
    SeriesSpec spec = SeriesSpec.fit(t, List.of("v"), List.of(), 1, 3);
    assertThat(SeriesSpec.validationStart(10)).isEqualTo(8);
    assertThat(spec.mean()[0]).isEqualTo(4.5f);
    assertThat(spec.std()[0]).isCloseTo((float) Math.sqrt(5.25), org.assertj.core.data.Offset.offset(1e-6f));
    SeriesSpec back = SeriesSpec.fromMetadata(spec.toMetadata(), "m");
    assertThat(back.features()).containsExactly("v");
    assertThat(back.mean()).containsExactly(spec.mean());
    assertThat(back.std()).containsExactly(spec.std());
    assertThat(back.horizon()).isEqualTo(1);
    assertThat(back.window()).isEqualTo(3);
  }

  @Test
  void trainingWindowsStopBeforeTheValidationPartAndShiftTargetsByTheHorizon() {
    NumericTable t = ExampleData.sineSeries(100, 1);
    SeriesSpec spec = SeriesSpec.fit(t, List.of("value"), List.of("cos"), 2, 10);
    List<Example> w = SeriesWindows.training(spec, t);
    // validation starts at row 80; the last window's last target is row 79 = s + 9 + 2.
    assertThat(w).hasSize(69);
    float[] x = spec.inputs(t);
    assertThat(w.get(5).x().shape()).containsExactly(10, 2);
    assertThat(w.get(5).y().get(0, 0)).isEqualTo(x[(5 + 2) * 2]);
  }

  @Test
  void tooFewRowsOrAMissingColumnIsAClearError() {
    NumericTable t = ExampleData.sineSeries(20, 1);
    assertThatThrownBy(() -> SeriesSpec.fit(t, List.of("value"), List.of(), 1, 50))
        .hasMessage("sine: expected at least 63 data rows for window 50 and horizon 1 (the last 20% is validation), found 20");
    assertThatThrownBy(() -> SeriesSpec.fit(t, List.of("price"), List.of(), 1, 5)).hasMessageContaining("expected a column 'price'");
  }

  @Test
  void trainedModelBeatsPersistenceAndContinuesTheSeries() {
    NumericTable t = ExampleData.sineSeries(600, 7);
    SeriesSpec spec = SeriesSpec.fit(t, List.of("value"), List.of(), 1, 30);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(1).hiddenSize(24).outputSize(1).loss("mse").build(), 1);
    new Trainer<>(model, new Adam(0.01), TrainConfig.builder().epochs(8).batchSize(16).clipNorm(5.0).seed(1).build()).fit(Batches.of(SeriesWindows.training(spec, t)), null);
    SeriesWindows.Validation v = SeriesWindows.validate(model, spec, t);
    assertThat(v.truth()).hasDimensions(1, 120);
    assertThat(v.nrmse()).as("model %.3f vs persistence %.3f", v.nrmse(), v.persistenceNrmse())
        .isLessThan(0.5 * v.persistenceNrmse());

    float[][] next = SeriesForecaster.forecast(model, spec, t, 20);
    assertThat(next).hasDimensions(20, 1);
    for (float[] row : next) {
      assertThat(row[0]).isFinite().isBetween(-2f, 2f); // the signal's range, in its own units
    }
    // The first forecast is close to the noiseless signal at the next row.
    double truth = Math.sin(0.5 * 600) + 0.5 * Math.sin(1.3 * 600);
    assertThat((double) next[0][0]).isCloseTo(truth, org.assertj.core.data.Offset.offset(0.3));
  }

  @Test
  void forecastsWithExtraFeaturesStopAtTheHorizon() {
    NumericTable t = ExampleData.sineSeries(200, 3);
    SeriesSpec spec = SeriesSpec.fit(t, List.of("value"), List.of("cos"), 3, 20);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(2).hiddenSize(8).outputSize(1).loss("mse").build(), 1);
    assertThat(SeriesForecaster.forecast(model, spec, t, 3)).hasDimensions(3, 1);
    assertThatThrownBy(() -> SeriesForecaster.forecast(model, spec, t, 4))
        .hasMessageContaining("[cos]").hasMessageContaining("expected --steps <= 3, found 4");
  }

  @Test
  void severalForecastColumnsAreTheFirstFeaturesAndEachIsScoredOnItsOwn() {
    NumericTable t = ExampleData.sineSeries(300, 5);
    SeriesSpec spec = SeriesSpec.fit(t, List.of("value", "cos"), List.of("t", "cos"), 2, 12);
    assertThat(spec.features()).containsExactly("value", "cos", "t");
    assertThat(spec.forecast()).containsExactly("value", "cos");
    SeriesSpec back = SeriesSpec.fromMetadata(spec.toMetadata(), "m");
    assertThat(back.outputs()).isEqualTo(2);
    assertThat(back.forecast()).containsExactly("value", "cos");

    List<Example> w = SeriesWindows.training(spec, t);
    float[] x = spec.inputs(t);
    assertThat(w.get(3).y().shape()).containsExactly(12, 2);
    assertThat(w.get(3).y().get(4, 1)).isEqualTo(x[(3 + 4 + 2) * 3 + 1]); // cos at row s + t + H

    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(3).hiddenSize(8).outputSize(2).loss("mse").build(), 1);
    SeriesWindows.Validation v = SeriesWindows.validate(model, spec, t);
    assertThat(v.targets()).containsExactly("value", "cos");
    assertThat(v.truth()[1]).containsExactly(java.util.Arrays.copyOfRange(t.column("cos"), 240, 300));
    double rms = Math.sqrt((v.nrmse(0) * v.nrmse(0) + v.nrmse(1) * v.nrmse(1)) / 2);
    assertThat(v.nrmse()).isCloseTo(rms, org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(() -> SeriesSpec.fit(t, List.of("value", "value"), List.of(), 1, 5))
        .hasMessage("--forecast: expected one or more distinct columns, found [value, value]");
  }

  @Test
  void aModelOfOnlyItsForecastColumnsContinuesThemTogether() {
    NumericTable t = ExampleData.sineSeries(120, 2);
    SeriesSpec spec = SeriesSpec.fit(t, List.of("value", "cos"), List.of(), 1, 10);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(2).hiddenSize(6).outputSize(2).loss("mse").build(), 3);
    float[][] next = SeriesForecaster.forecast(model, spec, t, 5);
    assertThat(next).hasDimensions(5, 2);
    // Row 1 comes from feeding row 0's two forecasts back: the same as one step on them.
    float[] x = spec.inputs(t);
    RnnModel.Output warm = model.forward(org.rnn4j.tensor.Tensor.of(java.util.Arrays.copyOfRange(x, 110 * 2, 120 * 2), 10, 1, 2));
    float[] z0 = java.util.Arrays.copyOfRange(warm.output().data(), 9 * 2, 10 * 2);
    float[] z1 = model.step(org.rnn4j.tensor.Tensor.of(z0, 1, 2), warm.finalStates()).output().data();
    assertThat(next[1][0]).isEqualTo(spec.denormalise(0, z1[0]));
    assertThat(next[1][1]).isEqualTo(spec.denormalise(1, z1[1]));
  }

  @Test
  void oldModelFilesWithoutAnOutputCountHaveOneForecastColumn() {
    java.util.Map<String, String> m = new java.util.HashMap<>(SeriesSpec.fit(ExampleData.sineSeries(40, 1), List.of("value"),
        List.of("cos"), 1, 5).toMetadata());
    m.remove("rnn4j.series.outputs");
    SeriesSpec old = SeriesSpec.fromMetadata(m, "old.safetensors");
    assertThat(old.outputs()).isEqualTo(1);
    assertThat(old.forecast()).containsExactly("value");
  }

  @Test
  void exampleSeriesIsSeeded() {
    assertThat(ExampleData.sineSeries(50, 4).column("value")).containsExactly(ExampleData.sineSeries(50, 4).column("value"));
  }
}
