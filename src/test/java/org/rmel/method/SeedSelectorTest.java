package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedSelectorTest {

    @Test
    void picksTheLongestFailure() {
        Group g = group("p", fail("a", 1, 2), fail("b", 1, 2, 3, 4), fail("c", 1, 2, 3));
        assertEquals(Optional.of(1), SeedSelector.seedIndex(g));
        assertEquals("b", SeedSelector.seed(g).orElseThrow().id());
    }

    @Test
    void breaksTiesByEarliestIndexNotByLogprob() {
        Trajectory early = new Trajectory("early", new int[] {1, 2, 3}, "x", 0, "", -100.0);
        Trajectory late = new Trajectory("late", new int[] {4, 5, 6}, "y", 0, "", -0.1);
        assertEquals("early", SeedSelector.seed(new Group("p", 1, "1", List.of(early, late))).orElseThrow().id());
        assertEquals("late", SeedSelector.seed(new Group("p", 1, "1", List.of(late, early))).orElseThrow().id());
    }

    @Test
    void ignoresPositivesAndEmptyFailures() {
        assertEquals("b", SeedSelector.seed(group("p", pass("a", 1, 2, 3, 4, 5), fail("b", 1))).orElseThrow().id());
        assertEquals(Optional.empty(), SeedSelector.seed(group("p", fail("a"), fail("b"))));
        assertThrows(IllegalArgumentException.class, () -> RevisionSeed.of(group("p", fail("a"))));
    }
}
