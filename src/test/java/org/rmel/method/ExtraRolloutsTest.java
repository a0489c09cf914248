package org.rmel.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rmel.method.Fixtures.fail;
import static org.rmel.method.Fixtures.group;
import static org.rmel.method.Fixtures.pass;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraRolloutsTest {

    @Test
    void plansBFreshRolloutsForEachAllNegativeGroupOnly() {
        Group neg1 = group("n1", fail("a", 1), fail("b", 2));
        Group mixed = group("m", fail("a", 1), pass("b", 2));
        Group pos = group("p", pass("a", 1));
        Group neg2 = group("n2", fail("a", 3));
        List<ExtraRollouts> plan = ExtraRollouts.plan(List.of(neg1, mixed, pos, neg2), 4);
        assertEquals(List.of("n1", "n2"), plan.stream().map(e -> e.group().promptId()).toList());
        assertEquals(8, ExtraRollouts.total(plan));
        assertEquals(List.of(), ExtraRollouts.plan(List.of(neg1), 0));
        assertEquals("extra", GroupOrigin.EXTRA.wireName());
    }

    @Test
    void mergingTheOutcomesCanTurnTheGroupMixed() {
        ExtraRollouts e = new ExtraRollouts(group("n", fail("a", 1), fail("b", 2)), 2);
        Group stillNegative = e.merge(List.of(fail("x1", 3), fail("x2", 4)));
        assertEquals(GroupOutcome.ALL_NEGATIVE, stillNegative.outcome());
        Group mixed = e.merge(List.of(fail("x1", 3), pass("x2", 4)));
        assertEquals(GroupOutcome.MIXED, mixed.outcome());
        assertEquals(List.of("a", "b", "x1", "x2"), mixed.trajectories().stream().map(Trajectory::id).toList());
        assertThrows(IllegalArgumentException.class, () -> e.merge(List.of(pass("x1", 3))));
        assertThrows(IllegalArgumentException.class, () -> e.merge(List.of(pass("a", 3), pass("x2", 4))),
                "ids must stay unique in the merged group");
        assertThrows(IllegalArgumentException.class, () -> new ExtraRollouts(group("m", pass("a", 1)), 2));
    }
}
