package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    void cliNamesRoundTrip() {
        assertEquals(List.of("mel", "mel-extra", "r-mel", "r-mel-no-prefix", "r-mel-b1", "r-mel-adaptive"),
                Arrays.stream(Condition.values()).map(Condition::cliName).toList());
        for (Condition c : Condition.values()) {
            assertEquals(c, Condition.fromCliName(c.cliName()));
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.fromCliName("rmel"));
        assertTrue(e.getMessage().contains("'rmel'"), e.getMessage());
        assertTrue(e.getMessage().contains("mel, mel-extra, r-mel, r-mel-no-prefix, r-mel-b1, r-mel-adaptive"),
                e.getMessage());
    }

    @Test
    void eachConditionSaysWhatItDoesWithAllNegativeGroups() {
        assertFalse(Condition.MEL.revises());
        assertFalse(Condition.MEL.spendsExtraRollouts());
        assertTrue(Condition.MEL_EXTRA.spendsExtraRollouts());
        assertFalse(Condition.MEL_EXTRA.revises());
        for (Condition c : List.of(Condition.R_MEL, Condition.R_MEL_NO_PREFIX, Condition.R_MEL_B1, Condition.R_MEL_ADAPTIVE)) {
            assertTrue(c.revises(), c.cliName());
            assertFalse(c.spendsExtraRollouts(), c.cliName());
        }
        assertTrue(Condition.R_MEL_ADAPTIVE.adaptive());
        assertFalse(Condition.R_MEL.adaptive());
        assertEquals(OptionalDouble.of(0.0), Condition.R_MEL_NO_PREFIX.tauMinOverride());
        assertEquals(OptionalInt.of(1), Condition.R_MEL_B1.budgetOverride());
        assertEquals(OptionalInt.empty(), Condition.R_MEL.budgetOverride());
        assertEquals("R-MEL w/o prefix", Condition.R_MEL_NO_PREFIX.label());
    }
}
