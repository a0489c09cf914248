package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(TrainSettings.validate("k", "eight").startsWith("k:"));
        assertTrue(TrainSettings.validate("colour", "red").contains("unknown setting 'colour'"));
        assertTrue(TrainSettings.validate("condition", "grpo").contains("r-mel-adaptive"));
        assertNull(TrainSettings.validate("k", "8"));
        assertNull(TrainSettings.validate("tau_schedule", "[0.7, 0.5]"));
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
        assertEquals(0.2, paper.doubleValue("clip_eps"));
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
}
