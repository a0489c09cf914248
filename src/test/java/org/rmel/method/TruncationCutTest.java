package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TruncationCutTest {

    @Test
    void cutsAtTheExactFloorWhereDoubleArithmeticWouldNot() {
        assertEquals(62, (int) (0.7 * 90), "the double product is 62.99999..., the trap this class avoids");
        assertEquals(63, TruncationCut.at(0.7, 90));
        assertEquals(118, (int) (0.7 * 170));
        assertEquals(119, TruncationCut.at(0.7, 170));
        assertEquals(7, TruncationCut.at(0.7, 10));
        assertEquals(3, TruncationCut.at(0.3, 10));
        assertEquals(5, TruncationCut.at(0.5, 10));
        assertEquals(3, TruncationCut.at(0.3, 11));
        assertEquals(7, TruncationCut.at(0.7, 11));
        assertEquals(0, TruncationCut.at(0.7, 1));
        assertEquals(0, TruncationCut.at(0.3, 0));
        assertEquals(10, TruncationCut.at(1.0, 10));
        assertEquals(0, TruncationCut.at(0.0, 10));
    }

    @Test
    void rejectsOutOfRangeArguments() {
        assertThrows(IllegalArgumentException.class, () -> TruncationCut.at(-0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> TruncationCut.at(0.5, -1));
    }

    @Test
    void acceptanceComparesLcpWithTauMinTimesLengthExactly() {
        RevisionAcceptance rule = new RevisionAcceptance(0.3);
        assertTrue(rule.prefixKept(3, 10), "3/10 = 0.3 is >= 0.3");
        assertFalse(rule.prefixKept(2, 10));
        assertFalse(rule.prefixKept(3, 11), "3 < 3.3: the floor edge");
        assertTrue(rule.prefixKept(4, 11));
        assertFalse(rule.accepts(false, 10, 10), "unverified is never accepted");
        assertTrue(new RevisionAcceptance(0.0).accepts(true, 0, 10));
        RevisionAcceptance seven = new RevisionAcceptance(0.7);
        assertTrue(seven.prefixKept(7, 10), "0.7*10 is exactly 7 in decimal");
        assertThrows(IllegalArgumentException.class, () -> new RevisionAcceptance(1.2));
    }
}
