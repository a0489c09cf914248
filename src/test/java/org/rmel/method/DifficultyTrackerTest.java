package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;

import java.util.List;
import org.junit.jupiter.api.Test;

class DifficultyTrackerTest {

    @Test
    void countsAllNegativeVisitsPerPrompt() {
        DifficultyTracker tracker = new DifficultyTracker();
        assertEquals("0/0", tracker.get("q").label());
        assertEquals(0.0, tracker.get("q").frequency());
        tracker.record(group("q", fail("a", 1), fail("b", 2)));
        tracker.record(group("q", fail("a", 1), pass("b", 2)));
        tracker.record(group("q", fail("a", 1)));
        tracker.record("r", false);
        assertEquals("2/3", tracker.get("q").label());
        assertEquals(2.0 / 3, tracker.get("q").frequency(), 1e-12);
        assertEquals("0/1", tracker.get("r").label());
        assertEquals(List.of("q", "r"), List.copyOf(tracker.all().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new DifficultyTracker.Difficulty(1, 2));
    }
}
