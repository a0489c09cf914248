package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmel.base.BadInputException;
import org.rmel.method.Condition;
import org.rmel.method.MethodSettings;

class TrainSettingsTest {

    @Test
    void validateNamesTheSettingAndTheRange() {
        assertTrue(TrainSettings.validate("k", "1").contains("at least 2"));
        assertTrue(TrainSettings.validate("tau_min", "1.5").contains("[0.0, 1.0]"));
        assertTrue(TrainSettings.validate("budget", "0").contains("at least 1"));
        assertTrue(TrainSettings.validate("tau_schedule", "0.7,1.2").contains("1.2"));
        assertEquals("'eight' is not an integer", TrainSettings.validate("k", "eight"));
        assertTrue(TrainSettings.validate("colour", "red").contains("unknown setting 'colour'"));
        assertTrue(TrainSettings.validate("condition", "grpo").contains("r-mel-adaptive"));
        assertNull(TrainSettings.validate("k", "8"));
        assertNull(TrainSettings.validate("tau_schedule", "0.7, 0.5"));
        assertNull(TrainSettings.validate("condition", "r-mel-adaptive"));
    }

    @Test
    void setParsesIntoTheSettingsType() {
        TrainSettings s = TrainSettings.preset("smoke").with("k", "6").with("tau_schedule", "0.9,0.4").with("lr", "1e-4");
        assertEquals(6, s.integer("k"));
        assertEquals(List.of(0.9, 0.4), s.doubleList("tau_schedule"));
        assertEquals(1e-4, s.doubleValue("lr"));
        var e = assertThrows(BadInputException.class, () -> s.with("k", "1"));
        assertTrue(e.getMessage().contains("k=1"), e.getMessage());
    }

    @Test
    void presetsHoldThePapersSettings() {
        TrainSettings paper = TrainSettings.preset("paper");
        assertEquals(8, paper.integer("k"));
        assertEquals(128, paper.integer("prompts_per_step"));
        assertEquals(1e-6, paper.doubleValue("lr"));
        assertEquals(100, paper.integer("steps"));
        assertEquals(1.0, paper.doubleValue("temperature"));
        assertEquals(0.2, paper.doubleValue("clip_ratio_low"));
        assertEquals(0.2, paper.doubleValue("clip_ratio_high"));
        assertEquals(4, paper.integer("budget"));
        assertEquals(0.3, paper.doubleValue("tau_min"));
        assertEquals(8, paper.integer("eval_samples"));
        assertEquals(0.6, paper.doubleValue("eval_temperature"));
        var e = assertThrows(BadInputException.class, paper::checkConsistent);
        assertTrue(e.getMessage().startsWith("model:"), e.getMessage());
        var unknown = assertThrows(BadInputException.class, () -> TrainSettings.preset("huge"));
        assertTrue(unknown.getMessage().contains("smoke, default, paper"));
    }

    @Test
    void paperPresetTakesVerlsGrpoExampleDefaultsForWhatThePaperLeavesOpen() {
        TrainSettings paper = TrainSettings.preset("paper");
        assertEquals("token-mean", paper.string("loss_agg_mode"));
        assertTrue(paper.bool("use_kl_loss"));
        assertTrue(paper.keepsReferencePolicy());
        assertEquals("low_var_kl", paper.string("kl_loss_type"));
        assertEquals(0.001, paper.doubleValue("kl_loss_coef"));
        assertEquals(3.0, paper.doubleValue("clip_ratio_c"));
        assertEquals(4, paper.integer("prompts_per_step") / paper.integer("ppo_mini_batch_size"), "four mini-batches");
        assertEquals(1, paper.integer("ppo_epochs"));
        assertEquals(1.0, paper.doubleValue("grad_clip"));
        assertEquals(1.0, paper.doubleValue("top_p"));
        assertEquals(List.of(32, 32, 32, 32), UpdatePhase.miniBatchSizes(paper));
    }

