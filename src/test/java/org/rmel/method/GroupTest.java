package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTest {

    @Test
    void classifiesOutcomes() {
        assertEquals(GroupOutcome.ALL_NEGATIVE, group("p", fail("a", 1), fail("b", 2)).outcome());
        assertEquals(GroupOutcome.ALL_POSITIVE, group("p", pass("a", 1), pass("b", 2)).outcome());
        assertEquals(GroupOutcome.MIXED, group("p", fail("a", 1), pass("b", 2)).outcome());
        assertEquals(GroupOutcome.ALL_NEGATIVE, group("p", fail("a")).outcome());
    }

    @Test
    void splitsPositivesAndNegativesInGroupOrder() {
        Group g = group("p", fail("a", 1), pass("b", 2), fail("c", 3), pass("d", 4));
        assertEquals(List.of("b", "d"), g.positives().stream().map(Trajectory::id).toList());
        assertEquals(List.of("a", "c"), g.negatives().stream().map(Trajectory::id).toList());
        assertArrayEquals(new double[] {0, 1, 0, 1}, g.rewards());
    }

    @Test
    void rejectsInvalidGroupsAndRewards() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> group("p7", fail("a", 1), pass("a", 2)));
        assertTrue(dup.getMessage().contains("p7") && dup.getMessage().contains("duplicate"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Group("p", 1, "1", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Group("p", 0, "1", List.of(fail("a", 1))));
        IllegalArgumentException reward = assertThrows(IllegalArgumentException.class,
                () -> new Trajectory("t9", new int[] {1}, "x", 0.5, "", 0));
        assertTrue(reward.getMessage().contains("t9"), reward.getMessage());
    }

    @Test
    void trajectoryIsImmutableAndComparesTokenContents() {
        int[] tokens = {1, 2, 3};
        Trajectory t = fail("a", tokens);
        tokens[0] = 99;
        t.tokens()[1] = 99;
        assertArrayEquals(new int[] {1, 2, 3}, t.tokens());
        assertEquals(fail("a", 1, 2, 3), t);
        assertEquals(fail("a", 1, 2, 3).hashCode(), t.hashCode());
        assertNotEquals(fail("a", 1, 2, 4), t);
        assertArrayEquals(new int[] {1, 2}, t.prefix(2));
        assertThrows(IllegalArgumentException.class, () -> t.prefix(4));
    }

    @Test
    void mergingMoreTrajectoriesCanMakeAGroupMixed() {
        Group g = group("p", fail("a", 1), fail("b", 2));
        Group merged = g.with(List.of(pass("x1", 3)));
        assertEquals(GroupOutcome.MIXED, merged.outcome());
        assertEquals(3, merged.size());
        assertEquals(g.promptId(), merged.promptId());
        assertEquals(2, g.size(), "the original group is unchanged");
    }
}
