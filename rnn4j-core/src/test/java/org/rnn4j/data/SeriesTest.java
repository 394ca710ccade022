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
    CsvTable t = CsvTable.parse(List.of("v", "1", "2", "3", "4", "5", "6", "7", "8", "1000", "2000"), "s");
    SeriesSpec spec = SeriesSpec.fit(t, "v", List.of(), 1, 3);
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
    CsvTable t = ExampleData.sineSeries(100, 1);
    SeriesSpec spec = SeriesSpec.fit(t, "value", List.of("cos"), 2, 10);
    List<Example> w = SeriesWindows.training(spec, t);
    // validation starts at row 80; the last window's last target is row 79 = s + 9 + 2.
    assertThat(w).hasSize(69);
    float[] x = spec.inputs(t);
    assertThat(w.get(5).x().shape()).containsExactly(10, 2);
    assertThat(w.get(5).y().get(0, 0)).isEqualTo(x[(5 + 2) * 2]);
  }

  @Test
  void tooFewRowsOrAMissingColumnIsAClearError() {
    CsvTable t = ExampleData.sineSeries(20, 1);
    assertThatThrownBy(() -> SeriesSpec.fit(t, "value", List.of(), 1, 50))
        .hasMessage("sine: expected at least 63 data rows for window 50 and horizon 1 (the last 20% is validation), found 20");
    assertThatThrownBy(() -> SeriesSpec.fit(t, "price", List.of(), 1, 5)).hasMessageContaining("expected a column 'price'");
  }

  @Test
  void trainedModelBeatsPersistenceAndContinuesTheSeries() {
    CsvTable t = ExampleData.sineSeries(600, 7);
    SeriesSpec spec = SeriesSpec.fit(t, "value", List.of(), 1, 30);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(1).hiddenSize(24).outputSize(1).loss("mse").build(), 1);
    new Trainer<>(model, new Adam(0.01), TrainConfig.builder().epochs(8).batchSize(16).clipNorm(5.0).seed(1).build()).fit(Batches.of(SeriesWindows.training(spec, t)), null);
    SeriesWindows.Validation v = SeriesWindows.validate(model, spec, t);
    assertThat(v.truth()).hasSize(120);
    assertThat(v.nrmse()).as("model %.3f vs persistence %.3f", v.nrmse(), v.persistenceNrmse())
        .isLessThan(0.5 * v.persistenceNrmse());

    float[] next = SeriesForecaster.forecast(model, spec, t, 20);
    assertThat(next).hasSize(20);
    for (int k = 0; k < next.length; k++) {
      assertThat(next[k]).isFinite().isBetween(-2f, 2f); // the signal's range, in its own units
    }
    // The first forecast is close to the noiseless signal at the next row.
    double truth = Math.sin(0.5 * 600) + 0.5 * Math.sin(1.3 * 600);
    assertThat((double) next[0]).isCloseTo(truth, org.assertj.core.data.Offset.offset(0.3));
  }

  @Test
  void forecastsWithExtraFeaturesStopAtTheHorizon() {
    CsvTable t = ExampleData.sineSeries(200, 3);
    SeriesSpec spec = SeriesSpec.fit(t, "value", List.of("cos"), 3, 20);
    RnnModel model = new RnnModel(ModelConfig.builder().inputSize(2).hiddenSize(8).outputSize(1).loss("mse").build(), 1);
    assertThat(SeriesForecaster.forecast(model, spec, t, 3)).hasSize(3);
    assertThatThrownBy(() -> SeriesForecaster.forecast(model, spec, t, 4))
        .hasMessageContaining("[cos]").hasMessageContaining("expected --steps <= 3, found 4");
  }

  @Test
  void exampleSeriesIsSeeded() {
    assertThat(ExampleData.sineSeries(50, 4).column("value")).containsExactly(ExampleData.sineSeries(50, 4).column("value"));
  }
}
