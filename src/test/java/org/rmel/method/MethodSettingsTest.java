package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MethodSettingsTest {

    @Test
    void defaultsFollowThePaperAndTheConditionsFixedValues() {
        MethodSettings rmel = MethodSettings.defaults(Condition.R_MEL);
        assertEquals(4, rmel.budget());
        assertEquals(0.3, rmel.tauMin());
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), rmel.revisionSchedule().taus());
        assertEquals(0, rmel.extraRolloutsPerGroup());

        assertEquals(List.of(0.7), MethodSettings.defaults(Condition.R_MEL_B1).revisionSchedule().taus());
        assertEquals(0.0, MethodSettings.defaults(Condition.R_MEL_NO_PREFIX).tauMin());
        assertEquals(4, MethodSettings.defaults(Condition.MEL_EXTRA).extraRolloutsPerGroup());
        assertEquals(List.of(), MethodSettings.defaults(Condition.MEL_EXTRA).revisionSchedule().taus());
        assertEquals(List.of(), MethodSettings.defaults(Condition.MEL).revisionSchedule().taus());
    }

    @Test
    void requestedValuesApplyUnlessTheConditionFixesThem() {
        MethodSettings s = MethodSettings.resolve(Condition.R_MEL, List.of(0.6, 0.4), OptionalInt.of(3), OptionalDouble.of(0.2));
        assertEquals(List.of(0.6, 0.4, 0.6), s.revisionSchedule().taus());
        assertEquals(0.2, s.tauMin());
        assertEquals(1, MethodSettings.resolve(Condition.R_MEL_B1, List.of(0.7), OptionalInt.of(1), OptionalDouble.empty()).budget());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodSettings.resolve(
                Condition.R_MEL_B1, RevisionSchedule.DEFAULT_TAUS, OptionalInt.of(4), OptionalDouble.empty()));
        assertEquals("condition r-mel-b1 fixes budget = 1; got 4", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> MethodSettings.resolve(
                Condition.R_MEL_NO_PREFIX, RevisionSchedule.DEFAULT_TAUS, OptionalInt.empty(), OptionalDouble.of(0.3)));
        assertTrue(t.getMessage().contains("tau_min"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodSettings.resolve(
                Condition.R_MEL, List.of(), OptionalInt.empty(), OptionalDouble.empty()));
    }
}