    @Test
    void updateSettingsAreCheckedByName() {
        assertTrue(TrainSettings.validate("top_p", "0.9").contains("off-policy"));
        assertTrue(TrainSettings.validate("loss_agg_mode", "seq-mean").contains("seq-mean-token-mean"));
        assertTrue(TrainSettings.validate("kl_loss_type", "full").contains("low_var_kl"));
        assertTrue(TrainSettings.validate("clip_ratio_c", "0.5").contains("> 1"));
        assertNull(TrainSettings.validate("clip_ratio_c", "0"));
        assertTrue(TrainSettings.validate("use_kl_loss", "maybe").contains("true or false"));
        assertTrue(TrainSettings.validate("ppo_mini_batch_size", "0").contains("at least 1"));
        assertEquals(List.of(4, 4, 2), UpdatePhase.miniBatchSizes(TrainSettings.preset("default")
                .with("prompts_per_step", "10")));
    }

    @Test
    void runsWrittenBeforeTheUpdateSettingsReadAsTheyRan() {
        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(TrainSettings.preset("default").asMap());
        for (String key : List.of("ppo_mini_batch_size", "ppo_epochs", "micro_batch_size", "loss_agg_mode",
                "clip_ratio_low", "clip_ratio_high", "clip_ratio_c", "use_kl_loss", "kl_loss_coef", "kl_loss_type",
                "grad_clip", "max_consecutive_skips")) {
            old.remove(key);
        }
        old.put("clip_eps", 0.15);
        TrainSettings s = TrainSettings.fromSpec(old, "run.json");
        assertEquals(0.15, s.doubleValue("clip_ratio_low"));
        assertEquals(0.15, s.doubleValue("clip_ratio_high"));
        assertEquals(0.0, s.doubleValue("clip_ratio_c"), "no dual clip before it existed");
        assertEquals(s.integer("prompts_per_step"), s.integer("ppo_mini_batch_size"), "one optimizer step per batch");
        assertEquals(false, s.bool("use_kl_loss"));
        old.remove("prompts_per_step");
        var e = assertThrows(BadInputException.class, () -> TrainSettings.fromSpec(old, "run.json"));
        assertTrue(e.getMessage().contains("'prompts_per_step' is missing"), e.getMessage());
    }

    @Test
    void conditionsFixTheirSettingsAndRejectContradictions() {
        assertEquals(0.0, TrainSettings.preset("smoke").withCondition("r-mel-no-prefix").doubleValue("tau_min"));
        assertEquals(1, TrainSettings.preset("smoke").withCondition("r-mel-b1").integer("budget"));
        var e = assertThrows(BadInputException.class,
                () -> TrainSettings.preset("smoke").withCondition("r-mel-b1").with("budget", "3").checkConsistent());
        assertTrue(e.getMessage().startsWith("budget=3"), e.getMessage());
    }

    @Test
    void everyConditionRunsWithTheValuesTheMethodCoreFixes() {
        assertEquals(Condition.validNames(), String.join(", ", TrainSettings.CONDITIONS));
        for (String name : TrainSettings.CONDITIONS) {
            TrainSettings s = TrainSettings.preset("default").withCondition(name).checkConsistent();
            MethodSettings m = MethodSettings.resolve(Condition.fromCliName(name), s.doubleList("tau_schedule"),
                    java.util.OptionalInt.of(s.integer("budget")), java.util.OptionalDouble.of(s.doubleValue("tau_min")));
            assertEquals(m.budget(), s.integer("budget"), name);
            assertEquals(m.tauMin(), s.doubleValue("tau_min"), name);
        }
        var e = assertThrows(BadInputException.class,
                () -> TrainSettings.preset("smoke").withCondition("r-mel-no-prefix").with("tau_min", "0.3").checkConsistent());
        assertEquals("tau_min=0.3 contradicts condition r-mel-no-prefix (tau_min is 0 there)", e.getMessage());
    }

