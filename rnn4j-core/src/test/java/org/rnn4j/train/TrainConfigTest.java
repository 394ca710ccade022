package org.rnn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.cell.Activation;
import org.rnn4j.model.ModelConfig;
import org.rnn4j.optim.Optimizer;
import org.rnn4j.optim.Schedule;

class TrainConfigTest {
  @TempDir Path dir;

  private static final String FULL = """
      {"epochs": 3, "batch_size": 8, "max_steps": 500, "max_minutes": 1.5, "clip_norm": 5, "seed": 42,
       "on_non_finite": "skip", "checkpoint_every": 50, "optimizer": "rmsprop", "lr": 0.002,
       "optimizer_options": {"momentum": 0.9, "centered": true}, "schedule": "cosine", "lr_floor": 0.0001,
       "warmup_steps": 100, "model": {"cell": "gru", "hidden_size": 32, "dropout": 0.1}}
      """;

  @Test
  void anEmptyObjectMeansTheDefaults() {
    assertThat(TrainConfig.fromJson("{}")).isEqualTo(TrainConfig.defaults());
  }

  @Test
  void readsEverySettingAndBuildsTheTrainingObjects() {
    TrainConfig c = TrainConfig.fromJson(FULL);
    assertThat(c).isEqualTo(TrainConfig.builder().epochs(3).batchSize(8).clipNorm(5).seed(42).maxSteps(500)
        .maxMinutes(1.5).onNonFinite(NonFinitePolicy.SKIP).checkpointEvery(50).optimizer("rmsprop").lr(0.002)
        .optimizerOptions(c.optimizerOptions()).schedule(c.schedule()).lrFloor(c.lrFloor())
        .scheduleSteps(c.scheduleSteps()).warmupSteps(c.warmupSteps()).model(c.model()).build());
    Optimizer opt = c.newOptimizer();
    assertThat(opt.name()).isEqualTo("rmsprop");
    assertThat(opt.learningRate()).isEqualTo(0.002);
    assertThat(opt.hyperParameters()).containsEntry("momentum", 0.9).containsEntry("centered", true);
    assertThat(c.newSchedule()).isEqualTo(new Schedule.Warmup(100, new Schedule.Cosine(0.002, 0.0001, 400)));
    ModelConfig m = c.model().applyTo(ModelConfig.builder().hiddenSize(4).numLayers(2).build());
    assertThat(m.cell()).isEqualTo("gru");
    assertThat(m.hiddenSize()).isEqualTo(32);
    assertThat(m.numLayers()).isEqualTo(2);
    assertThat(m.dropout()).isEqualTo(0.1);
  }

  @Test
  void theNonlinearityOverrideIsReadWrittenAndCheckedAgainstTheCell() {
    TrainConfig c = TrainConfig.fromJson("{\"model\": {\"nonlinearity\": \"relu\"}}");
    assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
    assertThat(c.model().applyTo(ModelConfig.builder().build()).nonlinearity()).isEqualTo(Activation.RELU);
    assertThatThrownBy(() -> c.model().applyTo(ModelConfig.builder().cell("gru").build()))
        .hasMessageStartingWith("nonlinearity: expected a cell that has one to choose").hasMessageEndingWith("found cell 'gru'");
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"model\": {\"nonlinearity\": \"softplus\"}}"))
        .hasMessage("model.nonlinearity: expected one of tanh, relu, sigmoid, identity, found 'softplus'");
  }

  @Test
  void theEffectiveConfigRoundTrips() throws IOException {
    TrainConfig c = TrainConfig.fromJson(FULL);
    Path file = Files.writeString(dir.resolve("config.json"), c.toJson());
    assertThat(TrainConfig.read(file)).isEqualTo(c);
    assertThat(TrainConfig.fromJson(TrainConfig.defaults().toJson())).isEqualTo(TrainConfig.defaults());
  }

  @Test
  void unknownKeysAreNamed() {
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"epochs\": 2, \"learning_rate\": 0.1}"))
        .hasMessageStartingWith("training config: unknown key learning_rate; expected one of [batch_size,");
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"model\": {\"hidden\": 8}}"))
        .hasMessageStartingWith("model: unknown key hidden; expected one of [bidirectional, cell,");
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"optimizer_options\": {\"momentum\": 0.9}}"))
        .hasMessage("optimizer_options: adam options: expected only [beta1, beta2, eps, weight_decay], found unknown [momentum]");
  }

  @Test
  void badValuesNameTheKeyTheExpectationAndTheValue() {
    Map<String, String> cases = Map.of(
        "{\"epochs\": \"ten\"}", "epochs: expected an integer > 0, found \"ten\"",
        "{\"batch_size\": 0}", "batch_size: expected an integer > 0, found 0",
        "{\"max_steps\": 2.5}", "max_steps: expected an integer, found 2.5",
        "{\"clip_norm\": -1}", "clip_norm: expected a finite number >= 0, found -1.0",
        "{\"lr\": 0}", "lr: expected a finite number > 0, found 0.0",
        "{\"on_non_finite\": \"ignore\"}", "on_non_finite: expected stop or skip, found 'ignore'",
        "{\"optimizer\": \"lbfgs\"}", "optimizer: expected one of [adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd], found 'lbfgs'",
        "{\"schedule\": \"cosine\", \"max_steps\": 10, \"warmup_steps\": 10}", "max_steps: expected more than warmup_steps = 10 for a cosine schedule over the step budget, found 10",
        "{\"model\": {\"bidirectional\": 1}}", "model.bidirectional: expected true or false, found 1",
        "[1, 2]", "training config: expected a JSON object, found invalid JSON");
    cases.forEach((json, message) -> assertThatThrownBy(() -> TrainConfig.fromJson(json)).as(json)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message));
  }

  @Test
  void cosineSpansTheBudgetThatIsKnownAndPlateauStartsFromTheRate() {
    assertThat(TrainConfig.builder().schedule("cosine").maxSteps(50).warmupSteps(10).lrFloor(0.001).build().newSchedule())
        .isEqualTo(new Schedule.Warmup(10, new Schedule.Cosine(0.01, 0.001, 40)));
    assertThat(TrainConfig.builder().schedule("cosine").maxMinutes(5).build().newSchedule())
        .isEqualTo(new Schedule.CosineToBudget(0.01, 0));
    TrainConfig plateau = TrainConfig.fromJson("{\"schedule\": \"plateau\", \"gamma\": 0.5, \"plateau_patience\": 3, "
        + "\"lr_floor\": 0.001}");
    assertThat(plateau.newSchedule()).isEqualTo(Schedule.Plateau.start(0.01, 0.5, 3, 0.001));
    assertThat(TrainConfig.fromJson(plateau.toJson())).isEqualTo(plateau);
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"schedule\": \"plateau\", \"gamma\": 1}"))
        .hasMessage("gamma/plateau_patience: expected a factor in (0, 1) and an integer > 0 for a plateau schedule, "
            + "found gamma=1.0, plateau_patience=2");
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"schedule\": \"linear\"}"))
        .hasMessage("schedule: expected constant, step, cosine or plateau, found 'linear'");
  }
}
