package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionScheduleTest {
    private static final List<Double> TAUS = RevisionSchedule.DEFAULT_TAUS;

    @Test
    void cyclesTheTauListAndTruncatesToTheBudget() {
        assertEquals(List.of(), RevisionSchedule.of(TAUS, 0).taus());
        assertEquals(List.of(0.7), RevisionSchedule.of(TAUS, 1).taus());
        assertEquals(List.of(0.7, 0.5, 0.3), RevisionSchedule.of(TAUS, 3).taus());
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), RevisionSchedule.of(TAUS, 4).taus());
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7, 0.5, 0.3, 0.7), RevisionSchedule.of(TAUS, 7).taus());
        assertEquals(List.of(0.6, 0.6), RevisionSchedule.of(List.of(0.6), 2).taus());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> RevisionSchedule.of(TAUS, -1));
        assertThrows(IllegalArgumentException.class, () -> RevisionSchedule.of(List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> RevisionSchedule.of(List.of(1.5), 1));
        assertThrows(IllegalArgumentException.class, () -> RevisionSchedule.of(List.of(Double.NaN), 1));
    }
}