    @Test
    void specRoundTripsEverySetting() {
        TrainSettings s = TrainSettings.preset("default").with("seed", "7");
        TrainSettings back = TrainSettings.fromSpec(s.asMap(), "run.json");
        assertEquals(s.asMap(), back.asMap());
        var missing = new java.util.LinkedHashMap<>(s.asMap());
        missing.remove("k");
        var e = assertThrows(BadInputException.class, () -> TrainSettings.fromSpec(missing, "x/run.json"));
        assertTrue(e.getMessage().contains("x/run.json") && e.getMessage().contains("'k'"));
    }

    @Test
    void runsWrittenBeforeTheReadingsReadBackAsTheyRan() {
        var old = new java.util.LinkedHashMap<>(TrainSettings.preset("default").asMap());
        for (String key : java.util.List.of("lcp_rule", "revision_mode", "revision_in_grpo", "no_prefix_reading",
                "extra_match", "answer_step_experience", "primed_template", "eval_size_ood")) {
            old.remove(key);
        }
        old.put("eval_size", 32);
        TrainSettings back = TrainSettings.fromSpec(old, "run.json");
        assertEquals("forced", back.string("revision_mode"));
        assertEquals("fixed", back.string("lcp_rule"));
        assertTrue(back.bool("revision_in_grpo"));
        assertEquals("calls", back.string("extra_match"));
        assertEquals("drop", back.string("answer_step_experience"));
        assertEquals(32, back.integer("eval_size_ood"), "one size for every set then");
    }

    @Test
    void heldOutSetsOfTheTrainingDistributionAreSizedApartFromTheHarderOnes() {
        ArithTaskSource source = new ArithTaskSource(1, 96, 400, 64);
        assertEquals(400, source.benchmark("arith-2op-1d").size());
        assertEquals(400, source.benchmark("arith-3op-1d").size());
        assertEquals(64, source.benchmark("arith-3op-2d").size());
        TrainSettings d = TrainSettings.preset("default");
        assertEquals(400, d.integer("eval_size"));
        assertEquals(64, d.integer("eval_size_ood"));
    }

    @Test
    void theWarmStartTeacherIsASettingOfItsCacheKeyAndOlderRunsReadAsExact() {
        TrainSettings exact = TrainSettings.preset("default").with("warm_start_noise", "none");
        TrainSettings sloppy = exact.with("warm_start_noise", "drop_carry").with("warm_start_noise_rate", "0.6");
        assertEquals(exact.with("warm_start_noise_rate", "0.3").warmStartKey(), exact.warmStartKey(),
                "the rate of no noise does not change the exact teacher's weights");
        assertFalse(exact.warmStartKey().containsKey("warm_start_noise"), "keys cached before the setting stay valid");
        assertEquals("drop_carry", sloppy.warmStartKey().get("warm_start_noise"));
        assertFalse(WarmStart.key(exact).equals(WarmStart.key(sloppy)));
        assertFalse(WarmStart.key(sloppy).equals(WarmStart.key(sloppy.with("warm_start_noise_rate", "0.7"))));
        assertThrows(BadInputException.class, () -> exact.with("warm_start_noise", "careless"));
        assertThrows(BadInputException.class, () -> exact.with("warm_start_noise_rate", "1.5"));

        java.util.Map<String, Object> old = new java.util.LinkedHashMap<>(sloppy.asMap());
        old.remove("warm_start_noise");
        old.remove("warm_start_noise_rate");
        TrainSettings back = TrainSettings.fromSpec(old, "run.json");
        assertEquals("none", back.string("warm_start_noise"));
        assertEquals(0.0, back.doubleValue("warm_start_noise_rate"));
        assertTrue(WarmStart.class.getResource("/org/rmel/train/warm-start/" + WarmStart.key(TrainSettings.preset("default"))
                + "/model.safetensors") != null, "the default's warm start ships in the jar, so a default run starts RL at once");
        assertEquals(List.of("arith-2op-1d", "arith-3op-1d"), new ArithTaskSource(1, 96, 4, 4).inDistributionBenchmarks(),
                "the held-out sets of the pool's tiers, which analyze pools to judge learning");
    }
}
